package io.github.javaopenai.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link LoopbackServer} in a JVM of its own, so that its CPU time and allocations are
 * not counted against the clients measured.
 */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final List<Integer> ports;

    private ServerProcess(Process process, List<Integer> ports) {
        this.process = process;
        this.ports = ports;
    }

    /** Starts a server with the given {@code java} executable and class path, and waits for its port. */
    static ServerProcess start(String java, String classpath) throws IOException {
        return start(List.of(java, "-Xms256m", "-cp", classpath, LoopbackServer.class.getName()), "PORT ");
    }

    /**
     * Starts a server with the given command and waits for the line, starting with {@code prefix},
     * that lists its ports.
     */
    static ServerProcess start(List<String> command, String prefix) throws IOException {
        Process process = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith(prefix)) {
            process.destroyForcibly();
            throw new IOException("the server did not start: " + line);
        }
        return new ServerProcess(process, java.util.Arrays.stream(line.substring(prefix.length()).trim().split(" "))
                .map(Integer::valueOf).toList());
    }

    /** Returns the ports the server listens on, in the order it printed them. */
    List<Integer> ports() {
        return ports;
    }

    /** Returns the base URL for a path prefix such as {@code "/e20000"}, ending in /v1. */
    String baseUrl(String prefix) {
        return "http://127.0.0.1:" + ports.get(0) + prefix + "/v1";
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
