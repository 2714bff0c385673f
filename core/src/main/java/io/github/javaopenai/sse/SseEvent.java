package io.github.javaopenai.sse;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * One event of a server-sent event stream.
 *
 * <p>{@code id} and {@code retry} are stream state rather than per-event fields: each event
 * carries the values in effect when it was dispatched, so an {@code id:} or {@code retry:} line
 * sent in an earlier block still shows on later events.
 *
 * @param type the event type; {@code "message"} when the stream named none
 * @param data the event data; several {@code data:} lines are joined with {@code "\n"}
 * @param id the last event id seen on the stream, or {@code null} when none is in effect
 * @param retry the last reconnection time sent by the server, or {@code null} when none was sent
 */
public record SseEvent(String type, String data, String id, Duration retry) {

    /** The event type used when the stream names none. */
    public static final String DEFAULT_TYPE = "message";

    /** The data OpenAI sends as the last event of a chat completion stream. */
    public static final String DONE = "[DONE]";

    /**
     * Checks the type and data, which are never null.
     *
     * @throws NullPointerException if {@code type} or {@code data} is null
     */
    public SseEvent {
        requireNonNull(type, "type == null");
        requireNonNull(data, "data == null");
    }

    /**
     * Returns a {@code "message"} event with the given data, no id and no retry.
     *
     * @param data the event data
     * @return the event
     */
    public static SseEvent of(String data) {
        return new SseEvent(DEFAULT_TYPE, data, null, null);
    }

    /**
     * Returns an event of the given type and data, with no id and no retry.
     *
     * @param type the event type
     * @param data the event data
     * @return the event
     */
    public static SseEvent of(String type, String data) {
        return new SseEvent(type, data, null, null);
    }

    /**
     * Tells whether this is the {@code [DONE]} marker that ends an OpenAI chat completion stream.
     *
     * @return true when the data is exactly {@code [DONE]}
     */
    public boolean isDone() {
        return DONE.equals(data);
    }
}
