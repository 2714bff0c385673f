package io.github.javaopenai.errors;

import java.io.InterruptedIOException;
import java.net.URI;

/**
 * Signals that the calling thread was interrupted, by {@link Thread#interrupt()} or by
 * {@code Future.cancel(true)}, while a call waited for its answer, read its body or stream, or
 * waited to retry; the exchange was aborted, so the server sees its connection or stream closed.
 *
 * <p>The thread's interrupt flag is still set when this exception reaches the caller, and the
 * cause is an {@link InterruptedIOException}. Nothing is retried after an interrupt. It is a
 * {@link ConnectionException}, since the exchange ended before a complete answer arrived; catch
 * this type first to tell a cancellation apart from a network failure.
 *
 * @since 0.1
 */
public class ApiInterruptedException extends ConnectionException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an exchange with the given URI's host that was interrupted. */
    public ApiInterruptedException(URI uri, InterruptedIOException cause) {
        super(uri, "Request to " + hostAndPort(uri) + " interrupted: " + cause.getMessage(), cause);
    }

    /**
     * Returns the exception for an exchange the caller's interrupt ended, whatever I/O error the
     * interrupted read raised; the cause is always an {@link InterruptedIOException}.
     */
    public static ApiInterruptedException of(URI uri, java.io.IOException e) {
        if (e instanceof InterruptedIOException interrupted) {
            return new ApiInterruptedException(uri, interrupted);
        }
        InterruptedIOException interrupted = new InterruptedIOException("interrupted: " + e.getMessage());
        interrupted.initCause(e);
        return new ApiInterruptedException(uri, interrupted);
    }
}
