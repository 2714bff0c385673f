package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Signals an {@code error} event from a realtime session: the server refused a client event or
 * failed a response. The session stays open; the next event can still be read.
 *
 * @since 0.1
 */
public class RealtimeErrorException extends StreamException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception for the {@code error} object of an {@code error} event. */
    public RealtimeErrorException(JsonNode error) {
        super("realtime error: " + describe(error), -1, error);
    }

    /** Returns the error's {@code code}, or null when the server gave none. */
    public String code() {
        return text("code");
    }

    /** Returns the {@code event_id} of the client event that caused the error, or null. */
    public String clientEventId() {
        return text("event_id");
    }

    private String text(String field) {
        JsonNode value = error() == null ? null : error().get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String describe(JsonNode error) {
        if (error == null || !error.isObject()) {
            return String.valueOf(error);
        }
        StringBuilder sb = new StringBuilder(error.path("message").asText("(no message)"));
        for (String field : new String[] {"type", "code", "param", "event_id"}) {
            JsonNode value = error.get(field);
            if (value != null && !value.isNull()) {
                sb.append(", ").append(field).append('=').append(value.asText());
            }
        }
        return sb.toString();
    }
}
