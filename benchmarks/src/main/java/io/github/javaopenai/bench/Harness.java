package io.github.javaopenai.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs every scenario and writes the report: {@code Harness [--quick] [--runs N] [--out DIR]
 * [--jmh FILE] [--only s1,s2] [--command TEXT]}. Scenarios: streaming, sequential, concurrent,
 * cold, footprint, many, big, async, tls, cli. {@code --quick} runs a tiny workload that only shows the harness
 * works; {@code --runs 3} runs every scenario three times and counts a target as met only when
 * every run met it.
 */
public final class Harness {

    /** Every scenario, in the order they run. */
    static final List<String> SCENARIOS = List.of("streaming", "sequential", "concurrent", "cold", "footprint",
            "many", "big", "async", "tls", "cli");

    private Harness() {
    }

    /** Runs the harness from the command line. */
    public static void main(String[] args) throws Exception {
        Path out = run(args);
        System.out.println("wrote " + out);
        System.exit(0);
    }

    /** Runs the scenarios the arguments name and returns the Markdown file written. */
    static Path run(String... args) throws Exception {
        Settings settings = Settings.full();
        TlsSettings tls = TlsSettings.full();
        Path outDir = Path.of("docs");
        Path jmhFile = null;
        int runs = 1;
        Set<String> only = new LinkedHashSet<>(SCENARIOS);
        String command = "java " + Harness.class.getName() + " " + String.join(" ", args);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> {
                    settings = Settings.quick();
                    tls = TlsSettings.quick();
                }
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--out" -> outDir = Path.of(args[++i]);
                case "--jmh" -> jmhFile = Path.of(args[++i]);
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--command" -> command = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]
                        + "; expected --quick, --runs N, --out DIR, --jmh FILE, --only " + String.join(",", SCENARIOS)
                        + ", --command TEXT");
            }
        }
        if (!SCENARIOS.containsAll(only)) {
            throw new IllegalArgumentException("unknown scenario in " + only + "; expected some of " + SCENARIOS);
        }
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, was " + runs);
        }
        String loadBefore = Report.loadAverage();
        String concurrentScenario = settings.callers() + " concurrent callers";
        JmhResults jmh = jmhFile != null && Files.exists(jmhFile) ? JmhResults.read(jmhFile) : null;
        Set<String> notes = new LinkedHashSet<>();
        List<List<Target>> targetsByRun = new ArrayList<>();
        Results results = null;
        for (int run = 1; run <= runs; run++) {
            if (runs > 1) {
                System.out.println("run " + run + " of " + runs);
            }
            List<Figure> figures = new ArrayList<>();
            runScenarios(settings, tls, only, figures, notes);
            results = new Results(figures);
            targetsByRun.add(Targets.check(results, concurrentScenario, jmh));
        }
        notes.add(String.format("Workload: %d rounds of %d streams of %,d chat events; %,d rounds of %,d"
                + " sequential requests; %d rounds of %,d requests from %d callers; %d cold starts per client.",
                settings.streamRounds(), settings.streamsPerRound(), settings.streamEvents(),
                settings.requestRounds(), settings.requestsPerRound(),
                settings.concurrentRounds(), settings.concurrentRequests(), settings.callers(), settings.coldRuns()));
        notes.add("CPU is the whole client process's CPU time (every thread, GC and JIT included) over the"
                + " round; the server runs in a JVM of its own. Allocation is the bytes allocated by the"
                + " client JVM's threads (live threads only before JDK 21).");
        if (runs > 1) {
            notes.add("Targets were checked in each of " + runs + " full runs of every scenario; the measured column"
                    + " lists each run's figure, and a target counts as met only when every run met it. The"
                    + " tables show the last run.");
        }
        Files.createDirectories(outDir);
        boolean chart = Chart.write(results, concurrentScenario, outDir.resolve("benchmarks"));
        String markdown = Report.markdown(results, Target.acrossRuns(targetsByRun), jmh,
                Report.environment(command, loadBefore), List.copyOf(notes), chart ? "benchmarks" : null);
        Path file = outDir.resolve("BENCHMARKS.md");
        Report.write(file, markdown);
        return file;
    }

    private static void runScenarios(Settings settings, TlsSettings tls, Set<String> only, List<Figure> figures,
            Set<String> notes) throws Exception {
        List<String> noteList = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(Settings.javaOfThisJvm(), Classpath.join(Classpath.entries()))) {
            InProcessScenarios inProcess = new InProcessScenarios(settings, server, figures);
            ProcessScenarios processes = new ProcessScenarios(settings, server, figures, noteList);
            for (String scenario : only) {
                long start = System.nanoTime();
                System.out.println("scenario " + scenario + "...");
                switch (scenario) {
                    case "streaming" -> inProcess.streaming();
                    case "sequential" -> inProcess.sequential();
                    case "concurrent" -> inProcess.concurrent();
                    case "cold" -> processes.coldStart();
                    case "footprint" -> processes.footprint();
                    case "many" -> processes.manyStreams();
                    case "big" -> processes.bigStream();
                    case "async" -> processes.asyncCalls();
                    case "tls" -> new TlsScenarios(tls, figures, noteList).run();
                    case "cli" -> processes.cliStart(Path.of("cli/target/java-openai-cli-dist.tar.gz"),
                            settings.cliRounds());
                    default -> throw new AssertionError(scenario);
                }
                System.out.printf("scenario %s took %.1f s%n", scenario, (System.nanoTime() - start) / 1e9);
            }
        }
        notes.addAll(noteList);
    }
}
