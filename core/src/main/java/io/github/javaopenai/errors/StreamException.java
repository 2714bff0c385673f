package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Signals that a streamed answer failed: the server sent an error inside the stream
 * ({@code {"error": ...}} data, an {@code error} event, {@code response.failed}), answered a
 * streaming request with an error status, or the stream could not be decoded.
 *
 * @since 0.1
 */
public class StreamException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final transient JsonNode error;
    private final int status;

    /** Creates an exception for an error the server reported, with the status of the exchange. */
    public StreamException(String message, int status, JsonNode error) {
        super(message);
        this.status = status;
        this.error = error;
    }

    /** Creates an exception for a stream that could not be read or decoded. */
    public StreamException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.error = null;
    }

    /** Returns the error the server sent (the event, or the error body), or null when there was none. */
    public JsonNode error() {
        return error;
    }

    /** Returns the HTTP status of the exchange, or -1 when the failure came from decoding. */
    public int status() {
        return status;
    }
}
