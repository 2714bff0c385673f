package io.github.javaopenai.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How fast the command line starts: the offline {@code java-openai chat hi} (no API key, so the
 * embedded server answers) run through the real launcher {@code bin/java-openai} of the
 * distribution archive, against {@code java -version} of the same Java on the same machine. The
 * two run in turns, so load from other processes touches both alike, and the figure is the ratio
 * of their median walls. A first run of each is a warm-up; for the launcher it is also the run
 * that writes its start-up (CDS) archive into the user's cache, here a fresh temporary HOME.
 *
 * <p>Run as {@code CliStart [archive.tar.gz]}; default {@code cli/target/java-openai-cli-dist.tar.gz},
 * built by {@code mvn -pl cli -am package}. Exits 1 when the target is missed.
 */
public final class CliStart {

    /** The target: the chat within this many times the wall of {@code java -version}. */
    public static final double TARGET_RATIO = 10;

    /** Rounds of each command after the warm-up. */
    public static final int ROUNDS = 7;

    private static final String EXPECTED = "[offline java-openai server] You said: hi";
    private static final long TIMEOUT_SECONDS = 120;

    private CliStart() {
    }

    /**
     * The figures of one measurement.
     *
     * @param javaVersionMillis median wall of {@code java -version}
     * @param chatMillis median wall of {@code bin/java-openai chat hi}
     * @param ratio {@code chatMillis / javaVersionMillis}
     * @param classesLoaded classes one run of the chat loads
     * @param classesShared of those, how many came from a CDS archive (the JDK's or the launcher's)
     * @param javaVersionSamples each round's wall of {@code java -version}, in milliseconds
     * @param chatSamples each round's wall of the chat, in milliseconds
     */
    public record Figures(double javaVersionMillis, double chatMillis, double ratio, int classesLoaded,
            int classesShared, List<Double> javaVersionSamples, List<Double> chatSamples) {

        /** Whether the ratio is within {@link #TARGET_RATIO}. */
        public boolean met() {
            return ratio <= TARGET_RATIO;
        }
    }

    /** Prints the figures; exits 1 when the target is missed. */
    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args.length > 0 ? args[0] : "cli/target/java-openai-cli-dist.tar.gz");
        Figures figures = measure(archive, ROUNDS);
        System.out.printf("cli start: java -version median %.0f ms %s%n", figures.javaVersionMillis(),
                rounded(figures.javaVersionSamples()));
        System.out.printf("cli start: bin/java-openai chat hi median %.0f ms %s%n", figures.chatMillis(),
                rounded(figures.chatSamples()));
        System.out.printf("cli start: classes loaded by one chat %d, %d of them from CDS archives%n",
                figures.classesLoaded(), figures.classesShared());
        System.out.printf("cli start: ratio %.1fx, target at most %.0fx: %s%n", figures.ratio(), TARGET_RATIO,
                figures.met() ? "met" : "MISSED");
        System.exit(figures.met() ? 0 : 1);
    }

    /**
     * Unpacks the archive into a temporary folder, then runs {@code java -version} and the chat in
     * turns: one warm-up each, then {@code rounds} each; then one more chat that logs the classes it
     * loads. The folder is deleted afterwards.
     *
     * @throws IllegalStateException when a run fails or the chat answers something unexpected
     */
    public static Figures measure(Path archive, int rounds) throws IOException, InterruptedException {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no distribution archive at " + archive.toAbsolutePath()
                    + ": build it with mvn -pl cli -am package");
        }
        Path dir = Files.createTempDirectory("cli-start");
        try {
            Path home = Files.createDirectories(dir.resolve("home"));
            Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
            run(List.of("tar", "-xzf", archive.toAbsolutePath().toString(), "-C", unpacked.toString()), home, Map.of());
            Path launcher;
            try (Stream<Path> top = Files.list(unpacked)) {
                launcher = top.findFirst().orElseThrow().resolve("bin/java-openai");
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> version = List.of(java, "-version");
            List<String> chat = List.of(launcher.toString(), "chat", "hi");

            run(version, home, Map.of());
            check(run(chat, home, Map.of()));
            List<Double> versionWalls = new ArrayList<>();
            List<Double> chatWalls = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                versionWalls.add(timed(version, home));
                chatWalls.add(timed(chat, home));
            }

            Path log = dir.resolve("classes.log");
            check(run(chat, home, Map.of("JAVA_OPENAI_OPTS", "-Xlog:class+load:file=" + log)));
            List<String> loaded = Files.readAllLines(log, StandardCharsets.UTF_8);
            int shared = (int) loaded.stream().filter(line -> line.contains("source: shared objects file")).count();

            double versionMedian = median(versionWalls);
            double chatMedian = median(chatWalls);
            return new Figures(versionMedian, chatMedian, chatMedian / versionMedian, loaded.size(), shared,
                    versionWalls, chatWalls);
        } finally {
            deleteTree(dir);
        }
    }

    private static void check(String out) {
        if (!out.strip().equals(EXPECTED)) {
            throw new IllegalStateException("the chat answered " + out.strip() + ", not " + EXPECTED);
        }
    }

    private static double timed(List<String> command, Path home) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(command, home, Map.of());
        return (System.nanoTime() - start) / 1e6;
    }

    /** Runs a command as a user with a fresh HOME and no key would, returning its stdout. */
    private static String run(List<String> command, Path home, Map<String, String> extra)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = builder.environment();
        Stream.of("OPENAI_API_KEY", "OPENAI_BASE_URL", "JAVA_OPENAI_OPTS", "JAVA_OPENAI_CDS", "JAVA_TOOL_OPTIONS",
                "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "XDG_CACHE_HOME").forEach(env::remove);
        env.put("HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(extra);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("did not finish in " + TIMEOUT_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + ": " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    static double median(List<Double> samples) {
        return new Stats(samples).median();
    }

    private static String rounded(List<Double> samples) {
        return Arrays.toString(samples.stream().mapToLong(Math::round).toArray());
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
