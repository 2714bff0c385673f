package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Tells a stream that finished from one cut short, by what its endpoint sends last: a connection
 * that closes cleanly in the middle of an answer looks exactly like one that closes at its end.
 *
 * <ul>
 *   <li>{@code /chat/completions}: a {@code finish_reason} on any choice (some local servers send
 *       it but never {@code data: [DONE]});
 *   <li>{@code /responses}: {@code response.completed}, {@code response.incomplete} or
 *       {@code response.failed};
 *   <li>{@code /audio/transcriptions}: {@code transcript.text.done};
 *   <li>{@code /images/edits} and {@code /images/generations}: {@code image_edit.completed} or
 *       {@code image_generation.completed};
 *   <li>any other path: the end of the connection.
 * </ul>
 *
 * <p>On every endpoint, {@code data: [DONE]}, an error event, or an event named {@code done}
 * also ends the stream as the server meant it to.
 */
final class StreamEnd {

    private static final Set<String> RESPONSE_ENDS = Set.of("response.completed", "response.incomplete",
            "response.failed");
    private static final Set<String> IMAGE_ENDS = Set.of("image_edit.completed", "image_generation.completed");

    private final String expected;
    private final BiPredicate<String, JsonNode> isLast;
    private boolean complete;

    private StreamEnd(String expected, BiPredicate<String, JsonNode> isLast) {
        this.expected = expected;
        this.isLast = isLast;
    }

    /** Returns the end rule for a request path, such as {@code /v1/chat/completions}. */
    static StreamEnd forPath(String path) {
        String p = path == null ? "" : path;
        if (p.endsWith("/chat/completions")) {
            return new StreamEnd("data: [DONE] or a finish_reason", (type, event) -> hasFinishReason(event));
        }
        if (p.endsWith("/responses")) {
            return new StreamEnd("response.completed, response.incomplete or response.failed",
                    (type, event) -> RESPONSE_ENDS.contains(event.path("type").asText("")));
        }
        if (p.endsWith("/audio/transcriptions")) {
            return new StreamEnd("transcript.text.done",
                    (type, event) -> "transcript.text.done".equals(event.path("type").asText("")));
        }
        if (p.endsWith("/images/edits") || p.endsWith("/images/generations")) {
            return new StreamEnd("image_edit.completed or image_generation.completed",
                    (type, event) -> IMAGE_ENDS.contains(event.path("type").asText("")));
        }
        StreamEnd any = new StreamEnd("the end of the connection", (type, event) -> false);
        any.complete = true;
        return any;
    }

    /** Notes one decoded event, with its SSE event type. */
    void observe(String eventType, JsonNode event) {
        if (!complete && ("done".equals(eventType) || EventStream.isError(eventType, event)
                || isLast.test(eventType, event))) {
            complete = true;
        }
    }

    /** Returns whether the events seen so far end the answer. */
    boolean isComplete() {
        return complete;
    }

    /** Returns the message for a stream that closed before its last event. */
    String endedEarlyMessage() {
        return "The stream ended early: the connection closed before " + expected
                + " arrived, so the answer is incomplete";
    }

    private static boolean hasFinishReason(JsonNode event) {
        JsonNode choices = event.get("choices");
        if (choices == null || !choices.isArray()) {
            return false;
        }
        for (JsonNode choice : choices) {
            JsonNode reason = choice.get("finish_reason");
            if (reason != null && reason.isTextual()) {
                return true;
            }
        }
        return false;
    }
}
