package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 409 Conflict: the resource was changed concurrently; the client retries it.
 *
 * @since 0.1
 */
public class ConflictException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public ConflictException(ApiResponse response) {
        super(response);
    }
}
