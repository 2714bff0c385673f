package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 400 Bad Request: the request was malformed or a parameter is invalid.
 *
 * @since 0.1
 */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public BadRequestException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
