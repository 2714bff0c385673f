package io.github.javaopenai.errors;

import java.time.Duration;

/**
 * Signals that a stream stalled: no bytes arrived between two events for longer than the
 * configured idle timeout, so the exchange was aborted.
 *
 * @since 0.1
 */
public class StreamTimeoutException extends StreamException {

    private static final long serialVersionUID = 1L;

    private final Duration idleTimeout;

    /** Creates an exception for a stream idle for longer than {@code idleTimeout}. */
    public StreamTimeoutException(Duration idleTimeout, Throwable cause) {
        super("Stream stalled: no data for " + idleTimeout.toMillis() + " ms (the stream idle timeout)", cause);
        this.idleTimeout = idleTimeout;
    }

    /** Returns the idle timeout that was exceeded. */
    public Duration idleTimeout() {
        return idleTimeout;
    }
}
