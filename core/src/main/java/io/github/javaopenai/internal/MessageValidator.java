package io.github.javaopenai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Checks chat messages against the chat message schema before anything is sent.
 *
 * <p>The schema is the Lua library's: roles system, user, assistant, function and tool; content
 * null, absent, a string, or (for system, user and assistant) an array of {@code text} and
 * {@code image_url} parts; function messages need a string {@code name}, tool messages a string
 * {@code tool_call_id}. Extra top-level keys are allowed and kept.
 */
public final class MessageValidator {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "function", "tool");

    private MessageValidator() {
    }

    /**
     * Checks one message.
     *
     * @param where how to name the message in an error, e.g. {@code messages[2]}
     * @throws IllegalArgumentException naming {@code where} and the offending field
     */
    public static void validate(JsonNode message, String where) {
        if (message == null || !message.isObject()) {
            throw invalid(where, "expected a JSON object, got " + kind(message));
        }
        JsonNode role = message.get("role");
        if (role == null || !role.isTextual()) {
            throw invalid(where + ".role", "expected one of " + roles() + ", got " + kind(role));
        }
        if (!ROLES.contains(role.textValue())) {
            throw invalid(where + ".role", "expected one of " + roles() + ", got \"" + role.textValue() + "\"");
        }
        optionalString(message, "name", where);
        switch (role.textValue()) {
            case "function" -> {
                requireString(message, "name", where);
                stringContent(message, where);
            }
            case "tool" -> {
                requireString(message, "tool_call_id", where);
                stringContent(message, where);
            }
            case "assistant" -> {
                partsContent(message, where);
                assistantCalls(message, where);
            }
            default -> partsContent(message, where);
        }
    }

    private static void stringContent(JsonNode message, String where) {
        JsonNode content = message.get("content");
        if (content != null && !content.isNull() && !content.isTextual()) {
            throw invalid(where + ".content", "expected a string or null, got " + kind(content));
        }
    }

    private static void partsContent(JsonNode message, String where) {
        JsonNode content = message.get("content");
        if (content == null || content.isNull() || content.isTextual()) {
            return;
        }
        if (!content.isArray()) {
            throw invalid(where + ".content", "expected a string, null or an array of content parts, got " + kind(content));
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), where + ".content[" + i + "]");
        }
    }

    private static void part(JsonNode part, String where) {
        if (!part.isObject()) {
            throw invalid(where, "expected a content part object, got " + kind(part));
        }
        JsonNode type = part.get("type");
        String name = type != null && type.isTextual() ? type.textValue() : null;
        if ("text".equals(name)) {
            requireString(part, "text", where);
            onlyKeys(part, where, java.util.List.of("type", "text"));
        } else if ("image_url".equals(name)) {
            JsonNode image = part.get("image_url");
            if (image == null || !image.isObject()) {
                throw invalid(where + ".image_url", "expected an object with a string url, got " + kind(image));
            }
            requireString(image, "url", where + ".image_url");
            onlyKeys(part, where, java.util.List.of("type", "image_url"));
        } else {
            throw invalid(where + ".type", "expected \"text\" or \"image_url\", got "
                    + (name == null ? kind(type) : "\"" + name + "\""));
        }
    }

    private static void assistantCalls(JsonNode message, String where) {
        JsonNode functionCall = message.get("function_call");
        if (functionCall != null && !functionCall.isObject()) {
            throw invalid(where + ".function_call", "expected an object, got " + kind(functionCall));
        }
        JsonNode toolCalls = message.get("tool_calls");
        if (toolCalls == null) {
            return;
        }
        if (!toolCalls.isArray()) {
            throw invalid(where + ".tool_calls", "expected an array, got " + kind(toolCalls));
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            String at = where + ".tool_calls[" + i + "]";
            JsonNode call = toolCalls.get(i);
            if (!call.isObject()) {
                throw invalid(at, "expected an object, got " + kind(call));
            }
            JsonNode function = call.get("function");
            if (function != null) {
                if (!function.isObject()) {
                    throw invalid(at + ".function", "expected an object, got " + kind(function));
                }
                requireString(function, "name", at + ".function");
                requireString(function, "arguments", at + ".function");
            }
        }
    }

    private static void requireString(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + "." + field, "expected a string, got " + kind(value));
        }
    }

    private static void optionalString(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw invalid(where + "." + field, "expected a string, got " + kind(value));
        }
    }

    private static void onlyKeys(JsonNode node, String where, java.util.List<String> allowed) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String key = it.next().getKey();
            if (!allowed.contains(key)) {
                throw invalid(where, "unexpected field \"" + key + "\" (allowed: " + String.join(", ", allowed) + ")");
            }
        }
    }

    private static String roles() {
        return "system, user, assistant, function, tool";
    }

    /** Names the JSON type of a node for error messages. */
    static String kind(JsonNode node) {
        return Json.typeName(node);
    }

    private static IllegalArgumentException invalid(String where, String problem) {
        return new IllegalArgumentException("invalid chat message: " + where + ": " + problem);
    }
}
