package io.github.javaopenai.internal.engine;

import io.github.javaopenai.transport.NonBlockingBody;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads a whole response body without holding a thread while it waits for data: reads what is
 * there on the executor, into memory or another sink such as a file, then asks the body to say
 * when more arrives. A body silent for the
 * stream idle timeout fails with {@link Requester.BodyIdleException}, as a blocking read would.
 * Cancelling the returned future closes the body, which aborts the exchange.
 */
final class WholeBodyReader {

    private static final int CHUNK = 8192;

    private final InputStream body;
    private final NonBlockingBody signal;
    private final Duration idleTimeout;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private final OutputStream sink;
    private long copied;
    private final byte[] chunk = new byte[CHUNK];
    private volatile ScheduledFuture<?> idleTimer;
    private volatile boolean idleFired;

    private WholeBodyReader(InputStream body, NonBlockingBody signal, OutputStream sink, Duration idleTimeout,
            Executor executor, ScheduledExecutorService scheduler) {
        this.body = body;
        this.sink = sink;
        this.signal = signal;
        this.idleTimeout = idleTimeout;
        this.executor = executor;
        this.scheduler = scheduler;
    }

    /** Starts reading {@code body}, which must also be the {@link NonBlockingBody} {@code signal}. */
    static CompletableFuture<byte[]> read(InputStream body, NonBlockingBody signal, Duration idleTimeout,
            Executor executor, ScheduledExecutorService scheduler) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletableFuture<Long> copied = copy(body, signal, bytes, idleTimeout, executor, scheduler);
        CompletableFuture<byte[]> result = copied.thenApply(count -> bytes.toByteArray());
        result.whenComplete((done, failure) -> copied.cancel(true)); // a no-op unless the caller cancelled
        return result;
    }

    /**
     * Starts copying {@code body} into {@code sink}, which stays open, completing with the number of
     * bytes copied. The sink is written on the executor; cancelling the future closes the body.
     */
    static CompletableFuture<Long> copy(InputStream body, NonBlockingBody signal, OutputStream sink,
            Duration idleTimeout, Executor executor, ScheduledExecutorService scheduler) {
        WholeBodyReader reader = new WholeBodyReader(body, signal, sink, idleTimeout, executor, scheduler);
        reader.result.whenComplete((done, failure) -> {
            reader.stopTimer();
            if (reader.result.isCancelled()) {
                reader.close();
            }
        });
        executor.execute(reader::readAvailable);
        return reader.result;
    }

    /** Runs on the executor, one call at a time: each registers the next only when it ends. */
    private void readAvailable() {
        try {
            while (!result.isDone()) {
                if (!signal.readable()) {
                    if (idleTimer == null) {
                        idleTimer = scheduler.schedule(this::idle, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
                    }
                    signal.whenReadable(() -> executor.execute(this::readAvailable));
                    return;
                }
                int n = body.read(chunk);
                stopTimer();
                if (n < 0) {
                    close();
                    result.complete(copied);
                    return;
                }
                sink.write(chunk, 0, n);
                copied += n;
            }
        } catch (IOException e) {
            close();
            result.completeExceptionally(idleFired ? new Requester.BodyIdleException(idleTimeout, e) : e);
        } catch (RuntimeException e) {
            close();
            result.completeExceptionally(e);
        }
    }

    private void idle() {
        idleFired = true;
        close(); // the waiting read wakes up with a failure
    }

    private void stopTimer() {
        ScheduledFuture<?> timer = idleTimer;
        if (timer != null && !idleFired) {
            timer.cancel(false);
            idleTimer = null;
        }
    }

    private void close() {
        try {
            body.close();
        } catch (IOException e) {
            // Done with it either way.
        }
    }
}
