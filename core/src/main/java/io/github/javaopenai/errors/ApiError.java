package io.github.javaopenai.errors;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Holds the fields of an API error object, {@code {"error": {message, type, code, param}}}.
 *
 * <p>Some servers wrap that object in a one-element array; both forms are read.
 */
record ApiError(String message, String type, String code, String param) {

    /** Returns the error object in the body, or null when the body holds none. */
    static ApiError of(JsonNode body) {
        JsonNode root = body.isArray() && body.size() > 0 ? body.get(0) : body;
        JsonNode error = root.get("error");
        if (error == null || !error.isObject()) {
            return null;
        }
        return new ApiError(text(error.get("message")), text(error.get("type")),
                text(error.get("code")), text(error.get("param")));
    }

    /** Returns a string or number as text; null, objects and arrays count as absent. */
    private static String text(JsonNode node) {
        return node != null && (node.isTextual() || node.isNumber()) ? node.asText() : null;
    }
}
