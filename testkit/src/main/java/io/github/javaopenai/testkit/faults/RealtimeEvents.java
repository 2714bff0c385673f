package io.github.javaopenai.testkit.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.atomic.AtomicLong;

/** Builds the few Realtime API server events the realtime faults send, in the GA shape. */
final class RealtimeEvents {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final AtomicLong IDS = new AtomicLong();

    private final String responseId = id("resp_");
    private final String itemId = id("item_");

    static String sessionCreated() {
        ObjectNode event = event("session.created");
        event.putObject("session").put("type", "realtime").put("object", "realtime.session").put("id", id("sess_"))
                .put("model", "gpt-realtime").putArray("output_modalities").add("text");
        return event.toString();
    }

    String created() {
        ObjectNode event = event("response.created");
        event.putObject("response").put("id", responseId).put("object", "realtime.response")
                .put("status", "in_progress").putArray("output");
        return event.toString();
    }

    String textDelta(String delta) {
        return event("response.output_text.delta").put("response_id", responseId).put("item_id", itemId)
                .put("output_index", 0).put("content_index", 0).put("delta", delta).toString();
    }

    private static ObjectNode event(String type) {
        return MAPPER.createObjectNode().put("event_id", id("event_")).put("type", type);
    }

    private static String id(String prefix) {
        return prefix + "fault" + IDS.incrementAndGet();
    }
}
