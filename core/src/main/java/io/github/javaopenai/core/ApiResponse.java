package io.github.javaopenai.core;

import io.github.javaopenai.internal.OutputText;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.transport.Headers;
import java.util.Objects;

/**
 * Holds what the server answered: status, decoded body and headers.
 *
 * <p>As in lua-openai, an error status is an ordinary result at this level; check
 * {@link #isSuccess()}. The body is the decoded JSON value when the server sent valid JSON, the
 * raw text as a string node when it did not, and the empty string node when the body was empty.
 * Treat the body as read-only: it is shared, not copied.
 *
 * @param status the HTTP status code
 * @param body the decoded body; never null
 * @param headers the response headers
 * @since 0.1
 */
public record ApiResponse(int status, JsonNode body, Headers headers) {

    /** Checks that the body and headers are present. */
    public ApiResponse {
        Objects.requireNonNull(body, "body == null");
        Objects.requireNonNull(headers, "headers == null");
    }

    /** Returns whether the status is in the 2xx range. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * Returns this response when its status is 2xx, and throws otherwise.
     *
     * @throws ApiException the subclass for the status (see {@link ApiException#from(int, Headers, JsonNode)}), carrying
     *     the error's type, code, message, param, the request id, headers and raw body
     */
    public ApiResponse orThrow() {
        if (isSuccess()) {
            return this;
        }
        throw ApiException.from(status, headers, body);
    }

    /**
     * Returns this response when its status is 2xx, and throws otherwise with a message naming the
     * request, such as {@code GET /files/file-1/content failed with status 404: ...}.
     *
     * @throws ApiException the subclass for the status, as for {@link #orThrow()}
     */
    public ApiResponse orThrow(String request) {
        if (isSuccess()) {
            return this;
        }
        throw ApiException.from(request, status, headers, body);
    }

    /**
     * Returns the text the model wrote, as openai-python's {@code output_text}: for a Responses
     * API response ({@code createResponse}), the {@code output_text} parts of its {@code message}
     * items joined; for a chat completion ({@code createChatCompletion}), the first choice's
     * message content. Returns {@code ""} when the model wrote no text (a refusal, tool or
     * function calls only, reasoning only).
     *
     * @throws ApiException when the status is not 2xx, as {@link #orThrow()}
     * @throws IllegalStateException when the body is neither shape: another endpoint's answer, or
     *     the empty body of a callback stream, whose text an accumulator gathers
     */
    public String outputText() {
        orThrow();
        if (!OutputText.isReadable(body)) {
            throw new IllegalStateException("outputText() reads a chat completion (\"choices\") or a Responses API"
                    + " response (\"output\"), but the body has neither" + (body.isTextual() && bodyText().isEmpty()
                    ? ": it is empty, as after a streaming call; gather a stream's text with"
                    + " ChatCompletionAccumulator or ResponseAccumulator" : ""));
        }
        return OutputText.of(body);
    }

    /** Returns the server's request id ({@code x-request-id}), or null when it sent none. */
    public String requestId() {
        return headers.first("x-request-id").orElse(null);
    }

    /** Returns the body as text: the raw string when it was not JSON, else its JSON form. */
    public String bodyText() {
        return body.isTextual() ? body.textValue() : body.toString();
    }

    @Override
    public String toString() {
        String text = bodyText();
        return "ApiResponse{status=" + status + ", requestId=" + requestId() + ", body="
                + (text.length() > 500 ? text.substring(0, 500) + "..." : text) + "}";
    }
}
