package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.Engine;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.internal.engine.ModelCallBodies;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.Streaming;
import io.github.javaopenai.realtime.Realtime;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeSession;
import io.github.javaopenai.structured.StructuredOutput;
import io.github.javaopenai.structured.StructuredResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Every endpoint the client reaches: the model calls lua-openai's client makes, with their
 * streamed and structured forms (Chat Completions, Responses, completions, embeddings,
 * moderations, image generation, any other request), and the accessors of the other API areas
 * ({@link #files()}, {@link #batches()}...). The client {@code OpenAI} is one; the endpoints live
 * here, apart from how a client is built and configured.
 *
 * <p>Each method sends one request and returns the server's answer as an {@link ApiResponse},
 * whatever its status. Options are a map whose entries go straight into the JSON request body, so
 * every API parameter is within reach; an entry with a null value removes that key from the body.
 * Thread-safe.
 *
 * @since 0.1
 */
public abstract class ClientEndpoints {

    private final Requester requester;
    private final Streaming streaming;
    private final Generation generation;
    private final String defaultEmbeddingModel;
    private final AsyncOpenAI async;
    private final Realtime realtime;

    /** Creates the calls over the client's engine; only the client extends this class. */
    protected ClientEndpoints(Engine engine) {
        this.requester = engine.requester();
        this.streaming = engine.streaming();
        this.generation = engine.generation();
        this.defaultEmbeddingModel = engine.settings().provider().defaultEmbeddingModel();
        this.async = new AsyncOpenAI(engine);
        this.realtime = new Realtime(engine);
    }

    /** Sends {@code POST /chat/completions} with the default model and the given messages. */
    public ApiResponse createChatCompletion(List<?> messages) {
        return createChatCompletion(messages, Map.of());
    }

    /**
     * Sends {@code POST /chat/completions}; the options extend or override {@code {model, messages}}.
     * Every message is checked first: an invalid one raises {@link IllegalArgumentException}
     * naming its index and field, and nothing is sent.
     *
     * @param messages chat messages: maps, JSON objects, or anything Jackson serializes to one
     * @throws IllegalArgumentException when a message is invalid, when {@code stream} is true (streaming
     *     needs a callback, or {@link #streamChatCompletion}), or when {@code stream} is not a boolean
     */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options) {
        return generation.createChatCompletion(messages, options);
    }

    /**
     * Streams {@code POST /chat/completions}, calling {@code onEvent} on the calling thread with
     * every event, unchanged and in order; the result has the status and headers and an empty
     * body. An answer that is not a stream (an error status) is returned whole instead.
     */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        return generation.createChatCompletion(messages, options, onEvent);
    }

    /**
     * Streams {@code POST /chat/completions} as a pull stream of events, for try-with-resources.
     *
     * @throws io.github.javaopenai.errors.ApiException when the server answers with an error status
     */
    public EventStream streamChatCompletion(List<?> messages, Map<String, ?> options) {
        return generation.streamChatCompletion(messages, options);
    }

    /**
     * Streams {@code POST /chat/completions} like lua-openai's {@code chat} with a callback: only
     * single-choice {@code chat.completion.chunk} events, parsed (see {@link ChatChunk#from}).
     *
     * @deprecated use {@link #createChatCompletion(List, Map, Consumer)}; kept because lua-openai has it
     */
    @Deprecated
    public ApiResponse chat(List<?> messages, Map<String, ?> options, BiConsumer<ChatChunk, JsonNode> onChunk) {
        Objects.requireNonNull(onChunk, "onChunk == null");
        return createChatCompletion(messages, options, event -> {
            ChatChunk chunk = ChatChunk.from(event);
            if (chunk != null) {
                onChunk.accept(chunk, event);
            }
        });
    }

    /**
     * Sends {@code POST /chat/completions}: lua-openai's name for {@link #createChatCompletion(List, Map)}.
     *
     * @deprecated use {@link #createChatCompletion(List, Map)}; kept because lua-openai has it
     */
    @Deprecated
    public ApiResponse chat(List<?> messages, Map<String, ?> options) {
        return createChatCompletion(messages, options);
    }

    /**
     * Sends {@code POST /chat/completions} with the default model: lua-openai's {@code chat(messages)}.
     *
     * @deprecated use {@link #createChatCompletion(List)}; kept because lua-openai has it
     */
    @Deprecated
    public ApiResponse chat(List<?> messages) {
        return createChatCompletion(messages);
    }

    /** Sends {@code POST /completions} with the prompt and lua-openai's defaults. */
    public ApiResponse completion(String prompt) {
        return completion(prompt, Map.of());
    }

    /** Sends {@code POST /completions}; the options override {@code {model: gpt-3.5-turbo-instruct, prompt, temperature: 0.5, max_tokens: 600}}. */
    public ApiResponse completion(String prompt, Map<String, ?> options) {
        return requester.send("POST", "/completions", ModelCallBodies.completion(prompt, options), Map.of());
    }

    /** Sends {@code POST /embeddings} for a string or a list of strings, with the default embedding model. */
    public ApiResponse embedding(Object input) {
        return embedding(input, Map.of());
    }

    /**
     * Sends {@code POST /embeddings}; the options override {@code {model, input}}, where the model
     * is the provider's embedding model ({@code text-embedding-3-small} for OpenAI).
     *
     * @param input a string or a list of strings
     * @throws IllegalArgumentException "input must be provided" when the input is null
     */
    public ApiResponse embedding(Object input, Map<String, ?> options) {
        return requester.send("POST", "/embeddings", ModelCallBodies.embedding(input, options, defaultEmbeddingModel),
                Map.of());
    }

    /** Sends {@code POST /moderations} for a string or a list of strings. */
    public ApiResponse moderation(Object input) {
        return moderation(input, Map.of());
    }

    /** Sends {@code POST /moderations} with {@code {input}} and the options; no model is added. */
    public ApiResponse moderation(Object input, Map<String, ?> options) {
        return requester.send("POST", "/moderations", ModelCallBodies.moderation(input, options), Map.of());
    }

    /** Sends {@code POST /images/generations} with the parameters as the body, unchanged. */
    public ApiResponse imageGeneration(Map<String, ?> params) {
        return requester.send("POST", "/images/generations", ModelCallBodies.imageGeneration(params), Map.of());
    }

    /** Sends {@code POST /responses} with the default model and the given input. */
    public ApiResponse createResponse(Object input) {
        return createResponse(input, Map.of());
    }

    /**
     * Sends {@code POST /responses}; the options extend or override {@code {model, input}}. With
     * {@code "stream": true} and no callback, as lua-openai allows, the body returned is the final
     * response object of the {@code response.completed} event.
     *
     * @param input a string, or a list of input items (maps, JSON nodes, records)
     */
    public ApiResponse createResponse(Object input, Map<String, ?> options) {
        return generation.createResponse(input, options);
    }

    /** Streams {@code POST /responses} to {@code onEvent}, as {@link #createChatCompletion(List, Map, Consumer)} does. */
    public ApiResponse createResponse(Object input, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        return generation.createResponse(input, options, onEvent);
    }

    /**
     * Streams {@code POST /responses} as a pull stream of events, for try-with-resources.
     *
     * @throws io.github.javaopenai.errors.ApiException when the server answers with an error status
     */
    public EventStream streamResponse(Object input, Map<String, ?> options) {
        return generation.streamResponse(input, options);
    }

    /** Sends {@code GET /responses/{id}}; a null id raises "response_id is required". */
    public ApiResponse response(String responseId) {
        return requester.send("GET", "/responses/" + RequestBodies.segment(responseId, "response_id"), null, Map.of());
    }

    /** Sends {@code DELETE /responses/{id}}; a null id raises "response_id is required". */
    public ApiResponse deleteResponse(String responseId) {
        return requester.send("DELETE", "/responses/" + RequestBodies.segment(responseId, "response_id"), null, Map.of());
    }

    /** Sends {@code POST /responses/{id}/cancel} with no body; a null id raises "response_id is required". */
    public ApiResponse cancelResponse(String responseId) {
        return requester.send("POST", "/responses/" + RequestBodies.segment(responseId, "response_id") + "/cancel", null,
                Map.of());
    }

    /**
     * Sends {@code POST /chat/completions} asking for JSON that follows the record's strict schema,
     * and reads the reply back: the record, or the model's refusal. Like the official SDKs' {@code parse}.
     *
     * @throws IllegalArgumentException when the type has no strict schema; nothing is sent then
     * @throws io.github.javaopenai.errors.ApiException when the status is not 2xx
     * @throws io.github.javaopenai.structured.StructuredOutputException when the reply does not match the type
     */
    public <T> StructuredResult<T> parseChatCompletion(List<?> messages, Map<String, ?> options, Class<T> type) {
        return parseChatCompletion(messages, options, StructuredOutput.of(type));
    }

    /** Sends {@code POST /chat/completions} with the output's {@code response_format}, and reads the reply back. */
    public <T> StructuredResult<T> parseChatCompletion(List<?> messages, Map<String, ?> options,
            StructuredOutput<T> output) {
        return output.fromChatCompletion(createChatCompletion(messages, output.withResponseFormat(options)));
    }

    /** Sends {@code POST /responses} asking for JSON that follows the record's strict schema, as {@link #parseChatCompletion(List, Map, Class)} does. */
    public <T> StructuredResult<T> parseResponse(Object input, Map<String, ?> options, Class<T> type) {
        return parseResponse(input, options, StructuredOutput.of(type));
    }

    /** Sends {@code POST /responses} with the output's schema as {@code text.format}, and reads the reply back. */
    public <T> StructuredResult<T> parseResponse(Object input, Map<String, ?> options, StructuredOutput<T> output) {
        return output.fromResponse(createResponse(input, output.withTextFormat(options)));
    }

    /** Sends any request, for endpoints that have no method of their own yet; see {@link #request(String, String, Object, Map)}. */
    public ApiResponse request(String method, String path, Object body) {
        return request(method, path, body, Map.of());
    }

    /**
     * Sends any request, for endpoints that have no method of their own yet; the headers are
     * merged after the defaults and override them.
     *
     * @param path the path after the base URL, starting with {@code /}
     * @param body the JSON body (a map, a JSON node, a record), or null to send none
     */
    public ApiResponse request(String method, String path, Object body, Map<String, String> headers) {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(headers, "headers == null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with \"/\": \"" + path + "\"");
        }
        JsonNode json = body == null ? null : Json.toTree(body, "body");
        return requester.send(method.toUpperCase(Locale.ROOT), path, json, headers);
    }

    /**
     * Returns the same calls in async form, each returning a {@link java.util.concurrent.CompletableFuture}
     * at once; see {@link AsyncOpenAI}.
     */
    public AsyncOpenAI async() {
        return async;
    }

    /** Returns the Models API: list, get and delete models. */
    public Models models() {
        return new Models(requester);
    }

    /** Returns the Files API: uploads, downloads, listing, paging and deleting files. */
    public FileStore files() {
        return new FileStore(requester);
    }

    /** Returns the Uploads API, for files larger than one {@code POST /files} takes, sent in parts. */
    public Uploads uploads() {
        return new Uploads(requester);
    }

    /** Returns the Batch API: create, get, list and cancel batches. */
    public Batches batches() {
        return new Batches(requester);
    }

    /** Returns the Conversations API: server-side state for the Responses API. */
    public Conversations conversations() {
        return new Conversations(requester);
    }

    /** Returns the input items of a stored response; a null id raises "response_id is required". */
    public InputItems inputItems(String responseId) {
        return new InputItems(requester, responseId);
    }

    /** Returns the Audio API: speech, transcriptions and translations. */
    public Audio audio() {
        return new Audio(requester, streaming);
    }

    /** Returns the image edit and variation endpoints. */
    public Images images() {
        return new Images(requester, streaming);
    }

    /** Returns the Realtime API: sessions over a WebSocket and ephemeral client secrets. */
    public Realtime realtime() {
        return realtime;
    }

    /**
     * Opens a realtime session with the model over a WebSocket; see {@link Realtime#connect}.
     * Close it when done (try-with-resources).
     */
    public RealtimeSession realtime(String model, RealtimeOptions options) {
        return realtime.connect(model, options);
    }

    /**
     * Opens a Responses API WebSocket ({@code /responses}), which streams many responses, one at a
     * time, over one connection; see {@link io.github.javaopenai.realtime.ResponsesSocket}. Close it when done.
     */
    public io.github.javaopenai.realtime.ResponsesSocket responsesSocket() {
        return responsesSocket(RealtimeOptions.defaults());
    }

    /** Opens a Responses API WebSocket with the connection options (timeouts, headers). */
    public io.github.javaopenai.realtime.ResponsesSocket responsesSocket(RealtimeOptions options) {
        return realtime.responses(options);
    }
}
