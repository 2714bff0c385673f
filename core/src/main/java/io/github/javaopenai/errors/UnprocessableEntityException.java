package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 422 Unprocessable Entity: the request was well formed but cannot be processed.
 *
 * @since 0.1
 */
public class UnprocessableEntityException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public UnprocessableEntityException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
