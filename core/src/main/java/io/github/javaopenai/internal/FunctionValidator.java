package io.github.javaopenai.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks legacy function declarations ({@code functions} of a chat session) as lua-openai does:
 * a string {@code name}, an optional string {@code description}, an optional object
 * {@code parameters}, and no other key.
 */
public final class FunctionValidator {

    private static final Set<String> KEYS = Set.of("name", "description", "parameters");

    private FunctionValidator() {
    }

    /**
     * Checks every declaration of the array.
     *
     * @throws IllegalArgumentException naming the declaration's index and the problem
     */
    public static void validate(JsonNode functions) {
        if (!functions.isArray()) {
            throw invalid("functions", "expected an array, got " + MessageValidator.kind(functions));
        }
        for (int i = 0; i < functions.size(); i++) {
            check(functions.get(i), "functions[" + i + "]");
        }
    }

    private static void check(JsonNode function, String where) {
        if (!function.isObject()) {
            throw invalid(where, "expected an object, got " + MessageValidator.kind(function));
        }
        List<String> extra = new ArrayList<>();
        function.fieldNames().forEachRemaining(key -> {
            if (!KEYS.contains(key)) {
                extra.add("\"" + key + "\"");
            }
        });
        if (!extra.isEmpty()) {
            throw invalid(where, "extra fields: " + String.join(", ", extra));
        }
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual()) {
            throw invalid(where, "field \"name\": expected a string, got " + MessageValidator.kind(name));
        }
        JsonNode description = function.get("description");
        if (description != null && !description.isTextual()) {
            throw invalid(where, "field \"description\": expected a string, got " + MessageValidator.kind(description));
        }
        JsonNode parameters = function.get("parameters");
        if (parameters != null && !parameters.isObject()) {
            throw invalid(where, "field \"parameters\": expected an object, got " + MessageValidator.kind(parameters));
        }
    }

    private static IllegalArgumentException invalid(String where, String problem) {
        return new IllegalArgumentException("invalid function declaration: " + where + ": " + problem);
    }
}
