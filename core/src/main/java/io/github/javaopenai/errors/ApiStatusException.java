package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.transport.Headers;
import java.util.Map;
import java.util.Objects;

/**
 * Signals that the server answered a call that cannot hand back an ordinary response (a download,
 * a lazily fetched page, a batch job step) with a status other than 2xx.
 *
 * <p>The message names the request, the status and the server's error message; the decoded body
 * is kept for callers who need more. It is an {@link ApiException}, so one catch covers every
 * error status whichever call raised it.
 *
 * @since 0.1
 */
public class ApiStatusException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient JsonNode body;

    /**
     * Creates an exception for a refused request.
     *
     * @param request what was sent, such as {@code GET /files/file-1/content}
     * @param status the HTTP status
     * @param body the decoded response body
     * @param requestId the server's request id, or null
     */
    public ApiStatusException(String request, int status, JsonNode body, String requestId) {
        this(request, new ApiResponse(status, Objects.requireNonNull(body, "body == null"),
                requestId == null ? Headers.empty() : Headers.ofSingle(Map.of("x-request-id", requestId))));
    }

    /**
     * Creates an exception for a refused request from the whole answer, headers included (so
     * {@code retry-after} and the request id stay available).
     *
     * @param request what was sent, such as {@code GET /files/file-1/content}
     * @param response the error answer
     */
    public ApiStatusException(String request, ApiResponse response) {
        super(response, request + " failed with status " + response.status() + ": " + describe(response.body())
                + (response.requestId() == null ? "" : " (request id " + response.requestId() + ")"));
        this.body = response.body();
    }

    /** Returns the decoded response body: JSON, or the raw text as a string node. */
    public JsonNode body() {
        return body;
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
