package io.github.javaopenai.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Holds a verified webhook event, such as {@code batch.completed} or {@code response.completed}.
 *
 * @param id the event id ({@code evt_...}); the same on redelivery, so use it to drop duplicates
 * @param type the event type, such as {@code batch.completed}
 * @param createdAt when the event happened, in Unix seconds; 0 when absent
 * @param data the event's {@code data} object, such as {@code {id: batch_abc}}; a missing node when absent
 * @param raw the whole decoded body
 * @since 0.1
 */
public record WebhookEvent(String id, String type, long createdAt, JsonNode data, JsonNode raw) {

    /** Checks that the type, data and raw body are present. */
    public WebhookEvent {
        Objects.requireNonNull(type, "type == null");
        Objects.requireNonNull(data, "data == null");
        Objects.requireNonNull(raw, "raw == null");
    }

    /** Returns {@code data.id}: the batch, response or job the event is about, or null. */
    public String objectId() {
        JsonNode id = data.path("id");
        return id.isTextual() ? id.textValue() : null;
    }
}
