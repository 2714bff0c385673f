package io.github.javaopenai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Checks the input of a Responses chat session as lua-openai does, before anything is sent.
 *
 * <p>Accepted: a string; or an array whose items are role messages (system, user, assistant) with
 * string content or an array of input parts ({@code input_text} with text, {@code input_image}
 * with an {@code image_url}, {@code input_file} by {@code file_id}, {@code file_url}, or
 * {@code file_data} with {@code filename}), or {@code function_call_output} items with string
 * {@code call_id} and {@code output}. Extra keys are allowed and kept.
 */
public final class ResponseInputValidator {

    private static final Set<String> ROLES = Set.of("system", "user", "assistant");

    private ResponseInputValidator() {
    }

    /**
     * Checks the input.
     *
     * @throws IllegalArgumentException "input must be provided" for null, or naming the bad item
     */
    public static void validate(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            throw new IllegalArgumentException("input must be provided");
        }
        if (input.isTextual()) {
            return;
        }
        if (!input.isArray()) {
            throw invalid("input", "expected a string or an array of input items, got " + MessageValidator.kind(input));
        }
        for (int i = 0; i < input.size(); i++) {
            item(input.get(i), "input[" + i + "]");
        }
    }

    private static void item(JsonNode item, String where) {
        if (!item.isObject()) {
            throw invalid(where, "expected an object, got " + MessageValidator.kind(item));
        }
        if ("function_call_output".equals(item.path("type").asText(null))) {
            requireString(item, "call_id", where);
            requireString(item, "output", where);
            return;
        }
        JsonNode role = item.get("role");
        if (role == null || !role.isTextual() || !ROLES.contains(role.textValue())) {
            throw invalid(where + ".role", "expected system, user or assistant (or a function_call_output item), got "
                    + (role != null && role.isTextual() ? "\"" + role.textValue() + "\"" : MessageValidator.kind(role)));
        }
        JsonNode content = item.get("content");
        if (content != null && content.isTextual()) {
            return;
        }
        if (content == null || !content.isArray()) {
            throw invalid(where + ".content", "expected a string or an array of input parts, got "
                    + MessageValidator.kind(content));
        }
        for (int i = 0; i < content.size(); i++) {
            part(content.get(i), where + ".content[" + i + "]");
        }
    }

    private static void part(JsonNode part, String where) {
        if (!part.isObject()) {
            throw invalid(where, "expected an input part object, got " + MessageValidator.kind(part));
        }
        String type = part.path("type").asText("");
        switch (type) {
            case "input_text", "output_text" -> requireString(part, "text", where);
            case "input_image" -> requireString(part, "image_url", where);
            case "input_file" -> {
                boolean byId = part.path("file_id").isTextual();
                boolean byUrl = part.path("file_url").isTextual();
                boolean byData = part.path("file_data").isTextual() && part.path("filename").isTextual();
                if (!byId && !byUrl && !byData) {
                    throw invalid(where, "input_file needs a string file_id, file_url, or file_data with filename");
                }
            }
            default -> throw invalid(where + ".type", "expected input_text, input_image or input_file, got "
                    + (type.isEmpty() ? MessageValidator.kind(part.get("type")) : "\"" + type + "\""));
        }
    }

    private static void requireString(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(where + "." + field, "expected a string, got " + MessageValidator.kind(value));
        }
    }

    private static IllegalArgumentException invalid(String where, String problem) {
        return new IllegalArgumentException("invalid response input: " + where + ": " + problem);
    }
}
