package io.github.javaopenai.transport;

import java.io.IOException;

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

    /** Releases the transport's resources; the default does nothing. */
    @Override
    default void close() {
    }
}
