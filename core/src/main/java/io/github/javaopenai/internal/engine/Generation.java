package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.MessageValidator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Sends the model calls, Chat Completions and Responses, whole or streamed: shared by the client
 * and the chat sessions, which therefore need no client of their own.
 */
public final class Generation {

    private final Requester requester;
    private final Streaming streaming;
    private final AsyncRequester async;
    private final String defaultModel;

    public Generation(Requester requester, Streaming streaming, AsyncRequester async, String defaultModel) {
        this.requester = requester;
        this.streaming = streaming;
        this.async = async;
        this.defaultModel = defaultModel;
    }

    /** Sends {@code POST /chat/completions} and returns the whole answer; a streaming body is refused. */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options) {
        ObjectNode body = chatBody(messages, options);
        RequestBodies.requireNotStreaming(body);
        return requester.send("POST", "/chat/completions", body, Map.of());
    }

    /** Sends {@code POST /chat/completions} without holding a thread; a streaming body is refused at once. */
    public CompletableFuture<ApiResponse> createChatCompletionAsync(List<?> messages, Map<String, ?> options) {
        ObjectNode body = chatBody(messages, options);
        RequestBodies.requireNotStreaming(body);
        return async.send("POST", "/chat/completions", body, Map.of());
    }

    /** Sends {@code POST /responses} without holding a thread; a streaming body is refused at once. */
    public CompletableFuture<ApiResponse> createResponseAsync(Object input, Map<String, ?> options) {
        ObjectNode body = responseBody(input, options);
        if (StreamOption.requested(body)) {
            throw new IllegalArgumentException("an async response cannot stream here: option \"stream\" is true");
        }
        return async.send("POST", "/responses", body, Map.of());
    }

    /** Returns the executor async answers complete on, where sessions also run their tool functions. */
    public Executor asyncExecutor() {
        return async.executor();
    }

    /** Streams {@code POST /chat/completions} to the callback. */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback("/chat/completions", chatBody(messages, options), onEvent);
    }

    /** Streams {@code POST /chat/completions} as a pull stream. */
    public EventStream streamChatCompletion(List<?> messages, Map<String, ?> options) {
        return streaming.toPull("/chat/completions", chatBody(messages, options));
    }

    /** Sends {@code POST /responses}; with {@code "stream": true} returns the final response object. */
    public ApiResponse createResponse(Object input, Map<String, ?> options) {
        ObjectNode body = responseBody(input, options);
        if (StreamOption.requested(body)) {
            return streaming.toFinalResponse("/responses", body);
        }
        return requester.send("POST", "/responses", body, Map.of());
    }

    /** Streams {@code POST /responses} to the callback. */
    public ApiResponse createResponse(Object input, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback("/responses", responseBody(input, options), onEvent);
    }

    /** Streams {@code POST /responses} as a pull stream. */
    public EventStream streamResponse(Object input, Map<String, ?> options) {
        return streaming.toPull("/responses", responseBody(input, options));
    }

    /** Returns {@code {model, messages}} merged with the options, every message checked. */
    public ObjectNode chatBody(List<?> messages, Map<String, ?> options) {
        Objects.requireNonNull(messages, "messages == null");
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            array.add(Json.toTree(messages.get(i), "messages[" + i + "]"));
        }
        ObjectNode body = Json.object();
        RequestBodies.putModel(body, defaultModel);
        body.set("messages", array);
        RequestBodies.merge(body, options);
        // Checked after merging, since an option may replace the messages.
        JsonNode merged = body.get("messages");
        if (merged == null || !merged.isArray()) {
            throw new IllegalArgumentException("messages must be a list of chat messages, got "
                    + (merged == null ? "nothing" : merged.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        for (int i = 0; i < merged.size(); i++) {
            MessageValidator.validate(merged.get(i), "messages[" + i + "]");
        }
        return body;
    }

    /** Returns {@code {model, input}} merged with the options; the input is sent as given. */
    public ObjectNode responseBody(Object input, Map<String, ?> options) {
        ObjectNode body = Json.object();
        RequestBodies.putModel(body, defaultModel);
        body.set("input", Json.toTree(input, "input"));
        return RequestBodies.merge(body, options);
    }
}
