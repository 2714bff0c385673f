package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Signals that a chat session's request failed: the server answered with an error status, or
 * with a body the session could not read.
 *
 * <p>This is lua-openai's {@code nil, err, raw} result as an exception: the message is the Lua
 * library's error text (such as {@code Bad status: 400: <message> (<code>)} or
 * {@code Request failed with status: 500}), {@link #status()} is the HTTP status and
 * {@link #rawBody()} the body as the server sent it, decoded as JSON when it was JSON and a
 * string node when it was not. When the server answered with an error status, the cause is the
 * typed {@link ApiException} for it ({@link RateLimitException} for 429 and so on), for callers
 * who branch on the kind of failure.
 *
 * @since 0.1
 */
public class SessionException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode rawBody;

    /** Creates an exception with lua-openai's error text, the HTTP status and the raw body. */
    public SessionException(String message, int status, JsonNode rawBody) {
        super(message);
        this.status = status;
        this.rawBody = Objects.requireNonNull(rawBody, "rawBody == null");
    }

    /** Creates an exception for an error answer, with the typed {@link ApiException} for it as the cause. */
    public SessionException(String message, io.github.javaopenai.core.ApiResponse response) {
        this(message, response.status(), response.body());
        initCause(ApiException.from(response));
    }

    /** Returns the HTTP status of the failed exchange (200 when the body could not be read). */
    public int status() {
        return status;
    }

    /** Returns the response body: its JSON value, or the raw text as a string node. */
    public JsonNode rawBody() {
        return rawBody;
    }
}
