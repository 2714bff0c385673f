package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 401 Unauthorized: the API key is missing, wrong or revoked.
 *
 * @since 0.1
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public AuthenticationException(ApiResponse response) {
        super(response);
    }
}
