package io.github.javaopenai.transport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/**
 * Carries HTTP exchanges for the client: the pluggable HTTP layer.
 *
 * <p>A transport only moves bytes: it returns whatever status the server sent and never
 * interprets it, so error statuses are normal responses here. Implementations must be safe to
 * share between threads. The default is {@link JdkHttpTransport}; supply another through
 * {@code OpenAI.newBuilder().transport(...)} to use a different HTTP stack or to record, replay or
 * fake exchanges in tests.
 *
 * @since 0.1
 */
public interface Transport extends AutoCloseable {

    /**
     * Sends the request and returns once the response status and headers have arrived.
     *
     * <p>The caller reads and then closes the returned body. A read of the body that waits should
     * end when the reading thread is interrupted, with an {@link java.io.InterruptedIOException},
     * the interrupt flag kept and the exchange aborted, as {@link JdkHttpTransport}'s does.
     *
     * @throws IOException when the exchange fails before a response arrives; an
     *     {@link java.io.InterruptedIOException} when the calling thread is interrupted
     */
    TransportResponse send(TransportRequest request) throws IOException;

    /**
     * Sends the request without holding the calling thread, completing once the response status
     * and headers have arrived, or exceptionally with the {@link IOException} {@link #send} would
     * throw.
     *
     * <p>A body that implements {@link NonBlockingBody} lets async callers read it without a
     * waiting thread; {@link JdkHttpTransport}'s does. Cancelling the future
     * aborts the exchange. The future may complete on a thread of the transport's own (an HTTP
     * client's selector thread): callers must hand any slow or user work to another executor.
     *
     * <p>The default adapts a blocking transport: it runs {@link #send} on a shared pool of daemon
     * threads, one per exchange until the response arrives, and interrupts that thread when the
     * future is cancelled, which aborts the exchange as {@link #send} promises. Transports with a
     * non-blocking client should override it.
     *
     * @since 0.1
     */
    default CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
        return BlockingSends.run(this, request);
    }

    /** Releases the transport's resources; the default does nothing. */
    @Override
    default void close() {
    }
}
