package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.util.Map;

/**
 * The library's one rule for the {@code stream} option: a call streams when it is given a
 * callback, or when its options say {@code stream} is the JSON boolean {@code true}
 * ({@code Boolean.TRUE} or a {@code BooleanNode}). Absent, null and {@code false} mean no
 * streaming; any other value (the string {@code "true"}, the number 1...) is rejected, since the
 * server would refuse or misread it.
 */
public final class StreamOption {

    private StreamOption() {
    }

    /**
     * Returns whether the options ask for a stream.
     *
     * @throws IllegalArgumentException when {@code stream} is present but neither a boolean nor null
     */
    public static boolean requested(Map<String, ?> options) {
        Object value = options.get("stream");
        return value != null && isTrue(Json.toTree(value, "option \"stream\""));
    }

    /** Returns whether a request body asks for a stream, by the same rule. */
    public static boolean requested(JsonNode body) {
        JsonNode value = body.get("stream");
        return value != null && isTrue(value);
    }

    /** Returns whether a call streams: it has a callback, or its options ask for a stream. */
    public static boolean streams(Object callback, Map<String, ?> options) {
        boolean requested = requested(options); // checked even with a callback: a bad value is a bug
        return callback != null || requested;
    }

    private static boolean isTrue(JsonNode value) {
        if (value.isNull()) {
            return false;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("option \"stream\" must be true or false, got "
                    + Json.typeName(value) + " " + value);
        }
        return value.booleanValue();
    }
}
