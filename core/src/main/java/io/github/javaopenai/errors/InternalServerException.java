package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered a 5xx status: the server or a proxy in front of it failed; the client retries it.
 *
 * @since 0.1
 */
public class InternalServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public InternalServerException(ApiResponse response) {
        super(response);
    }
}
