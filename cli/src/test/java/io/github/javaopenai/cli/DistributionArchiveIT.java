package io.github.javaopenai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloadable archive built by {@code package}, unpacked into a temporary folder and run the
 * way a user runs it: with Java on the PATH and nothing else, no Maven, no repository, no key.
 */
class DistributionArchiveIT {

    private static final String HELLO = "Write a 'Hello world' program in Lua";

    /** The archives' path without the extension, set by the build. */
    private static final String DIST = System.getProperty("java-openai.dist");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    @Test
    void unpackedTarballAnswersAChatOfflineWithOnlyJavaOnThePath() throws Exception {
        Path home = unpackTarball();
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        assertThat(onPath(javaBin.toString(), "java")).as("java on the PATH").isTrue();
        assertThat(onPath(javaBin.toString(), "mvn")).as("mvn on the PATH").isFalse();

        Path work = Files.createDirectories(dir.resolve("work"));
        Run run = run(List.of(home.resolve("bin/java-openai").toString(), "chat", HELLO), javaBin.toString(), work);

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("[offline java-openai server] You said: " + HELLO + "\n");
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("embedded offline server");
    }

    @Test
    void secondRunMapsTheCommandLinesClassesFromTheStartUpArchiveTheFirstRunMade() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));
        assertAnswers(chat(home, work, Map.of()));
        assertThat(startUpArchives(work)).hasSize(1);

        Path log = dir.resolve("classes.log");
        assertAnswers(chat(home, work, Map.of("JAVA_OPENAI_OPTS", "-Xlog:class+load:file=" + log)));

        List<String> cliClasses = Files.readAllLines(log).stream()
                .filter(line -> line.contains(" io.github.javaopenai.cli.") && !line.contains("$$Lambda$")).toList();
        assertThat(cliClasses).isNotEmpty().allMatch(line -> line.endsWith("source: shared objects file"));
    }

    @Test
    void corruptStartUpArchiveIsIgnoredAndTheCommandStillAnswers() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));
        assertAnswers(chat(home, work, Map.of()));
        Path archive = startUpArchives(work).get(0);
        byte[] garbage = new byte[64 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        archive.toFile().setWritable(true);
        Files.write(archive, garbage);

        assertAnswers(chat(home, work, Map.of()));
        assertAnswers(chat(home, work, Map.of()));
    }

    @Test
    void truncatedStartUpArchiveIsIgnoredAndTheCommandStillAnswers() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));
        assertAnswers(chat(home, work, Map.of()));
        Path archive = startUpArchives(work).get(0);
        byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(archive), 4096);
        archive.toFile().setWritable(true);
        Files.write(archive, start);

        assertAnswers(chat(home, work, Map.of()));
    }

    @Test
    void deletedStartUpArchiveIsMadeAgain() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));
        assertAnswers(chat(home, work, Map.of()));
        Files.delete(startUpArchives(work).get(0));

        assertAnswers(chat(home, work, Map.of()));
        assertThat(startUpArchives(work)).hasSize(1);
    }

    @Test
    void commandAnswersWhenTheCacheFolderCannotBeMade() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve(".cache"), "a file where the cache folder would go");

        assertAnswers(chat(home, work, Map.of()));
        assertAnswers(chat(home, work, Map.of()));
    }

    @Test
    void startUpArchiveCanBeTurnedOff() throws Exception {
        Path home = unpackTarball();
        Path work = Files.createDirectories(dir.resolve("work"));

        assertAnswers(chat(home, work, Map.of("JAVA_OPENAI_CDS", "off")));
        assertThat(work.resolve(".cache/java-openai")).doesNotExist();
    }

    /** Runs the chat with Java and the system's tools (which the start-up archive needs) on the PATH. */
    private Run chat(Path home, Path work, Map<String, String> env) throws IOException, InterruptedException {
        String path = Path.of(System.getProperty("java.home"), "bin") + File.pathSeparator + "/usr/bin" + File.pathSeparator + "/bin";
        return run(List.of(home.resolve("bin/java-openai").toString(), "chat", HELLO), path, work, env);
    }

    private static void assertAnswers(Run run) {
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("[offline java-openai server] You said: " + HELLO + "\n");
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("embedded offline server");
    }

    /** The launcher's CDS archives in the cache folder of a HOME. */
    private static List<Path> startUpArchives(Path userHome) throws IOException {
        Path cache = userHome.resolve(".cache/java-openai");
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void tarballHoldsTheLaunchersAndEveryRuntimeJar() throws Exception {
        Path home = unpackTarball();
        assertThat(Files.isExecutable(home.resolve("bin/java-openai"))).as("bin/java-openai is executable").isTrue();
        assertThat(Files.readString(home.resolve("bin/java-openai.bat"))).contains("\r\n");
        try (Stream<Path> jars = Files.list(home.resolve("lib"))) {
            assertThat(jars.map(jar -> jar.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("java-openai-cli-"))
                    .anyMatch(name -> name.startsWith("java-openai-testkit-"))
                    .anyMatch(name -> name.matches("java-openai-\\d.*\\.jar"))
                    .anyMatch(name -> name.startsWith("picocli-"))
                    .anyMatch(name -> name.startsWith("jackson-databind-"));
        }
        assertThat(home.resolve("lib/java-openai.classlist")).exists();
        assertThat(home.resolve("LICENSE")).exists();
        assertThat(home.resolve("NOTICE")).exists();
    }

    @Test
    void zipHoldsTheSameFilesAsTheTarball() throws Exception {
        Run listing = run(List.of("tar", "-tzf", DIST + ".tar.gz"), System.getenv("PATH"), dir);
        assertThat(listing.exit()).as(listing.err()).isZero();
        Set<String> tarEntries = listing.out().lines().filter(name -> !name.endsWith("/"))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> zipEntries;
        try (ZipFile zip = new ZipFile(DIST + ".zip")) {
            zipEntries = zip.stream().filter(entry -> !entry.isDirectory()).map(entry -> entry.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertThat(tarEntries).isNotEmpty().isEqualTo(zipEntries);
    }

    /** Unpacks with the system's tar, which keeps the executable bit as a user's tar would. */
    private Path unpackTarball() throws Exception {
        Path target = Files.createDirectories(dir.resolve("unpacked"));
        Run untar = run(List.of("tar", "-xzf", DIST + ".tar.gz", "-C", target.toString()), System.getenv("PATH"), dir);
        assertThat(untar.exit()).as(untar.err()).isZero();
        try (Stream<Path> top = Files.list(target)) {
            List<Path> folders = top.toList();
            assertThat(folders).hasSize(1);
            return folders.get(0);
        }
    }

    private static boolean onPath(String path, String command) {
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, command))) {
                return true;
            }
        }
        return false;
    }

    private Run run(List<String> command, String path, Path workDir) throws IOException, InterruptedException {
        return run(command, path, workDir, Map.of());
    }

    /** Runs a command with an environment that holds only the given PATH and HOME, and the extra variables. */
    private Run run(List<String> command, String path, Path workDir, Map<String, String> env)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", path);
        builder.environment().put("HOME", workDir.toString());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("did not finish in 60 s: " + command);
        }
        return new Run(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
