package io.github.javaopenai.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a blocking transport's {@link Transport#send} for {@link Transport#sendAsync}: on a pool of
 * daemon threads, so that third-party transports written before the async method keep working.
 * Cancelling the returned future interrupts the sending thread, which aborts the exchange.
 */
final class BlockingSends {

    private static final AtomicInteger COUNT = new AtomicInteger();

    /** Grows with the exchanges in flight, since each holds its thread until its answer arrives. */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "java-openai-blocking-send-" + COUNT.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private BlockingSends() {
    }

    static CompletableFuture<TransportResponse> run(Transport transport, TransportRequest request) {
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        Future<?> task = POOL.submit(() -> {
            try {
                TransportResponse response = transport.send(request);
                if (!result.complete(response)) {
                    close(response); // cancelled meanwhile: nobody will read it
                }
            } catch (IOException | RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        });
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                task.cancel(true);
            }
        });
        return result;
    }

    private static void close(TransportResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // Dropping an answer nobody waits for; a failure to close it changes nothing.
        }
    }
}
