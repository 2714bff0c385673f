package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a map of query parameters into a URL query string: lists repeat as {@code name[]=v}, the
 * form the OpenAI API reads.
 */
public final class Query {

    private Query() {
    }

    /** Returns {@code ?k=v&...} for the non-null entries, or "" when there are none. */
    public static String of(Map<String, ?> params) {
        Objects.requireNonNull(params, "query == null");
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, ?> entry : params.entrySet()) {
            String name = Objects.requireNonNull(entry.getKey(), "query parameter name == null");
            Object value = entry.getValue();
            if (value instanceof Collection<?> values) {
                for (Object element : values) {
                    append(out, name + "[]", scalar(name, element));
                }
            } else if (value != null) {
                append(out, name, scalar(name, value));
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, String name, String value) {
        out.append(out.length() == 0 ? '?' : '&')
                .append(PathSegments.encode(name)).append('=').append(PathSegments.encode(value));
    }

    private static String scalar(String name, Object value) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof JsonNode node && node.isValueNode()) {
            return node.asText();
        }
        throw new IllegalArgumentException("query parameter \"" + name + "\" must be a string, number, boolean "
                + "or a list of them, not " + (value == null ? "null" : value.getClass().getName()));
    }
}
