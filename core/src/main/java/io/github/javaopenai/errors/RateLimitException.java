package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;

/**
 * Signals that the server answered 429 Too Many Requests: a rate limit or quota was exceeded; the client retries it.
 *
 * @since 0.1
 */
public class RateLimitException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception for an error answer; {@link ApiException#from} builds the message. */
    public RateLimitException(String message, int status, Headers headers, JsonNode body) {
        super(message, status, headers, body);
    }
}
