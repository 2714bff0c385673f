package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds Responses API objects: output items, the response, and its stream of events. */
final class ResponseOutput {

    private ResponseOutput() {
    }

    /** Returns the output items for a reply: one message, or one function call per tool call. */
    static ArrayNode items(FakeReply reply, String defaultText) {
        ArrayNode output = Wire.array();
        if (reply != null && reply.kind() != FakeReply.Kind.TEXT) {
            for (FakeReply.ToolCall call : reply.toolCallList()) {
                ObjectNode item = output.addObject();
                item.put("id", Wire.id("fc_"));
                item.put("type", "function_call");
                item.put("status", "completed");
                item.put("call_id", Wire.id("call_"));
                item.put("name", call.name());
                item.put("arguments", call.arguments());
            }
            return output;
        }
        String text = reply != null ? reply.text() : defaultText;
        ObjectNode message = output.addObject();
        message.put("id", Wire.id("msg_"));
        message.put("type", "message");
        message.put("status", "completed");
        message.put("role", "assistant");
        message.putArray("content").add(textPart(text));
        return output;
    }

    private static ObjectNode textPart(String text) {
        ObjectNode part = Wire.object().put("type", "output_text").put("text", text);
        part.putArray("annotations");
        part.putArray("logprobs");
        return part;
    }

    /** Returns the response object for a request, with the request's settings echoed as the API does. */
    static ObjectNode response(JsonNode request, String status, ArrayNode output, int inputTokens) {
        ObjectNode r = Wire.object();
        long now = Wire.now();
        r.put("id", Wire.id("resp_"));
        r.put("object", "response");
        r.put("created_at", now);
        r.put("status", status);
        r.put("background", request.path("background").asBoolean(false));
        if (status.equals("completed")) {
            r.put("completed_at", now);
        } else {
            r.putNull("completed_at");
        }
        r.putNull("error");
        r.putNull("incomplete_details");
        r.set("instructions", request.path("instructions").isMissingNode() ? null : request.get("instructions"));
        r.set("max_output_tokens", request.get("max_output_tokens"));
        r.put("model", request.get("model").textValue());
        r.set("output", output);
        r.put("parallel_tool_calls", request.path("parallel_tool_calls").asBoolean(true));
        r.set("previous_response_id", request.get("previous_response_id"));
        r.putObject("reasoning").putNull("effort").putNull("summary");
        r.put("store", request.path("store").asBoolean(true));
        r.put("temperature", request.path("temperature").asDouble(1.0));
        r.set("text", request.has("text") ? request.get("text") : Wire.object().set("format",
                Wire.object().put("type", "text")));
        r.set("tool_choice", request.has("tool_choice") ? request.get("tool_choice")
                : Wire.MAPPER.getNodeFactory().textNode("auto"));
        r.set("tools", request.has("tools") ? request.get("tools") : Wire.array());
        r.put("top_p", request.path("top_p").asDouble(1.0));
        r.put("truncation", "disabled");
        int outputTokens = Wire.tokens(output.toString());
        ObjectNode usage = r.putObject("usage");
        usage.put("input_tokens", inputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0).put("cache_write_tokens", 0);
        usage.put("output_tokens", outputTokens);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        usage.put("total_tokens", inputTokens + outputTokens);
        r.set("metadata", request.has("metadata") ? request.get("metadata") : Wire.object());
        nullsForMissing(r);
        return r;
    }

    private static void nullsForMissing(ObjectNode r) {
        for (String field : List.of("instructions", "max_output_tokens", "previous_response_id")) {
            if (r.get(field) == null || r.get(field).isMissingNode()) {
                r.putNull(field);
            }
        }
    }

    /** Returns the stream of a finished response, event by event, in the real API's order. */
    static List<JsonNode> events(ObjectNode response) {
        List<JsonNode> events = new ArrayList<>();
        ObjectNode pending = response.deepCopy();
        pending.put("status", "in_progress");
        pending.putNull("completed_at");
        pending.putArray("output");
        pending.remove("usage");
        events.add(event("response.created").set("response", pending));
        events.add(event("response.in_progress").set("response", pending));
        ArrayNode output = (ArrayNode) response.get("output");
        for (int i = 0; i < output.size(); i++) {
            JsonNode item = output.get(i);
            if ("function_call".equals(item.path("type").asText())) {
                functionCallEvents(events, i, item);
            } else {
                messageEvents(events, i, item);
            }
        }
        events.add(event("response.completed").set("response", response));
        for (int i = 0; i < events.size(); i++) {
            ((ObjectNode) events.get(i)).put("sequence_number", i);
        }
        return events;
    }

    private static void messageEvents(List<JsonNode> events, int index, JsonNode item) {
        String itemId = item.get("id").textValue();
        ObjectNode started = item.deepCopy();
        started.put("status", "in_progress");
        started.putArray("content");
        events.add(event("response.output_item.added").put("output_index", index).set("item", started));
        JsonNode part = item.path("content").path(0);
        String text = part.path("text").asText("");
        events.add(partEvent("response.content_part.added", itemId, index).set("part", textPart("")));
        for (String piece : ChatCompletions.pieces(text)) {
            ObjectNode delta = partEvent("response.output_text.delta", itemId, index).put("delta", piece);
            delta.putArray("logprobs");
            events.add(delta);
        }
        ObjectNode done = partEvent("response.output_text.done", itemId, index).put("text", text);
        done.putArray("logprobs");
        events.add(done);
        events.add(partEvent("response.content_part.done", itemId, index).set("part", part));
        events.add(event("response.output_item.done").put("output_index", index).set("item", item));
    }

    private static void functionCallEvents(List<JsonNode> events, int index, JsonNode item) {
        String itemId = item.get("id").textValue();
        ObjectNode started = item.deepCopy();
        started.put("status", "in_progress");
        started.put("arguments", "");
        events.add(event("response.output_item.added").put("output_index", index).set("item", started));
        String arguments = item.get("arguments").textValue();
        for (String piece : ChatCompletions.pieces(arguments)) {
            events.add(event("response.function_call_arguments.delta").put("item_id", itemId)
                    .put("output_index", index).put("delta", piece));
        }
        events.add(event("response.function_call_arguments.done").put("item_id", itemId)
                .put("name", item.get("name").textValue()).put("output_index", index).put("arguments", arguments));
        events.add(event("response.output_item.done").put("output_index", index).set("item", item));
    }

    private static ObjectNode event(String type) {
        return Wire.object().put("type", type);
    }

    private static ObjectNode partEvent(String type, String itemId, int index) {
        return event(type).put("item_id", itemId).put("output_index", index).put("content_index", 0);
    }
}
