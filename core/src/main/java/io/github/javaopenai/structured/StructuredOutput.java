package io.github.javaopenai.structured;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes the JSON a reply must have: a named schema, whether the model must follow it
 * strictly, and the Java type the reply is read into.
 *
 * <p>It writes the request part, as a chat {@code response_format} ({@link #responseFormat()}) or
 * a responses {@code text.format} ({@link #textFormat()}), and reads the reply back
 * ({@link #fromChatCompletion}, {@link #fromResponse}). {@code OpenAI.parseChatCompletion} and
 * {@code OpenAI.parseResponse} do both in one call.
 *
 * <pre>{@code
 * StructuredOutput<MathReasoning> format = StructuredOutput.of(MathReasoning.class);
 * ApiResponse r = client.createChatCompletion(messages, Map.of("response_format", format.responseFormat()));
 * MathReasoning answer = format.fromChatCompletion(r).orElseThrow();
 * }</pre>
 *
 * @param name the schema's name, 1 to 64 letters, digits, {@code _} or {@code -}
 * @param schema the JSON schema of the reply; the accessor returns a copy
 * @param type the type replies are read into; {@code JsonNode} for a raw schema
 * @param strict whether the model must follow the schema exactly; true unless changed
 * @param <T> the type replies are read into
 * @since 0.1
 */
public record StructuredOutput<T>(String name, ObjectNode schema, Class<T> type, boolean strict) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** Checks the name and keeps a copy of the schema. */
    public StructuredOutput {
        Objects.requireNonNull(name, "name == null");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("schema name must be 1 to 64 letters, digits, '_' or '-': \""
                    + name + "\"");
        }
        schema = Objects.requireNonNull(schema, "schema == null").deepCopy();
        Objects.requireNonNull(type, "type == null");
    }

    /**
     * Returns a strict structured output for the record, named after it, with the schema
     * {@link JsonSchemas#of(Class)} generates.
     *
     * @throws IllegalArgumentException when the type cannot be expressed as a strict schema
     */
    public static <T> StructuredOutput<T> of(Class<T> type) {
        return new StructuredOutput<>(type.getSimpleName(), JsonSchemas.of(type), type, true);
    }

    /**
     * Returns a strict structured output for a schema the caller already has; replies are read
     * as JSON trees.
     *
     * @throws IllegalArgumentException when the schema is not a JSON object
     */
    public static StructuredOutput<JsonNode> ofSchema(String name, JsonNode schema) {
        return ofSchema(name, schema, JsonNode.class);
    }

    /**
     * Returns a strict structured output for a schema the caller already has; replies are read
     * into the given type.
     *
     * @throws IllegalArgumentException when the schema is not a JSON object
     */
    public static <T> StructuredOutput<T> ofSchema(String name, JsonNode schema, Class<T> type) {
        Objects.requireNonNull(schema, "schema == null");
        if (!(schema instanceof ObjectNode object)) {
            throw new IllegalArgumentException("schema must be a JSON object, got " + schema.getNodeType());
        }
        return new StructuredOutput<>(name, object, type, true);
    }

    /** Returns a copy of the schema. */
    @Override
    public ObjectNode schema() {
        return schema.deepCopy();
    }

    /** Returns a copy with another name. */
    public StructuredOutput<T> withName(String name) {
        return new StructuredOutput<>(name, schema, type, strict);
    }

    /**
     * Returns a copy with strict mode on or off. Strict mode guarantees the reply follows the
     * schema but accepts only a subset of JSON schema; turn it off for a raw schema outside it.
     */
    public StructuredOutput<T> withStrict(boolean strict) {
        return new StructuredOutput<>(name, schema, type, strict);
    }

    /**
     * Returns the chat completions {@code response_format}:
     * {@code {type: "json_schema", json_schema: {name, schema, strict}}}.
     */
    public ObjectNode responseFormat() {
        ObjectNode jsonSchema = Json.object();
        jsonSchema.put("name", name);
        jsonSchema.set("schema", schema());
        jsonSchema.put("strict", strict);
        ObjectNode format = Json.object();
        format.put("type", "json_schema");
        format.set("json_schema", jsonSchema);
        return format;
    }

    /**
     * Returns the responses {@code text.format}: {@code {type: "json_schema", name, schema, strict}}.
     */
    public ObjectNode textFormat() {
        ObjectNode format = Json.object();
        format.put("type", "json_schema");
        format.put("name", name);
        format.set("schema", schema());
        format.put("strict", strict);
        return format;
    }

    /** Returns a copy of the options with this output's {@code response_format} added, for Chat Completions. */
    public Map<String, Object> withResponseFormat(Map<String, ?> options) {
        Map<String, Object> withFormat = new LinkedHashMap<>(Objects.requireNonNull(options, "options == null"));
        withFormat.put("response_format", responseFormat());
        return withFormat;
    }

    /**
     * Returns a copy of the options with this output's schema as {@code text.format}, for the
     * Responses API; any other {@code text} option, such as {@code verbosity}, is kept beside it.
     */
    public Map<String, Object> withTextFormat(Map<String, ?> options) {
        Map<String, Object> withFormat = new LinkedHashMap<>(Objects.requireNonNull(options, "options == null"));
        Object text = withFormat.get("text");
        ObjectNode textOption = text == null ? Json.object() : Json.toTree(text, "option \"text\"").deepCopy();
        textOption.set("format", textFormat());
        withFormat.put("text", textOption);
        return withFormat;
    }

    /**
     * Reads JSON text, such as a tool call's arguments, into the type.
     *
     * @throws StructuredOutputException when the text is not JSON or does not match the type,
     *     naming the property
     */
    public T parse(String json) {
        Objects.requireNonNull(json, "json == null");
        return read(json, "the JSON");
    }

    /**
     * Reads a JSON tree, such as the arguments a session's tool loop hands to a tool, into the
     * type.
     *
     * @throws StructuredOutputException when the tree does not match the type, naming the property
     */
    public T parse(JsonNode json) {
        Objects.requireNonNull(json, "json == null");
        if (type == JsonNode.class) {
            return type.cast(json);
        }
        return RecordBinder.bind(json, type, "the JSON");
    }

    /**
     * Reads a chat completion: the refusal of {@code choices[0].message} when it has one, else its
     * content parsed into the type.
     *
     * @throws io.github.javaopenai.errors.ApiException when the status is not 2xx
     * @throws StructuredOutputException when the reply has no content, or the content does not
     *     match the type (naming the property)
     */
    public StructuredResult<T> fromChatCompletion(ApiResponse response) {
        return result(ReplyText.ofChatCompletion(Objects.requireNonNull(response, "response == null")), response);
    }

    /**
     * Reads a response: the {@code refusal} part of its output message when it has one, else its
     * {@code output_text} parsed into the type.
     *
     * @throws io.github.javaopenai.errors.ApiException when the status is not 2xx
     * @throws StructuredOutputException when the reply has no output text, or the text does not
     *     match the type (naming the property)
     */
    public StructuredResult<T> fromResponse(ApiResponse response) {
        return result(ReplyText.ofResponse(Objects.requireNonNull(response, "response == null")), response);
    }

    private StructuredResult<T> result(ReplyText reply, ApiResponse response) {
        if (reply.refusal() != null) {
            return new StructuredResult.Refused<>(reply.refusal(), response);
        }
        String text = reply.requireText(response);
        try {
            return new StructuredResult.Parsed<>(read(text, "the reply"), response);
        } catch (StructuredOutputException e) {
            String unfinished = reply.unfinishedReason() == null ? "" : " (" + reply.unfinishedReason() + ")";
            throw new StructuredOutputException(e.getMessage() + unfinished, e.field(), response, e.getCause());
        }
    }

    private T read(String json, String context) {
        if (type == JsonNode.class) {
            try {
                JsonNode node = Json.MAPPER.readTree(json);
                if (node == null || node.isMissingNode()) {
                    throw new StructuredOutputException(context + " is empty", null, null, null);
                }
                return type.cast(node);
            } catch (JsonProcessingException e) {
                throw new StructuredOutputException(context + " is not valid JSON: " + e.getOriginalMessage(),
                        null, null, e);
            }
        }
        return RecordBinder.bind(json, type, context);
    }
}
