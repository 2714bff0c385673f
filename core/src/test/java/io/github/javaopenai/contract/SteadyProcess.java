package io.github.javaopenai.contract;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One running Steady server on a free loopback port; {@link #close()} ends it and its children.
 *
 * <p>The npm launcher is a Node script that spawns a native binary, so closing destroys the
 * whole process tree, and a shutdown hook does the same if the JVM exits without closing.
 */
final class SteadyProcess implements AutoCloseable {
    private static final String LOOPBACK = "127.0.0.1";
    private static final int PORT_ATTEMPTS = 3;
    private static final long POLL_MILLIS = 50;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    private final Process process;
    private final URI baseUrl;
    private final Thread shutdownHook;

    private SteadyProcess(Process process, URI baseUrl) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.shutdownHook = new Thread(() -> destroyTree(process), "steady-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Returns the server root, such as {@code http://127.0.0.1:41234}, with no trailing slash. */
    URI baseUrl() {
        return baseUrl;
    }

    /**
     * Starts Steady with {@code node} on a free port and waits until its health check answers,
     * trying another port if the chosen one was taken meanwhile.
     */
    static SteadyProcess start(SteadySettings settings, Path node, Path launcher)
            throws SteadyUnavailableException {
        for (int attempt = 1; ; attempt++) {
            int port = freePort();
            Path log = settings.logDir().resolve("steady.log");
            Process process = launch(settings, node, launcher, port, log);
            URI baseUrl = URI.create("http://" + LOOPBACK + ":" + port);
            if (awaitHealthy(process, baseUrl, log)) {
                return new SteadyProcess(process, baseUrl);
            }
            if (!portWasTaken(log) || attempt == PORT_ATTEMPTS) {
                throw SteadyUnavailableException.withLog(
                        "Steady exited with " + process.exitValue() + " before it was ready", log);
            }
        }
    }

    @Override
    public void close() {
        destroyTree(process);
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or about to; nothing left to undo.
        }
    }

    /** Asks the process and its descendants to stop, then kills whatever is left. */
    static void destroyTree(Process process) {
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static Process launch(
            SteadySettings settings, Path node, Path launcher, int port, Path log)
            throws SteadyUnavailableException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                node.toString(), launcher.toString(),
                "--host", LOOPBACK, "-p", Integer.toString(port), "--no-color",
                "--validator-query-array-format=brackets", "--validator-form-array-format=brackets",
                "--validator-query-object-format=brackets", "--validator-form-object-format=brackets",
                settings.spec().toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        try {
            Files.createDirectories(settings.logDir());
            return builder.start();
        } catch (IOException e) {
            throw new SteadyUnavailableException("cannot run " + node + ": " + e, e);
        }
    }

    /** Polls the health endpoint; returns false if the process exited first. */
    private static boolean awaitHealthy(Process process, URI baseUrl, Path log)
            throws SteadyUnavailableException {
        HttpClient client = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
        HttpRequest health = HttpRequest.newBuilder(baseUrl.resolve("/_x-steady/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + SteadySettings.START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                return false;
            }
            if (answers(client, health)) {
                return true;
            }
            pause(process);
        }
        destroyTree(process);
        throw SteadyUnavailableException.withLog("Steady was not healthy within "
                + SteadySettings.START_TIMEOUT.toSeconds() + " s at " + baseUrl, log);
    }

    private static boolean answers(HttpClient client, HttpRequest health)
            throws SteadyUnavailableException {
        try {
            return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYetListening) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SteadyUnavailableException("interrupted while waiting for Steady", e);
        }
    }

    private static void pause(Process process) throws SteadyUnavailableException {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            destroyTree(process);
            Thread.currentThread().interrupt();
            throw new SteadyUnavailableException("interrupted while waiting for Steady", e);
        }
    }

    private static boolean portWasTaken(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains("Address already in use");
        } catch (IOException e) {
            return false;
        }
    }

    /** Asks the OS for a free loopback port; it stays free only until someone else binds it. */
    private static int freePort() throws SteadyUnavailableException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new SteadyUnavailableException("cannot find a free port on " + LOOPBACK + ": " + e, e);
        }
    }
}
