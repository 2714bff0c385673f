package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Gathers a streamed Responses API answer from its events: the text of every
 * {@code response.output_text.delta} and the final response of {@code response.completed}.
 *
 * <p>Feed it every decoded event in order with {@link #accept(JsonNode)}; it needs no session and
 * no network. A {@code response.completed} event counts only when its {@code response} is an
 * object with a string {@code id}; a stream that fails, or is cut short, leaves
 * {@link #response()} null while {@link #text()} still holds the partial text (lua-parity.md J162).
 *
 * <p>Not thread-safe: one accumulator belongs to one stream.
 *
 * @since 0.1
 */
public final class ResponseAccumulator {

    private final StringBuilder text = new StringBuilder();
    private JsonNode response;
    private JsonNode error;
    private int events;

    /** Creates an empty accumulator. */
    public ResponseAccumulator() {
    }

    /**
     * Adds one decoded stream event.
     *
     * @return the text delta this event carried, or null when it was not a text delta
     */
    public String accept(JsonNode event) {
        Objects.requireNonNull(event, "event == null");
        events++;
        String type = event.path("type").asText("");
        switch (type) {
            case "response.output_text.delta" -> {
                JsonNode delta = event.get("delta");
                if (delta != null && delta.isTextual()) {
                    text.append(delta.textValue());
                    return delta.textValue();
                }
            }
            case "response.completed" -> {
                JsonNode completed = event.get("response");
                if (completed != null && completed.isObject() && completed.path("id").isTextual()) {
                    response = completed;
                }
            }
            case "response.failed", "response.incomplete" -> error = event.path("response").path("error");
            case "error" -> error = event;
            default -> {
                // other events (created, in_progress, item added...) carry nothing to gather
            }
        }
        return null;
    }

    /** Returns the concatenated text deltas; empty when there were none. */
    public String text() {
        return text.toString();
    }

    /** Returns the response of the {@code response.completed} event, or null when none arrived. */
    public JsonNode response() {
        return response;
    }

    /** Returns whether a valid {@code response.completed} event arrived. */
    public boolean isCompleted() {
        return response != null;
    }

    /** Returns the completed response's token counts, or {@link Usage#ZERO}. */
    public Usage usage() {
        return response == null ? Usage.ZERO : Usage.from(response.get("usage"));
    }

    /** Returns the error of an {@code error} or {@code response.failed} event, or null. */
    public JsonNode error() {
        return error == null || error.isMissingNode() || error.isNull() ? null : error;
    }

    /** Returns how many events were accepted. */
    public int eventCount() {
        return events;
    }
}
