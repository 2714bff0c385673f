package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.structured.StructuredOutput;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Declares one Java function the model may call in a session's tool loop: its name, a
 * description, a JSON schema for its arguments, and the handler that runs it.
 *
 * @param name the function name the model uses: letters, digits, {@code _} and {@code -}, at most 64
 * @param description what the function does, for the model; may be null
 * @param parameters the JSON schema of the arguments object
 * @param handler the code that runs a call
 * @param strict whether the declaration asks the model to follow the schema exactly
 *     ({@code "strict": true}); true for {@link #ofType}, whose schemas are generated strict
 * @since 0.1
 */
public record ToolFunction(String name, String description, JsonNode parameters, ToolHandler handler,
        boolean strict) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Returns a non-strict declaration, for a schema written by hand. */
    public ToolFunction(String name, String description, JsonNode parameters, ToolHandler handler) {
        this(name, description, parameters, handler, false);
    }

    /** Checks the name, the schema and the handler. */
    public ToolFunction {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(parameters, "parameters == null");
        Objects.requireNonNull(handler, "handler == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("tool name must be 1 to 64 letters, digits, _ or -: \"" + name + "\"");
        }
        if (!parameters.isObject()) {
            throw new IllegalArgumentException("parameters of tool \"" + name + "\" must be a JSON schema object, got "
                    + parameters.getNodeType());
        }
    }

    /**
     * Returns a function whose argument schema is given as a map, a JSON node or anything Jackson
     * serializes to a JSON object.
     */
    public static ToolFunction of(String name, String description, Object parameters, ToolHandler handler) {
        return new ToolFunction(name, description, Json.toTree(
                Objects.requireNonNull(parameters, "parameters == null"), "parameters of tool \"" + name + "\""), handler);
    }

    /**
     * Returns a function whose arguments are a Java record: the schema is generated from the
     * record (strict, as for structured outputs) and each call's arguments are parsed into it
     * before the handler runs. Arguments that do not match become the call's error result, naming
     * the field, so the model can correct itself.
     *
     * <pre>{@code
     * record Sum(double a, double b) {}
     * ToolFunction add = ToolFunction.ofType("add", "Add two numbers", Sum.class, sum -> sum.a() + sum.b());
     * }</pre>
     */
    public static <T> ToolFunction ofType(String name, String description, Class<T> argumentsType,
            ArgumentsHandler<T> handler) {
        Objects.requireNonNull(handler, "handler == null");
        StructuredOutput<T> arguments = StructuredOutput.of(Objects.requireNonNull(argumentsType, "argumentsType == null"));
        return new ToolFunction(name, description, arguments.schema(), json -> handler.call(arguments.parse(json)),
                true);
    }

    /**
     * Runs a call whose arguments were parsed into a Java type.
     *
     * @param <T> the arguments type
     */
    @FunctionalInterface
    public interface ArgumentsHandler<T> {
        /** Runs the call and returns its result: a string as is, anything else as JSON. */
        Object call(T arguments) throws Exception;
    }

    /** Returns the Chat Completions declaration: {@code {type: function, function: {name, description, parameters}}}. */
    JsonNode chatTool() {
        var tool = Json.object();
        tool.put("type", "function");
        var function = tool.putObject("function");
        function.put("name", name);
        if (description != null) {
            function.put("description", description);
        }
        function.set("parameters", parameters);
        if (strict) {
            function.put("strict", true);
        }
        return tool;
    }

    /** Returns the Responses API declaration: {@code {type: function, name, description, parameters}}. */
    JsonNode responsesTool() {
        var tool = Json.object();
        tool.put("type", "function");
        tool.put("name", name);
        if (description != null) {
            tool.put("description", description);
        }
        tool.set("parameters", parameters);
        if (strict) {
            tool.put("strict", true);
        }
        return tool;
    }
}
