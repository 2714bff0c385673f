package io.github.javaopenai.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.util.Objects;

/**
 * Describes one call the model asked for: its id, the function name and the raw arguments text.
 * Approval hooks receive it before the call runs.
 *
 * @param id the call id ({@code tool_calls[].id} or {@code call_id}); null for a legacy function call
 * @param name the function name
 * @param arguments the arguments as the model sent them: JSON text, possibly malformed
 * @since 0.1
 */
public record ToolCall(String id, String name, String arguments) {

    /** Checks that the name and arguments are present. */
    public ToolCall {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(arguments, "arguments == null");
    }

    /**
     * Parses the arguments; blank arguments give an empty object.
     *
     * @throws IllegalArgumentException when the arguments are not valid JSON
     */
    public JsonNode argumentsJson() {
        if (arguments.isBlank()) {
            return Json.object();
        }
        try {
            return Json.MAPPER.readTree(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments of tool call \"" + name + "\" are not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
    }
}
