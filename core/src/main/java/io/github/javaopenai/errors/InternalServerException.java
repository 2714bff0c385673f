package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered a 5xx status: the server or a proxy in front of it failed; the client retries it.
 *
 * @since 0.1
 */
public class InternalServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public InternalServerException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
