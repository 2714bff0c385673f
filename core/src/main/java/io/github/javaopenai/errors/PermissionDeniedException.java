package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 403 Forbidden: the key may not use this resource, model or region.
 *
 * @since 0.1
 */
public class PermissionDeniedException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public PermissionDeniedException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
