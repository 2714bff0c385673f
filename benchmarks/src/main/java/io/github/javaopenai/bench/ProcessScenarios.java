package io.github.javaopenai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The scenarios that need whole processes: cold start, footprint, many streams, a huge stream. */
final class ProcessScenarios {

    private static final Path GNU_TIME = Path.of("/usr/bin/time");
    /** The pause between events of the many-streams scenario: all streams are open at once. */
    private static final int PACE_MILLIS = 300;

    private final Settings settings;
    private final ServerProcess server;
    private final List<Figure> figures;
    private final List<String> notes;

    ProcessScenarios(Settings settings, ServerProcess server, List<Figure> figures, List<String> notes) {
        this.settings = settings;
        this.server = server;
        this.figures = figures;
        this.notes = notes;
    }

    /** Starts a JVM per run that builds a client, sends one request and exits: wall and peak RSS. */
    void coldStart() throws Exception {
        Map<Clients, String> classpaths = new LinkedHashMap<>();
        classpaths.put(Clients.FLOOR, Classpath.join(with(Classpath.jackson())));
        classpaths.put(Clients.THIS_CALLBACK, Classpath.join(with(Classpath.thisLibrary())));
        classpaths.put(Clients.OFFICIAL, Classpath.join(with(Classpath.officialSdk())));
        boolean rss = Files.isExecutable(GNU_TIME);
        if (!rss) {
            notes.add("Peak RSS of cold starts was not measured: GNU time (/usr/bin/time) is not installed.");
        }
        InProcessScenarios.Samples samples = new InProcessScenarios.Samples();
        for (int run = 0; run < settings.coldRuns(); run++) {
            for (Map.Entry<Clients, String> client : classpaths.entrySet()) {
                Path rssFile = Files.createTempFile("bench-rss", ".txt");
                List<String> command = new ArrayList<>();
                if (rss) {
                    command.addAll(List.of(GNU_TIME.toString(), "-f", "%M", "-o", rssFile.toString()));
                }
                command.addAll(List.of(Settings.javaOfThisJvm(), "-cp", client.getValue(),
                        ColdStart.class.getName(), client.getKey().id(), server.baseUrl("")));
                long start = System.nanoTime();
                String output = run(command, 120);
                double millis = (System.nanoTime() - start) / 1e6;
                if (!output.contains("answer: " + Payloads.ANSWER.length() + " chars")) {
                    throw new IllegalStateException(client.getKey() + " cold start failed:\n" + output);
                }
                String label = client.getKey() == Clients.THIS_CALLBACK ? "THIS" : client.getKey().name();
                samples.add(label, "wall", millis);
                if (rss) {
                    samples.add(label, "peak RSS", Long.parseLong(Files.readString(rssFile).trim()) / 1024.0);
                }
                Files.deleteIfExists(rssFile);
            }
        }
        samples.addTo(figures, "Cold start", Map.of("wall", "ms", "peak RSS", "MiB"));
    }

    private static List<Path> with(List<Path> jars) {
        List<Path> all = new ArrayList<>();
        all.add(Classpath.harness());
        all.addAll(jars);
        return all;
    }

    /** Weighs the runtime jars of each client. */
    void footprint() {
        record Client(String name, List<Path> jars) { }
        for (Client client : List.of(new Client("FLOOR", Classpath.jackson()),
                new Client("THIS", Classpath.thisLibrary()), new Client("OFFICIAL", Classpath.officialSdk()))) {
            notes.add(client.name() + " runtime jars: " + String.join(", ",
                    client.jars().stream().map(jar -> jar.getFileName().toString()).toList()) + ".");
            figures.add(new Figure("Footprint", "runtime jars", "MB", client.name(),
                    new Stats(List.of(Classpath.bytes(client.jars()) / 1e6)), true));
            figures.add(new Figure("Footprint", "jar count", "", client.name(),
                    new Stats(List.of((double) client.jars().size())), true));
        }
    }

    /** Streams many chat completions at once on virtual threads in a JVM of JDK 21 or later. */
    void manyStreams() throws Exception {
        String java = settings.java21() != null ? settings.java21() : Settings.javaOfThisJvm();
        if (settings.java21() == null) {
            notes.add("No JDK 21+ was found for the virtual-thread scenario: it ran on platform threads.");
        }
        // A server of the same JDK, so that it too serves every connection on a virtual thread.
        try (ServerProcess paced = ServerProcess.start(java, Classpath.join(with(Classpath.jackson())))) {
            String output = run(List.of(java, "-Xmx512m", "-cp", Classpath.join(with(Classpath.thisLibrary())),
                    ManyStreams.class.getName(), paced.baseUrl("/e" + settings.manyStreamEvents() + "/p" + PACE_MILLIS),
                    String.valueOf(settings.manyStreams()), String.valueOf(settings.manyStreamEvents())), 900);
            Map<String, String> result = require(ChildResult.parse(output), "many streams", output);
            String scenario = String.format("%,d concurrent streams", settings.manyStreams());
            figures.add(single(scenario, "errors", "", result.get("errors")));
            figures.add(single(scenario, "completion time", "s", result.get("seconds")));
            figures.add(single(scenario, "peak heap", "MiB", mib(result.get("peakHeapBytes"))));
            figures.add(single(scenario, "live heap, all streams open", "MiB", mib(result.get("liveHeapAllOpenBytes"))));
            figures.add(single(scenario, "streams open at that moment", "", result.get("openAtGc")));
            notes.add(String.format("Concurrent streams: JDK %s, virtual threads: %s, -Xmx512m, %d events per stream"
                    + " paced %d ms apart by the server, streams started 5 per ms. Peak heap is sampled every 5 ms"
                    + " (G1 lets a capped heap fill up before collecting); the live heap is measured by a full GC"
                    + " once every stream has received its first event. First error: %s.",
                    result.get("java"), result.get("virtualThreads"), settings.manyStreamEvents(), PACE_MILLIS,
                    result.get("firstError")));
        }
    }

