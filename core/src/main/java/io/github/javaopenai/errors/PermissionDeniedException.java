package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 403 Forbidden: the key may not use this resource, model or region.
 *
 * @since 0.1
 */
public class PermissionDeniedException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public PermissionDeniedException(ApiResponse response) {
        super(response);
    }
}
