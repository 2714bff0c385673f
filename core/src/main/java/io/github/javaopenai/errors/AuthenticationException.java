package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 401 Unauthorized: the API key is missing, wrong or revoked.
 *
 * @since 0.1
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public AuthenticationException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
