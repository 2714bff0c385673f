package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 400 Bad Request: the request was malformed or a parameter is invalid.
 *
 * @since 0.1
 */
public class BadRequestException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public BadRequestException(ApiResponse response) {
        super(response);
    }
}
