package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 422 Unprocessable Entity: the request was well formed but cannot be processed.
 *
 * @since 0.1
 */
public class UnprocessableEntityException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public UnprocessableEntityException(ApiResponse response) {
        super(response);
    }
}
