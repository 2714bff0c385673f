package io.github.javaopenai.errors;

import io.github.javaopenai.core.ApiResponse;

/**
 * Signals that the server answered 429 Too Many Requests: a rate limit or quota was exceeded; the client retries it.
 *
 * @since 0.1
 */
public class RateLimitException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception describing the given error response. */
    public RateLimitException(ApiResponse response) {
        super(response);
    }
}
