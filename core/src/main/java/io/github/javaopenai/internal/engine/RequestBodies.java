package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.util.Map;
import java.util.Objects;

/** Builds JSON request bodies from a call's fixed fields and the caller's options. */
public final class RequestBodies {

    /** The model {@code POST /completions} sends unless the options name one, as lua-openai does. */
    public static final String COMPLETION_MODEL = "gpt-3.5-turbo-instruct";

    private RequestBodies() {
    }

    /** Merges the options into the body: each entry sets its key, and a null value removes it. */
    public static ObjectNode merge(ObjectNode body, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        for (Map.Entry<String, ?> option : options.entrySet()) {
            String key = Objects.requireNonNull(option.getKey(), "option name == null");
            if (option.getValue() == null) {
                body.remove(key);
            } else {
                body.set(key, Json.toTree(option.getValue(), "option \"" + key + "\""));
            }
        }
        return body;
    }

    /** Sets {@code model} unless the model is null (a provider without a default). */
    public static void putModel(ObjectNode body, String model) {
        if (model != null) {
            body.put("model", model);
        }
    }

    /** Refuses a streaming body on a chat completion call that has no callback to stream to. */
    public static void requireNotStreaming(ObjectNode body) {
        if (StreamOption.requested(body)) {
            throw new IllegalArgumentException("createChatCompletion(messages, options) cannot stream: option \"stream\""
                    + " is true but no onEvent callback was given; pass one, or call streamChatCompletion");
        }
    }

    /** Returns the input as JSON, refusing null as lua-openai does. */
    public static JsonNode requiredInput(Object input) {
        if (input == null) {
            throw new IllegalArgumentException("input must be provided");
        }
        return Json.toTree(input, "input");
    }

    /** Returns the id encoded as one path segment, refusing null and empty ids by name. */
    public static String segment(String id, String name) {
        if (id == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return PathSegments.encode(id);
    }
}
