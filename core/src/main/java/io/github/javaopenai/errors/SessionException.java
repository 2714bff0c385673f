package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Signals that a chat session could not use a successful answer: a body without the fields a reply
 * needs, or an error event in its stream.
 *
 * <p>This is lua-openai's {@code nil, err, raw} result as an exception: the message is the Lua
 * library's error text (such as {@code Failed to parse response from server: ...}),
 * {@link #status()} is the HTTP status and {@link #rawBody()} the body as the server sent it,
 * decoded as JSON when it was JSON and a string node when it was not. An error status raises the
 * {@link ApiException} for it instead, as every other call does.
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


    /** Returns the HTTP status of the failed exchange (200 when the body could not be read). */
    public int status() {
        return status;
    }

    /** Returns the response body: its JSON value, or the raw text as a string node. */
    public JsonNode rawBody() {
        return rawBody;
    }
}