    /** The hold of each answer in the async scenario. */
    private static final int ASYNC_HOLD_MILLIS = 300;

    /**
     * Puts many chat completions in flight at once ({@link ManyAsyncCalls}): through
     * {@code client.async()} on this JDK, and with the blocking client on a thread per call, virtual
     * (JDK 21+) and platform ones; failures, the JVM's peak thread count and the heap.
     */
    void asyncCalls() throws Exception {
        record Mode(String label, String java, String mode) { }
        String thisJava = Settings.javaOfThisJvm();
        int feature = Runtime.version().feature();
        List<Mode> modes = new ArrayList<>();
        modes.add(new Mode("THIS async (JDK " + feature + ")", thisJava, "async"));
        if (settings.java21() != null) {
            modes.add(new Mode("THIS blocking, a virtual thread per call (JDK 21+)", settings.java21(), "blocking"));
        }
        if (feature < 21) {
            modes.add(new Mode("THIS blocking, a platform thread per call (JDK " + feature + ")", thisJava, "blocking"));
        }
        String scenario = String.format("%,d calls in flight, each held %d ms", settings.asyncCalls(), ASYNC_HOLD_MILLIS);
        for (Mode mode : modes) {
            String output = run(List.of(mode.java(), "-Xmx512m", "-cp", Classpath.join(with(Classpath.thisLibrary())),
                    ManyAsyncCalls.class.getName(), String.valueOf(settings.asyncCalls()),
                    String.valueOf(ASYNC_HOLD_MILLIS), mode.mode()), 600);
            Map<String, String> result = require(ChildResult.parse(output), "async calls", output);
            figures.add(single(scenario, "failed calls", "", mode.label(),
                    String.valueOf(settings.asyncCalls() - Long.parseLong(result.get("succeeded")))));
            figures.add(single(scenario, "peak threads", "", mode.label(), result.get("peakThreads")));
            figures.add(single(scenario, "peak heap", "MiB", mode.label(), mib(result.get("peakHeapBytes"))));
            figures.add(single(scenario, "completion time", "s", mode.label(), result.get("seconds")));
        }
        notes.add("Calls in flight: one thread sends every call before the first answer can come back; peak"
                + " threads is the JVM's own count (ThreadMXBean, its GC, JIT and other threads included), -Xmx512m.");
    }

    /**
     * Times the offline {@code java-openai chat hi} through the distribution's launcher against
     * {@code java -version}, in turns ({@link CliStart}), when the archive was built.
     */
    void cliStart(Path archive, int rounds) throws Exception {
        if (!Files.isRegularFile(archive)) {
            notes.add("Command line start was not measured: no distribution archive at " + archive
                    + " (build it with ./mvnw -pl cli -am package).");
            return;
        }
        CliStart.Figures measured = CliStart.measure(archive, rounds);
        String scenario = "Command line start";
        figures.add(new Figure(scenario, "wall", "ms", "java -version", new Stats(measured.javaVersionSamples()), true));
        figures.add(new Figure(scenario, "wall", "ms", "java-openai chat hi (offline)",
                new Stats(measured.chatSamples()), true));
        figures.add(single(scenario, "classes loaded", "", "java-openai chat hi (offline)",
                String.valueOf(measured.classesLoaded())));
        figures.add(single(scenario, "classes from CDS archives", "", "java-openai chat hi (offline)",
                String.valueOf(measured.classesShared())));
        notes.add("Command line start: bin/java-openai of the distribution archive, a fresh HOME (its first run"
                + " makes the start-up archive), one warm-up each, then " + rounds + " rounds of each command in turns.");
    }

    /** Pulls one huge stream in a 64 MB heap. */
    void bigStream() throws Exception {
        String output = run(List.of(Settings.javaOfThisJvm(), "-Xmx64m", "-cp",
                Classpath.join(with(Classpath.thisLibrary())), BigStream.class.getName(),
                server.baseUrl("/b" + settings.bigStreamBytes())), 900);
        Map<String, String> result = require(ChildResult.parse(output), "big stream", output);
        String scenario = String.format("%,d MB stream in -Xmx64m", settings.bigStreamBytes() >> 20);
        figures.add(single(scenario, "events", "", result.get("events")));
        figures.add(single(scenario, "seconds", "s", result.get("seconds")));
        figures.add(single(scenario, "peak heap", "MiB", mib(result.get("peakHeapBytes"))));
        figures.add(single(scenario, "peak heap after GC", "MiB", mib(result.get("peakLiveHeapBytes"))));
    }

    private static String mib(String bytes) {
        return String.valueOf(Long.parseLong(bytes) / (1024.0 * 1024));
    }

    private static Figure single(String scenario, String metric, String unit, String value) {
        return single(scenario, metric, unit, "THIS", value);
    }

    private static Figure single(String scenario, String metric, String unit, String client, String value) {
        return new Figure(scenario, metric, unit, client, new Stats(List.of(Double.parseDouble(value))), true);
    }

    private static Map<String, String> require(Map<String, String> result, String what, String output) {
        if (result.isEmpty()) {
            throw new IllegalStateException(what + " printed no result:\n" + output);
        }
        return result;
    }

    /** Runs a command, returning its standard output and error; fails if it fails. */
    static String run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("bench-child", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + command);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException("exit " + process.exitValue() + ": " + command + "\n" + output);
            }
            return output;
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
