package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.util.Map;
import java.util.Objects;

/** The request bodies of the simpler model calls, shared by the blocking and the async client. */
public final class ModelCallBodies {

    private ModelCallBodies() {
    }

    /** Returns {@code {model: gpt-3.5-turbo-instruct, prompt, temperature: 0.5, max_tokens: 600}} merged with the options. */
    public static ObjectNode completion(String prompt, Map<String, ?> options) {
        ObjectNode body = Json.object().put("model", RequestBodies.COMPLETION_MODEL);
        body.set("prompt", Json.toTree(prompt, "prompt"));
        body.put("temperature", 0.5).put("max_tokens", 600);
        return RequestBodies.merge(body, options);
    }

    /** Returns {@code {model, input}} merged with the options; a null input raises "input must be provided". */
    public static ObjectNode embedding(Object input, Map<String, ?> options, String defaultEmbeddingModel) {
        ObjectNode body = Json.object();
        RequestBodies.putModel(body, defaultEmbeddingModel);
        body.set("input", RequestBodies.requiredInput(input));
        return RequestBodies.merge(body, options);
    }

    /** Returns {@code {input}} merged with the options; no model is added. */
    public static ObjectNode moderation(Object input, Map<String, ?> options) {
        ObjectNode body = Json.object();
        body.set("input", RequestBodies.requiredInput(input));
        return RequestBodies.merge(body, options);
    }

    /** Returns the image parameters as the body, unchanged. */
    public static ObjectNode imageGeneration(Map<String, ?> params) {
        Objects.requireNonNull(params, "params == null");
        return RequestBodies.merge(Json.object(), params);
    }
}
