package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 404 Not Found: the path, model or object does not exist.
 *
 * @since 0.1
 */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public NotFoundException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
