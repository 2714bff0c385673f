package io.github.javaopenai.sse;

import io.github.javaopenai.errors.StreamException;

/**
 * Signals that a server-sent event stream could not be decoded, for example because one event
 * is larger than the decoder's cap.
 */
public class SseException extends StreamException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that names the bad value.
     *
     * @param message what went wrong
     */
    public SseException(String message) {
        super(message, null);
    }

    /**
     * Creates an exception with a message and the failure that caused it.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public SseException(String message, Throwable cause) {
        super(message, cause);
    }
}
