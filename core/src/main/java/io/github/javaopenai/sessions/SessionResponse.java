package io.github.javaopenai.sessions;

import io.github.javaopenai.errors.SessionException;

import io.github.javaopenai.internal.OutputText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds one response of a {@link ResponsesChatSession}: the whole response object with helpers
 * for its text, images and function calls.
 *
 * <p>Every field the server sent is kept, and every output item type is accepted (lua-openai
 * drops unknown fields and fails on items other than messages and function calls; lua-parity.md
 * J154-155). {@link #toString()} is the output text.
 *
 * @since 0.1
 */
public final class SessionResponse {

    private final ObjectNode json;

    SessionResponse(ObjectNode json) {
        this.json = Objects.requireNonNull(json, "json == null");
    }

    /** Returns the response id. */
    public String id() {
        return json.get("id").textValue();
    }

    /** Returns the output items, an array. */
    public JsonNode output() {
        return json.get("output");
    }

    /** Returns the {@code object} field (normally {@code "response"}), or null when absent. */
    public String object() {
        return text("object");
    }

    /** Returns the model that answered, or null when absent. */
    public String model() {
        return text("model");
    }

    /** Returns the status (such as {@code "completed"}), or null when absent. */
    public String status() {
        return text("status");
    }

    /** Returns the token counts, zero when the server reported none. */
    public Usage usage() {
        return Usage.from(json.get("usage"));
    }

    /** Returns the raw {@code usage} object, or null when absent. */
    public JsonNode usageJson() {
        return json.get("usage");
    }

    /** Returns the whole response object; treat it as read-only. */
    public JsonNode json() {
        return json;
    }

    /** Returns any top-level field, or null when absent. */
    public JsonNode get(String field) {
        return json.get(field);
    }

    /**
     * Returns the text of every {@code output_text} part of every message item, concatenated;
     * empty when there is none (lua-openai's {@code get_output_text}).
     */
    public String outputText() {
        return OutputText.ofResponse(json);
    }

    /**
     * Returns {@code {b64_json: result}} for each {@code image_generation_call} item that has a
     * result; empty when there is none (lua-openai's {@code get_images}).
     */
    public List<JsonNode> images() {
        List<JsonNode> images = new ArrayList<>();
        for (JsonNode item : output()) {
            if ("image_generation_call".equals(item.path("type").asText(null)) && item.path("result").isTextual()) {
                images.add(Json.object().put("b64_json", item.get("result").textValue()));
            }
        }
        return List.copyOf(images);
    }

    /** Returns the {@code function_call} output items (type, name, arguments, call_id), in order. */
    public List<JsonNode> functionCalls() {
        List<JsonNode> calls = new ArrayList<>();
        for (JsonNode item : output()) {
            if ("function_call".equals(item.path("type").asText(null))) {
                calls.add(item);
            }
        }
        return List.copyOf(calls);
    }

    private String text(String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.textValue() : null;
    }

    /** Returns the output text, as {@link #outputText()}. */
    @Override
    public String toString() {
        return outputText();
    }

    /** Reads a 200 answer of the Responses API; an answer of another shape fails naming the field. */
    static SessionResponse parse(JsonNode body) {
        String prefix = "Failed to parse response: ";
        if (!body.isObject()) {
            throw new SessionException(prefix + "expected a JSON object, got " + Json.typeName(body), 200, body);
        }
        if (!body.path("id").isTextual()) {
            throw new SessionException(prefix + "field \"id\": expected a string, got "
                    + Json.typeName(body.get("id")), 200, body);
        }
        if (!body.path("output").isArray()) {
            throw new SessionException(prefix + "field \"output\": expected an array, got "
                    + Json.typeName(body.get("output")), 200, body);
        }
        return new SessionResponse((ObjectNode) body);
    }
}
