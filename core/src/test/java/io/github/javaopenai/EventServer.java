package io.github.javaopenai;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback server of chat completion event streams, shaped by the path before {@code /v1}:
 * {@code /n5} streams 5 chunks then {@code [DONE]}; {@code /n-1} streams without end until the
 * client goes away (bounded to 30 s); {@code /cut2} streams 2 chunks and closes without an end;
 * {@code /s401} answers that status with a JSON error. Counts the streams the client aborted.
 */
final class EventServer implements AutoCloseable {

    private static final byte[] CHUNK = ("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"x\"}}]}\n\n").getBytes(StandardCharsets.UTF_8);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final HttpServer server;
    private final ExecutorService handlers;
    final AtomicInteger aborted = new AtomicInteger();
    final AtomicLong chunksWritten = new AtomicLong();
    /** The client ports requests came from: one per connection the client opened. */
    final java.util.Set<Integer> clientPorts = java.util.concurrent.ConcurrentHashMap.newKeySet();

    EventServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicInteger count = new AtomicInteger();
        handlers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "event-server-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(handlers);
        server.createContext("/", exchange -> {
            try (exchange) {
                clientPorts.add(exchange.getRemoteAddress().getPort());
                exchange.getRequestBody().readAllBytes();
                String shape = exchange.getRequestURI().getPath().split("/")[1];
                if (shape.startsWith("s")) {
                    byte[] error = "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}"
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(Integer.parseInt(shape.substring(1)), error.length);
                    exchange.getResponseBody().write(error);
                    return;
                }
                boolean cut = shape.startsWith("cut");
                long events = Long.parseLong(shape.substring(cut ? 3 : 1));
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                try {
                    for (long i = 0; (events < 0 || i < events) && System.nanoTime() < end; i++) {
                        out.write(CHUNK);
                        out.flush();
                        chunksWritten.incrementAndGet();
                    }
                    if (!cut) {
                        out.write(DONE);
                    }
                    out.flush();
                } catch (IOException e) {
                    aborted.incrementAndGet();
                }
            }
        });
        server.start();
    }

    /** Returns the base URL of streams of the given shape, such as {@code "n5"}. */
    String baseUrl(String shape) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + shape + "/v1";
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
