package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 404 Not Found: the path, model or object does not exist.
 *
 * @since 0.1
 */
public class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public NotFoundException(ApiResponse response) {
        super(response);
    }
}
