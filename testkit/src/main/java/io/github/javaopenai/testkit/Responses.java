package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the Responses API: creates responses, stores them by id with the conversation that led
 * to them (so {@code previous_response_id} chains), and serves get, delete, cancel and input items.
 */
final class Responses {

    /** One stored response and every input item of its conversation so far. */
    private record Stored(ObjectNode response, ArrayNode conversation, ArrayNode input) {
    }

    private final Map<String, Stored> store = new ConcurrentHashMap<>();

    Answer create(JsonNode body, FakeReply reply) {
        if (!body.isObject()) {
            return Wire.invalid("We could not parse the JSON body of your request.", null);
        }
        if (!body.path("model").isTextual()) {
            return Wire.invalid("Missing required parameter: 'model'.", "model");
        }
        ArrayNode input = inputItems(body.get("input"));
        ArrayNode conversation = Wire.array();
        JsonNode previous = body.get("previous_response_id");
        if (previous != null && previous.isTextual()) {
            Stored earlier = store.get(previous.textValue());
            if (earlier == null) {
                return Answer.json(400, Wire.error("Previous response with id '" + previous.textValue() + "' not found.",
                        "invalid_request_error", "previous_response_id", "previous_response_not_found"));
            }
            conversation.addAll(earlier.conversation());
        }
        conversation.addAll(input);
        ArrayNode output = ResponseOutput.items(reply, defaultText(body, conversation));
        boolean background = body.path("background").asBoolean(false);
        ObjectNode response = ResponseOutput.response(body, background ? "queued" : "completed", output,
                Wire.tokens(conversation.toString()));
        conversation.addAll(output);
        if (body.path("store").asBoolean(true)) {
            store.put(response.get("id").textValue(), new Stored(response, conversation, input));
        }
        if (body.path("stream").asBoolean(false)) {
            return Answer.sse(ResponseOutput.events(response), false);
        }
        return Answer.json(200, response);
    }

    Answer get(String id) {
        Stored stored = store.get(id);
        if (stored == null) {
            return missing(id);
        }
        if ("queued".equals(stored.response().path("status").asText())) {
            stored.response().put("status", "completed");
            stored.response().put("completed_at", Wire.now());
        }
        return Answer.json(200, stored.response());
    }

    Answer delete(String id) {
        if (store.remove(id) == null) {
            return missing(id);
        }
        return Answer.json(200, Wire.object().put("id", id).put("object", "response").put("deleted", true));
    }

    Answer cancel(String id) {
        Stored stored = store.get(id);
        if (stored == null) {
            return missing(id);
        }
        if (!stored.response().path("background").asBoolean(false)) {
            return Wire.invalid("Only responses created with background=true can be cancelled.", null);
        }
        String status = stored.response().path("status").asText();
        if (status.equals("queued") || status.equals("in_progress")) {
            stored.response().put("status", "cancelled");
        }
        return Answer.json(200, stored.response());
    }

    Answer inputItems(String id) {
        Stored stored = store.get(id);
        if (stored == null) {
            return missing(id);
        }
        ArrayNode data = Wire.array();
        for (JsonNode item : stored.input()) {
            ObjectNode copy = item.deepCopy();
            if (!copy.has("id")) {
                copy.put("id", "msg_" + Integer.toHexString(copy.toString().hashCode()));
            }
            data.add(copy);
        }
        return Answer.json(200, Wire.list(data));
    }

    private static Answer missing(String id) {
        return Wire.notFound("Response with id '" + id + "' not found.");
    }

    /** Turns the request's {@code input} (a string or a list of items) into a list of items. */
    private static ArrayNode inputItems(JsonNode input) {
        ArrayNode items = Wire.array();
        if (input == null || input.isNull()) {
            return items;
        }
        if (input.isArray()) {
            input.forEach(items::add);
            return items;
        }
        ObjectNode message = items.addObject().put("type", "message").put("role", "user");
        message.putArray("content").addObject().put("type", "input_text").put("text", input.asText());
        return items;
    }

    private static String defaultText(JsonNode body, ArrayNode conversation) {
        String text = lastUserText(conversation);
        JsonNode format = body.path("text").path("format");
        if ("json_schema".equals(format.path("type").asText())) {
            return SchemaSample.of(format.path("schema"), text).toString();
        }
        if ("json_object".equals(format.path("type").asText())) {
            return Wire.object().put("reply", text).toString();
        }
        return text;
    }

    /** Returns what the offline server says to the conversation: an echo or a tool result. */
    private static String lastUserText(ArrayNode conversation) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            JsonNode item = conversation.get(i);
            if ("function_call_output".equals(item.path("type").asText())) {
                return Wire.OFFLINE + " The function returned: " + Wire.contentText(item.get("output"));
            }
            if ("user".equals(item.path("role").asText())) {
                return Wire.echo(Wire.contentText(item.get("content")));
            }
        }
        return Wire.echo("");
    }
}
