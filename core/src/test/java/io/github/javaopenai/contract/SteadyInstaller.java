package io.github.javaopenai.contract;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Installs the pinned Steady version from npm into the git-ignored cache, once per machine.
 *
 * <p>Concurrent builds are safe: a file lock serializes installers, and each one installs into
 * a temporary directory that is renamed into place only when complete, so readers never see a
 * half-written install.
 */
final class SteadyInstaller {
    private static final Pattern VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");
    private static final long LOCK_POLL_MILLIS = 200;

    private SteadyInstaller() {}

    /**
     * Returns Steady's launcher script, installing it first if the cache lacks the pinned version.
     */
    static Path ensureInstalled(SteadySettings settings) throws SteadyUnavailableException {
        Path installDir = settings.installDir();
        if (!isInstalled(installDir)) {
            try {
                installLocked(settings);
            } catch (IOException e) {
                throw new SteadyUnavailableException("cannot install " + spec() + ": " + e, e);
            }
        }
        return launcher(installDir);
    }

    /** Returns whether {@code dir} holds the pinned version with its platform binary. */
    static boolean isInstalled(Path dir) {
        Path packageJson = dir.resolve("node_modules/@stdy/cli/package.json");
        try {
            Matcher version = VERSION_FIELD.matcher(Files.readString(packageJson, UTF_8));
            return version.find()
                    && version.group(1).equals(SteadySettings.VERSION)
                    && Files.isRegularFile(launcher(dir))
                    && hasPlatformBinary(dir.resolve("node_modules/@stdy"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Finds an executable on the {@code PATH}, trying the Windows suffixes too. */
    static Optional<Path> findOnPath(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(Pattern.quote(File.pathSeparator)))
                .filter(dir -> !dir.isBlank())
                .flatMap(dir -> Stream.of("", ".cmd", ".exe").map(suffix -> Path.of(dir, name + suffix)))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }

    private static Path launcher(Path installDir) {
        return installDir.resolve("node_modules/@stdy/cli/steady.js");
    }

    /** npm skips a failed optional dependency silently, so check the binary really came. */
    private static boolean hasPlatformBinary(Path scope) throws IOException {
        try (DirectoryStream<Path> platforms = Files.newDirectoryStream(scope, "cli-*")) {
            for (Path platform : platforms) {
                if (Files.isDirectory(platform.resolve("bin"))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static void installLocked(SteadySettings settings)
            throws IOException, SteadyUnavailableException {
        Path installDir = settings.installDir();
        Files.createDirectories(installDir.getParent());
        Path lockFile = installDir.resolveSibling("steady.lock");
        try (FileChannel channel =
                FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = acquire(channel, lockFile);
            try {
                // Another build may have finished the install while we waited for the lock.
                if (!isInstalled(installDir)) {
                    install(settings);
                }
            } finally {
                lock.release();
            }
        }
    }

    private static FileLock acquire(FileChannel channel, Path lockFile)
            throws IOException, SteadyUnavailableException {
        long deadline = System.nanoTime() + SteadySettings.INSTALL_TIMEOUT.toNanos() * 2;
        while (System.nanoTime() < deadline) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return lock;
            }
            sleep(LOCK_POLL_MILLIS);
        }
        throw new SteadyUnavailableException("timed out waiting for the install lock " + lockFile);
    }

    private static void install(SteadySettings settings)
            throws IOException, SteadyUnavailableException {
        Path npm = findOnPath("npm")
                .orElseThrow(() -> new SteadyUnavailableException("npm is not on the PATH"));
        Path installDir = settings.installDir();
        Path staging = Files.createTempDirectory(installDir.getParent(), "steady-install-");
        System.err.println("[steady] installing " + spec() + " into " + installDir);
        try {
            runNpm(npm, staging, settings.logDir());
            if (!isInstalled(staging)) {
                throw new SteadyUnavailableException(
                        "npm finished but " + staging + " lacks " + spec() + " or its platform binary");
            }
            replace(installDir, staging);
        } finally {
            deleteRecursively(staging);
        }
    }

    private static void runNpm(Path npm, Path prefix, Path logDir)
            throws IOException, SteadyUnavailableException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve("npm-install.log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                npm.toString(), "install", "--prefix", prefix.toString(), "--no-audit", "--no-fund",
                "--save-exact", "--no-update-notifier", spec()))
                .directory(prefix.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Process process = builder.start();
        if (!waitFor(process, SteadySettings.INSTALL_TIMEOUT.toSeconds())) {
            SteadyProcess.destroyTree(process);
            throw SteadyUnavailableException.withLog(
                    "npm install timed out after " + SteadySettings.INSTALL_TIMEOUT.toSeconds() + " s", log);
        }
        if (process.exitValue() != 0) {
            throw SteadyUnavailableException.withLog(
                    "npm install exited with " + process.exitValue(), log);
        }
    }

    /** Moves a complete install into place, first moving any stale one out of the way. */
    private static void replace(Path installDir, Path staging) throws IOException {
        if (Files.exists(installDir)) {
            Path stale = Files.createTempDirectory(installDir.getParent(), "steady-stale-");
            Files.move(installDir, stale.resolve("steady"), StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(stale);
        }
        Files.move(staging, installDir, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String spec() {
        return SteadySettings.PACKAGE + "@" + SteadySettings.VERSION;
    }

    private static boolean waitFor(Process process, long seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void sleep(long millis) throws SteadyUnavailableException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SteadyUnavailableException("interrupted while waiting for the install lock", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(SteadyInstaller::delete);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
