package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Signals that the server answered a call that cannot hand back an ordinary response (a download,
 * a lazily fetched page, a batch job step) with a status other than 2xx.
 *
 * <p>The message names the request, the status and the server's error message; the decoded body
 * is kept for callers who need more.
 *
 * @since 1.0
 */
public class ApiStatusException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;
    private final String requestId;

    /**
     * Creates an exception for a refused request.
     *
     * @param request what was sent, such as {@code GET /files/file-1/content}
     * @param status the HTTP status
     * @param body the decoded response body
     * @param requestId the server's request id, or null
     */
    public ApiStatusException(String request, int status, JsonNode body, String requestId) {
        super(request + " failed with status " + status + ": " + describe(body)
                + (requestId == null ? "" : " (request id " + requestId + ")"));
        this.status = status;
        this.body = Objects.requireNonNull(body, "body == null");
        this.requestId = requestId;
    }

    /** Returns the HTTP status. */
    public int status() {
        return status;
    }

    /** Returns the decoded response body: JSON, or the raw text as a string node. */
    public JsonNode body() {
        return body;
    }

    /** Returns the server's request id, or null when it sent none. */
    public String requestId() {
        return requestId;
    }

    private static String describe(JsonNode body) {
        JsonNode message = body.path("error").path("message");
        if (message.isTextual()) {
            return message.textValue();
        }
        String text = body.isTextual() ? body.textValue() : body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
