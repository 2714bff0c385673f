package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.Engine;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.internal.engine.ModelCallBodies;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.internal.engine.StreamOption;
import io.github.javaopenai.structured.StructuredOutput;
import io.github.javaopenai.structured.StructuredResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * The client's model calls in async form, from {@code client.async()}: the same names, arguments
 * and answers as on the client, each returning a {@link CompletableFuture} at once.
 *
 * <p>No thread waits for an exchange: requests go out on the transport's
 * {@link io.github.javaopenai.transport.Transport#sendAsync}, and retries wait on a scheduler. The
 * client's retries, request timeout and call timeout apply as in the blocking calls. A future
 * completes with the server's answer whatever its status (call {@link ApiResponse#orThrow()} in a
 * stage to turn an error status into its {@code ApiException}), or exceptionally with the same
 * {@link io.github.javaopenai.errors.ConnectionException} or
 * {@link io.github.javaopenai.errors.ApiTimeoutException} the blocking call throws. Futures
 * complete, and so the stages chained on them run, on the executor set with
 * {@code OpenAI.Builder.asyncExecutor}, by default {@link java.util.concurrent.ForkJoinPool#commonPool()};
 * never on the HTTP client's own threads. Cancelling a future aborts its exchange. The client's
 * listeners observe every call and every subscription, as described in
 * {@link io.github.javaopenai.listener.OpenAIListener}.
 *
 * <p>Streams are {@link Flow.Publisher}s ({@link #streamChatCompletion}, {@link #streamResponse}),
 * which Reactor, RxJava and Mutiny adapt directly. Invalid arguments are refused at once, before
 * anything is sent, with the same {@link IllegalArgumentException} as the blocking calls; so is
 * {@code "stream": true} in a call that returns one answer. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncOpenAI {

    private final AsyncRequester requester;
    private final Generation generation;
    private final String defaultEmbeddingModel;
    private final AsyncModels models;
    private final AsyncFiles files;
    private final AsyncBatches batches;
    private final AsyncConversations conversations;
    private final AsyncAudio audio;
    private final AsyncImages images;

    /** Creates the async calls over a client's engine; obtain them from {@code client.async()}. */
    AsyncOpenAI(Engine engine) {
        this.requester = engine.async();
        this.generation = engine.generation();
        this.defaultEmbeddingModel = engine.settings().provider().defaultEmbeddingModel();
        this.models = new AsyncModels(requester);
        this.files = new AsyncFiles(requester);
        this.batches = new AsyncBatches(requester);
        this.conversations = new AsyncConversations(requester);
        this.audio = new AsyncAudio(requester);
        this.images = new AsyncImages(requester);
    }

    /** Returns the Models API in async form: list, get and delete models. */
    public AsyncModels models() {
        return models;
    }

    /** Returns the Files API in async form: upload, list, get and delete files. */
    public AsyncFiles files() {
        return files;
    }

    /** Returns the Uploads API in async form: files larger than one {@code POST /files} takes, sent in parts. */
    public AsyncUploads uploads() {
        return new AsyncUploads(requester);
    }

    /** Returns the Batch API in async form: create, get, list and cancel batches. */
    public AsyncBatches batches() {
        return batches;
    }

    /** Returns the Conversations API in async form: conversations and their items. */
    public AsyncConversations conversations() {
        return conversations;
    }

    /** Returns the input items of a stored response in async form; a null id raises "response_id is required". */
    public AsyncInputItems inputItems(String responseId) {
        return new AsyncInputItems(requester, responseId);
    }

    /** Returns the Audio API's streamed transcriptions as publishers. */
    public AsyncAudio audio() {
        return audio;
    }

    /** Returns the Images API's streamed edits as publishers. */
    public AsyncImages images() {
        return images;
    }

    /** Sends {@code POST /chat/completions} with the default model and the given messages. */
    public CompletableFuture<ApiResponse> createChatCompletion(List<?> messages) {
        return createChatCompletion(messages, Map.of());
    }

    /** Sends {@code POST /chat/completions}, as the client's {@code createChatCompletion(messages, options)}. */
    public CompletableFuture<ApiResponse> createChatCompletion(List<?> messages, Map<String, ?> options) {
        ObjectNode body = generation.chatBody(messages, options);
        RequestBodies.requireNotStreaming(body);
        return requester.send("POST", "/chat/completions", body, Map.of());
    }

    /**
     * Streams {@code POST /chat/completions} as a {@link Flow.Publisher} of its events, the async
     * form of the client's {@code streamChatCompletion}. Each subscription sends the request; see
     * {@link EventPublisher} for demand, cancellation and errors. Invalid messages are refused at
     * once, before anything is sent.
     */
    public EventPublisher streamChatCompletion(List<?> messages, Map<String, ?> options) {
        return requester.stream("/chat/completions", generation.chatBody(messages, options));
    }

    /** Streams {@code POST /responses} as a {@link Flow.Publisher} of its events, as {@link #streamChatCompletion} does. */
    public EventPublisher streamResponse(Object input, Map<String, ?> options) {
        return requester.stream("/responses", generation.responseBody(input, options));
    }

    /** Sends {@code POST /completions} with the prompt and lua-openai's defaults. */
    public CompletableFuture<ApiResponse> completion(String prompt) {
        return completion(prompt, Map.of());
    }

    /** Sends {@code POST /completions}, as the client's {@code completion(prompt, options)}. */
    public CompletableFuture<ApiResponse> completion(String prompt, Map<String, ?> options) {
        return requester.send("POST", "/completions", ModelCallBodies.completion(prompt, options), Map.of());
    }

    /** Sends {@code POST /embeddings} with the default embedding model. */
    public CompletableFuture<ApiResponse> embedding(Object input) {
        return embedding(input, Map.of());
    }

    /** Sends {@code POST /embeddings}, as the client's {@code embedding(input, options)}. */
    public CompletableFuture<ApiResponse> embedding(Object input, Map<String, ?> options) {
        return requester.send("POST", "/embeddings", ModelCallBodies.embedding(input, options, defaultEmbeddingModel),
                Map.of());
    }

    /** Sends {@code POST /moderations} for a string or a list of strings. */
    public CompletableFuture<ApiResponse> moderation(Object input) {
        return moderation(input, Map.of());
    }

    /** Sends {@code POST /moderations} with {@code {input}} and the options. */
    public CompletableFuture<ApiResponse> moderation(Object input, Map<String, ?> options) {
        return requester.send("POST", "/moderations", ModelCallBodies.moderation(input, options), Map.of());
    }

    /** Sends {@code POST /images/generations} with the parameters as the body, unchanged. */
    public CompletableFuture<ApiResponse> imageGeneration(Map<String, ?> params) {
        return requester.send("POST", "/images/generations", ModelCallBodies.imageGeneration(params), Map.of());
    }

    /** Sends {@code POST /responses} with the default model and the given input. */
    public CompletableFuture<ApiResponse> createResponse(Object input) {
        return createResponse(input, Map.of());
    }

    /**
     * Sends {@code POST /responses}; the options extend or override {@code {model, input}}.
     *
     * @throws IllegalArgumentException when the options ask for {@code "stream": true}, which has
     *     no async form yet; nothing is sent then
     */
    public CompletableFuture<ApiResponse> createResponse(Object input, Map<String, ?> options) {
        ObjectNode body = generation.responseBody(input, options);
        if (StreamOption.requested(body)) {
            throw new IllegalArgumentException("async createResponse(input, options) cannot stream: option \"stream\""
                    + " is true; call streamResponse, which returns a Flow.Publisher, instead");
        }
        return requester.send("POST", "/responses", body, Map.of());
    }

    /** Sends {@code GET /responses/{id}}; a null id raises "response_id is required". */
    public CompletableFuture<ApiResponse> response(String responseId) {
        return requester.send("GET", "/responses/" + RequestBodies.segment(responseId, "response_id"), null, Map.of());
    }

    /** Sends {@code DELETE /responses/{id}}; a null id raises "response_id is required". */
    public CompletableFuture<ApiResponse> deleteResponse(String responseId) {
        return requester.send("DELETE", "/responses/" + RequestBodies.segment(responseId, "response_id"), null,
                Map.of());
    }

    /** Sends {@code POST /responses/{id}/cancel} with no body. */
    public CompletableFuture<ApiResponse> cancelResponse(String responseId) {
        return requester.send("POST", "/responses/" + RequestBodies.segment(responseId, "response_id") + "/cancel",
                null, Map.of());
    }

    /** Sends {@code POST /chat/completions} asking for the record's strict schema, and reads the reply back. */
    public <T> CompletableFuture<StructuredResult<T>> parseChatCompletion(List<?> messages, Map<String, ?> options,
            Class<T> type) {
        return parseChatCompletion(messages, options, StructuredOutput.of(type));
    }

    /**
     * Sends {@code POST /chat/completions} with the output's {@code response_format}, and reads the
     * reply back; the future fails with the {@code ApiException} or
     * {@code StructuredOutputException} the blocking call throws.
     */
    public <T> CompletableFuture<StructuredResult<T>> parseChatCompletion(List<?> messages, Map<String, ?> options,
            StructuredOutput<T> output) {
        return createChatCompletion(messages, output.withResponseFormat(options)).thenApply(output::fromChatCompletion);
    }

    /** Sends {@code POST /responses} asking for the record's strict schema, and reads the reply back. */
    public <T> CompletableFuture<StructuredResult<T>> parseResponse(Object input, Map<String, ?> options,
            Class<T> type) {
        return parseResponse(input, options, StructuredOutput.of(type));
    }

    /** Sends {@code POST /responses} with the output's schema as {@code text.format}, and reads the reply back. */
    public <T> CompletableFuture<StructuredResult<T>> parseResponse(Object input, Map<String, ?> options,
            StructuredOutput<T> output) {
        return createResponse(input, output.withTextFormat(options)).thenApply(output::fromResponse);
    }

    /** Sends any request; see {@link #request(String, String, Object, Map)}. */
    public CompletableFuture<ApiResponse> request(String method, String path, Object body) {
        return request(method, path, body, Map.of());
    }

    /** Sends any request, as the client's {@code request(method, path, body, headers)}. */
    public CompletableFuture<ApiResponse> request(String method, String path, Object body,
            Map<String, String> headers) {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(headers, "headers == null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with \"/\": \"" + path + "\"");
        }
        JsonNode json = body == null ? null : Json.toTree(body, "body");
        return requester.send(method.toUpperCase(Locale.ROOT), path, json, headers);
    }

    @Override
    public String toString() {
        return "AsyncOpenAI";
    }
}
