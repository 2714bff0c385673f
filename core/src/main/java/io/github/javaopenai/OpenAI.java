package io.github.javaopenai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.endpoints.Audio;
import io.github.javaopenai.endpoints.Batches;
import io.github.javaopenai.endpoints.Conversations;
import io.github.javaopenai.endpoints.FileStore;
import io.github.javaopenai.endpoints.Images;
import io.github.javaopenai.endpoints.InputItems;
import io.github.javaopenai.endpoints.Uploads;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.internal.MessageValidator;
import io.github.javaopenai.internal.engine.ClientSettings;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.PlainHttpWarning;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.RetryClock;
import io.github.javaopenai.internal.engine.RetryPolicy;
import io.github.javaopenai.internal.engine.Streaming;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.sessions.ChatSession;
import io.github.javaopenai.sessions.ResponsesChatSession;
import io.github.javaopenai.sse.SseDecoder;
import io.github.javaopenai.structured.StructuredOutput;
import io.github.javaopenai.structured.StructuredResult;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Sends requests to the OpenAI HTTP API, or to any server that speaks it: the library's entry
 * point.
 *
 * <p>Each method mirrors one of lua-openai's: it sends one request and returns the server's
 * answer as an {@link ApiResponse}, whatever its status. Options are a map whose entries go
 * straight into the JSON request body, so every API parameter is within reach; an entry with a
 * null value removes that key from the body.
 *
 * <p>Instances are immutable and safe to share between threads; build one per configuration and
 * reuse it, since it holds the connection pool, and {@link #close()} it when you are done. {@link #toString()} never shows the API key.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.create(System.getenv("OPENAI_API_KEY"));
 * ApiResponse r = client.createChatCompletion(
 *     List.of(Messages.user("Write a 'Hello world' program in Lua")),
 *     Map.of("model", "gpt-4.1", "temperature", 0.5));
 * if (r.status() == 200) System.out.println(r.body().at("/choices/0/message/content").asText());
 * }</pre>
 *
 * @since 0.1
 */
public final class OpenAI implements AutoCloseable {

    /** This library's version. */
    public static final String VERSION = loadVersion();

    /** The base URL used unless another is configured: {@value}. */
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";

    /** The model used when neither the options nor the configuration name one: {@value}. */
    public static final String DEFAULT_MODEL = "gpt-4.1";

    /** The model {@link #completion} uses by default: {@value}. */
    public static final String DEFAULT_COMPLETION_MODEL = "gpt-3.5-turbo-instruct";

    /** The model {@link #embedding} uses by default: {@value}. */
    public static final String DEFAULT_EMBEDDING_MODEL = "text-embedding-3-small";

    private final ClientSettings settings;
    private final RetryClock clock;
    private final Requester requester;
    private final Streaming streaming;

    private OpenAI(ClientSettings settings, RetryClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.requester = new Requester(settings, clock);
        this.streaming = new Streaming(requester, settings);
    }

    /**
     * Returns a client for the OpenAI API with the given key and every other setting at its
     * default.
     *
     * @param apiKey the API key, or null to send no {@code Authorization} header
     */
    public static OpenAI create(String apiKey) {
        return newBuilder().apiKey(apiKey).build();
    }

    /**
     * Returns a client configured from the process environment: {@code OPENAI_API_KEY},
     * {@code OPENAI_BASE_URL}, {@code OPENAI_ORG_ID}, {@code OPENAI_PROJECT_ID} and
     * {@code OPENAI_PROVIDER} (a preset name for {@link Providers#byName(String)}, such as
     * {@code gemini} or {@code ollama}; {@code OPENAI_BASE_URL} still wins over its base URL).
     * Unset and empty variables leave the default in place.
     *
     * @throws IllegalArgumentException when {@code OPENAI_PROVIDER} names no preset
     */
    public static OpenAI fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Returns a client configured from the given variables, as {@link #fromEnv()} reads them. */
    public static OpenAI fromEnv(Map<String, String> env) {
        Builder builder = newBuilder().apiKey(nonEmpty(env.get("OPENAI_API_KEY")))
                .organization(nonEmpty(env.get("OPENAI_ORG_ID")))
                .project(nonEmpty(env.get("OPENAI_PROJECT_ID")));
        String provider = nonEmpty(env.get("OPENAI_PROVIDER"));
        if (provider != null) {
            builder.provider(Providers.byName(provider));
        }
        String baseUrl = nonEmpty(env.get("OPENAI_BASE_URL"));
        if (baseUrl != null) {
            builder.baseUrl(baseUrl);
        }
        return builder.build();
    }

    /** Returns a builder with every setting at its default. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Returns a builder holding this client's settings, sharing its transport. */
    public Builder toBuilder() {
        return new Builder(settings);
    }

    /** Returns the base URL every path is appended to. */
    public String baseUrl() {
        return settings.baseUrl();
    }

    /** Returns the model sent when the options name none, or null when none is sent. */
    public String defaultModel() {
        return settings.defaultModel();
    }

    /** Returns the model {@link #embedding} sends when the options name none, or null when none is sent. */
    public String defaultEmbeddingModel() {
        return settings.provider().defaultEmbeddingModel();
    }

    /** Returns the provider profile in effect, with this client's base URL and default model. */
    public Provider provider() {
        return settings.provider();
    }

    /** Returns whether an API key is configured; the key itself is never exposed. */
    public boolean hasApiKey() {
        return settings.apiKey() != null;
    }

    /** Returns the transport this client sends through. */
    public Transport transport() {
        return settings.transport();
    }

    /** Returns how many times a failed request is tried again. */
    public int maxRetries() {
        return settings.maxRetries();
    }

    /** Returns how long one attempt may wait for the response headers. */
    public Duration timeout() {
        return settings.timeout();
    }

    /** Returns how long a response body may deliver nothing before the read fails. */
    public Duration streamIdleTimeout() {
        return settings.streamIdleTimeout();
    }

    /**
     * Returns how long a whole call may take across all its attempts and the waits between them,
     * or empty when only each attempt's own timeouts apply; see {@link Builder#callTimeout}.
     */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(settings.callTimeout());
    }

    /**
     * Returns a copy of this client that retries failed requests up to {@code maxRetries} times,
     * sharing this client's transport; use it per call, as in
     * {@code client.withMaxRetries(0).models()}.
     *
     * @throws IllegalArgumentException when {@code maxRetries} is negative
     */
    public OpenAI withMaxRetries(int maxRetries) {
        return new OpenAI(settings.withMaxRetries(Builder.checkedRetries(maxRetries)), clock);
    }

    /**
     * Returns a copy of this client whose attempts may each wait {@code timeout} for the response
     * headers, sharing this client's transport.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public OpenAI withTimeout(Duration timeout) {
        return new OpenAI(settings.withTimeouts(Builder.positive(timeout, "timeout"), settings.streamIdleTimeout()),
                clock);
    }

    /**
     * Returns a copy of this client whose response bodies may deliver nothing for
     * {@code streamIdleTimeout} before the read fails, sharing this client's transport.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public OpenAI withStreamIdleTimeout(Duration streamIdleTimeout) {
        return new OpenAI(settings.withTimeouts(settings.timeout(),
                Builder.positive(streamIdleTimeout, "streamIdleTimeout")), clock);
    }

    /**
     * Returns a copy of this client whose calls may each take at most {@code callTimeout} across all
     * their attempts and the waits between them, sharing this client's transport; use it per call,
     * as in {@code client.withCallTimeout(Duration.ofSeconds(30)).models()}. See
     * {@link Builder#callTimeout} for what it covers.
     *
     * @throws IllegalArgumentException when the timeout is not positive
     */
    public OpenAI withCallTimeout(Duration callTimeout) {
        return new OpenAI(settings.withCallTimeout(Builder.positive(callTimeout, "callTimeout")), clock);
    }

    /** Returns a copy that times, waits and jitters its retries with the given clock. */
    public OpenAI withRetryClock(RetryClock retryClock) {
        return new OpenAI(settings, retryClock);
    }

    // ---------------------------------------------------------------- chat completions

    /** Sends {@code POST /chat/completions} with the default model and the given messages. */
    public ApiResponse createChatCompletion(List<?> messages) {
        return createChatCompletion(messages, Map.of());
    }

    /**
     * Sends {@code POST /chat/completions}; the options extend or override the body
     * {@code {model, messages}}.
     *
     * <p>Every message is checked first: an invalid one raises {@link IllegalArgumentException}
     * naming its index and field, and nothing is sent.
     *
     * @param messages chat messages: maps, JSON objects, or anything Jackson serializes to one
     * @param options request body entries, such as {@code model} or {@code temperature}
     * @throws IllegalArgumentException when a message is invalid, or when {@code stream} is true
     *     (streaming needs a callback, or {@link #streamChatCompletion})
     */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options) {
        ObjectNode body = chatBody(messages, options);
        requireNotStreaming(body);
        return requester.send("POST", "/chat/completions", body, Map.of());
    }

    /**
     * Streams {@code POST /chat/completions}, calling {@code onEvent} with every event as it
     * arrives, in order; {@code "stream": true} is added to the body.
     *
     * <p>Every decoded event reaches the callback unchanged: role-only, empty, usage-only and
     * error events included. The result carries the status and headers with an empty string body.
     * When the server answers with JSON instead of a stream (an error status, or a server that
     * ignores {@code stream}), that answer is returned whole and the callback is not called.
     *
     * @param onEvent called on the calling thread with each event's JSON value
     */
    public ApiResponse createChatCompletion(List<?> messages, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback("/chat/completions", chatBody(messages, options), onEvent);
    }

    /**
     * Streams {@code POST /chat/completions} as a pull stream of events, to be used in
     * try-with-resources.
     *
     * @throws io.github.javaopenai.errors.ApiException when the server answers with an error status
     */
    public EventStream streamChatCompletion(List<?> messages, Map<String, ?> options) {
        return streaming.toPull("/chat/completions", chatBody(messages, options));
    }

    /**
     * Streams {@code POST /chat/completions} like lua-openai's legacy {@code chat}: the callback
     * receives the parsed chunk and the raw event, only for single-choice
     * {@code chat.completion.chunk} events (see {@link ChatChunk#from(JsonNode)}).
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
     * Sends {@code POST /chat/completions} like {@link #chat(List, Map)} did in lua-openai.
     *
     * @deprecated use {@link #createChatCompletion(List, Map)}; kept because lua-openai has it
     */
    @Deprecated
    public ApiResponse chat(List<?> messages, Map<String, ?> options) {
        return createChatCompletion(messages, options);
    }

    /**
     * Sends {@code POST /chat/completions} with the default model and the given messages.
     *
     * @deprecated use {@link #createChatCompletion(List)}; kept because lua-openai has it
     */
    @Deprecated
    public ApiResponse chat(List<?> messages) {
        return createChatCompletion(messages);
    }

    ObjectNode chatBody(List<?> messages, Map<String, ?> options) {
        Objects.requireNonNull(messages, "messages == null");
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (int i = 0; i < messages.size(); i++) {
            array.add(Json.toTree(messages.get(i), "messages[" + i + "]"));
        }
        ObjectNode body = Json.object();
        putModel(body, settings.defaultModel());
        body.set("messages", array);
        merge(body, options);
        // Checked after merging, since an option may replace the messages.
        JsonNode merged = body.get("messages");
        if (merged == null || !merged.isArray()) {
            throw new IllegalArgumentException("messages must be a list of chat messages, got "
                    + (merged == null ? "nothing" : merged.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (int i = 0; i < merged.size(); i++) {
            MessageValidator.validate(merged.get(i), "messages[" + i + "]");
        }
        return body;
    }

    // ---------------------------------------------------------------- other generation endpoints

    /** Sends {@code POST /completions} with the prompt and lua-openai's defaults. */
    public ApiResponse completion(String prompt) {
        return completion(prompt, Map.of());
    }

    /**
     * Sends {@code POST /completions}; the options override the defaults
     * {@code {model: gpt-3.5-turbo-instruct, prompt, temperature: 0.5, max_tokens: 600}}.
     */
    public ApiResponse completion(String prompt, Map<String, ?> options) {
        ObjectNode body = Json.object();
        body.put("model", DEFAULT_COMPLETION_MODEL);
        body.set("prompt", Json.toTree(prompt, "prompt"));
        body.put("temperature", 0.5);
        body.put("max_tokens", 600);
        return requester.send("POST", "/completions", merge(body, options), Map.of());
    }

    /** Sends {@code POST /embeddings} for a string or a list of strings, with the default model. */
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
        ObjectNode body = Json.object();
        putModel(body, defaultEmbeddingModel());
        body.set("input", requiredInput(input));
        return requester.send("POST", "/embeddings", merge(body, options), Map.of());
    }

    /** Sends {@code POST /moderations} for a string or a list of strings. */
    public ApiResponse moderation(Object input) {
        return moderation(input, Map.of());
    }

    /**
     * Sends {@code POST /moderations} with {@code {input}} and the options; no model is added.
     *
     * @throws IllegalArgumentException "input must be provided" when the input is null
     */
    public ApiResponse moderation(Object input, Map<String, ?> options) {
        ObjectNode body = Json.object();
        body.set("input", requiredInput(input));
        return requester.send("POST", "/moderations", merge(body, options), Map.of());
    }

    /** Sends {@code POST /images/generations} with the parameters as the body, unchanged. */
    public ApiResponse imageGeneration(Map<String, ?> params) {
        Objects.requireNonNull(params, "params == null");
        return requester.send("POST", "/images/generations", merge(Json.object(), params), Map.of());
    }

    // ---------------------------------------------------------------- responses

    /** Sends {@code POST /responses} with the default model and the given input. */
    public ApiResponse createResponse(Object input) {
        return createResponse(input, Map.of());
    }

    /**
     * Sends {@code POST /responses}; the options extend or override {@code {model, input}}. The
     * input is sent as given, without validation.
     *
     * <p>With {@code "stream": true} and no callback, as lua-openai allows, the answer is streamed
     * and the body returned is the final response object of the {@code response.completed} event;
     * the events themselves are not kept.
     *
     * @param input a string, or a list of input items (maps, JSON nodes, records)
     */
    public ApiResponse createResponse(Object input, Map<String, ?> options) {
        ObjectNode body = responseBody(input, options);
        if (isStreaming(body)) {
            return streaming.toFinalResponse("/responses", body);
        }
        return requester.send("POST", "/responses", body, Map.of());
    }

    /**
     * Streams {@code POST /responses}, calling {@code onEvent} with every event as it arrives,
     * {@code response.completed} included; {@code "stream": true} is added to the body. The result
     * is as for {@link #createChatCompletion(List, Map, Consumer)}.
     */
    public ApiResponse createResponse(Object input, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback("/responses", responseBody(input, options), onEvent);
    }

    /**
     * Streams {@code POST /responses} as a pull stream of events, to be used in try-with-resources.
     *
     * @throws io.github.javaopenai.errors.ApiException when the server answers with an error status
     */
    public EventStream streamResponse(Object input, Map<String, ?> options) {
        return streaming.toPull("/responses", responseBody(input, options));
    }

    ObjectNode responseBody(Object input, Map<String, ?> options) {
        ObjectNode body = Json.object();
        putModel(body, settings.defaultModel());
        body.set("input", Json.toTree(input, "input"));
        return merge(body, options);
    }

    /**
     * Sends {@code GET /responses/{id}}.
     *
     * @throws IllegalArgumentException "response_id is required" when the id is null
     */
    public ApiResponse response(String responseId) {
        return requester.send("GET", "/responses/" + segment(responseId, "response_id"), null, Map.of());
    }

    /**
     * Sends {@code DELETE /responses/{id}}.
     *
     * @throws IllegalArgumentException "response_id is required" when the id is null
     */
    public ApiResponse deleteResponse(String responseId) {
        return requester.send("DELETE", "/responses/" + segment(responseId, "response_id"), null, Map.of());
    }

    /**
     * Sends {@code POST /responses/{id}/cancel} with no body.
     *
     * @throws IllegalArgumentException "response_id is required" when the id is null
     */
    public ApiResponse cancelResponse(String responseId) {
        return requester.send("POST", "/responses/" + segment(responseId, "response_id") + "/cancel", null, Map.of());
    }

    // ---------------------------------------------------------------- structured outputs

    /**
     * Sends {@code POST /chat/completions} asking for JSON that follows the record's strict
     * schema, and reads the reply back: the record, or the model's refusal. Like the official
     * SDKs' {@code parse}.
     *
     * @throws IllegalArgumentException when the type cannot be expressed as a strict schema, or a
     *     message is invalid; nothing is sent then
     * @throws io.github.javaopenai.errors.ApiStatusException when the status is not 2xx
     * @throws io.github.javaopenai.structured.StructuredOutputException when the reply does not
     *     match the type, naming the property
     */
    public <T> StructuredResult<T> parseChatCompletion(List<?> messages, Map<String, ?> options, Class<T> type) {
        return parseChatCompletion(messages, options, StructuredOutput.of(type));
    }

    /**
     * Sends {@code POST /chat/completions} with the output's {@code response_format} added to the
     * options, and reads the reply back as {@link StructuredOutput#fromChatCompletion} does.
     */
    public <T> StructuredResult<T> parseChatCompletion(List<?> messages, Map<String, ?> options,
            StructuredOutput<T> output) {
        Map<String, Object> withFormat = new LinkedHashMap<>(Objects.requireNonNull(options, "options == null"));
        withFormat.put("response_format", output.responseFormat());
        return output.fromChatCompletion(createChatCompletion(messages, withFormat));
    }

    /**
     * Sends {@code POST /responses} asking for JSON that follows the record's strict schema, and
     * reads the reply back: the record, or the model's refusal.
     *
     * @throws IllegalArgumentException when the type cannot be expressed as a strict schema
     * @throws io.github.javaopenai.errors.ApiStatusException when the status is not 2xx
     * @throws io.github.javaopenai.structured.StructuredOutputException when the reply does not
     *     match the type, naming the property
     */
    public <T> StructuredResult<T> parseResponse(Object input, Map<String, ?> options, Class<T> type) {
        return parseResponse(input, options, StructuredOutput.of(type));
    }

    /**
     * Sends {@code POST /responses} with the output's schema as {@code text.format} (kept beside
     * any other {@code text} option, such as {@code verbosity}), and reads the reply back as
     * {@link StructuredOutput#fromResponse} does.
     */
    public <T> StructuredResult<T> parseResponse(Object input, Map<String, ?> options, StructuredOutput<T> output) {
        Map<String, Object> withFormat = new LinkedHashMap<>(Objects.requireNonNull(options, "options == null"));
        Object text = withFormat.get("text");
        ObjectNode textOption = text == null ? Json.object() : Json.toTree(text, "option \"text\"").deepCopy();
        textOption.set("format", output.textFormat());
        withFormat.put("text", textOption);
        return output.fromResponse(createResponse(input, withFormat));
    }

    // ---------------------------------------------------------------- models and files

    /** Sends {@code GET /models}. */
    public ApiResponse models() {
        return requester.send("GET", "/models", null, Map.of());
    }

    /** Sends {@code GET /files}. */
    public ApiResponse files() {
        return requester.send("GET", "/files", null, Map.of());
    }

    /**
     * Sends {@code GET /files/{id}}.
     *
     * @throws IllegalArgumentException "file_id is required" when the id is null
     */
    public ApiResponse file(String fileId) {
        return requester.send("GET", "/files/" + segment(fileId, "file_id"), null, Map.of());
    }

    /**
     * Sends {@code DELETE /files/{id}}.
     *
     * @throws IllegalArgumentException "file_id is required" when the id is null
     */
    public ApiResponse deleteFile(String fileId) {
        return requester.send("DELETE", "/files/" + segment(fileId, "file_id"), null, Map.of());
    }

    // ---------------------------------------------------------------- beyond lua-openai

    /** Returns the Files API for uploads, downloads and paged listing. */
    public FileStore fileStore() {
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

    /**
     * Returns the input items of a stored response.
     *
     * @throws IllegalArgumentException "response_id is required" when the id is null
     */
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

    // ---------------------------------------------------------------- any endpoint

    /**
     * Sends any request: for endpoints that have no method of their own yet.
     *
     * @param method the HTTP method, such as {@code "GET"}
     * @param path the path after the base URL, starting with {@code /}
     * @param body the JSON body (a map, a JSON node, a record), or null to send none
     */
    public ApiResponse request(String method, String path, Object body) {
        return request(method, path, body, Map.of());
    }

    /**
     * Sends any request with extra headers, which are merged after the defaults and override them.
     */
    public ApiResponse request(String method, String path, Object body, Map<String, String> headers) {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(headers, "headers == null");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with \"/\": \"" + path + "\"");
        }
        JsonNode json = body == null ? null : Json.toTree(body, "body");
        return requester.send(method.toUpperCase(java.util.Locale.ROOT), path, json, headers);
    }

    // ---------------------------------------------------------------- sessions

    /** Returns a new {@link ChatSession} bound to this client, with no options. */
    public ChatSession newChatSession() {
        return newChatSession(Map.of());
    }

    /**
     * Returns a new {@link ChatSession} bound to this client.
     *
     * @param options {@code messages} to seed the history, {@code functions}, and any request
     *     body entry ({@code model}, {@code temperature}, {@code tools}...) sent with every request
     * @throws IllegalArgumentException when a seeded message or a function declaration is invalid
     */
    public ChatSession newChatSession(Map<String, ?> options) {
        return new ChatSession(this, options);
    }

    /** Returns a new {@link ChatSession}: lua-openai's other name for {@link #newChatSession(Map)}. */
    public ChatSession newChatCompletionsSession(Map<String, ?> options) {
        return newChatSession(options);
    }

    /** Returns a new {@link ResponsesChatSession} bound to this client, with no options. */
    public ResponsesChatSession newResponsesChatSession() {
        return newResponsesChatSession(Map.of());
    }

    /**
     * Returns a new {@link ResponsesChatSession} bound to this client.
     *
     * @param options {@code model}, {@code instructions}, {@code tools}, and
     *     {@code previous_response_id} to resume a conversation
     */
    public ResponsesChatSession newResponsesChatSession(Map<String, ?> options) {
        return new ResponsesChatSession(this, options);
    }

    // ---------------------------------------------------------------- helpers

    Requester requester() {
        return requester;
    }

    ClientSettings settings() {
        return settings;
    }

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

    private static void putModel(ObjectNode body, String model) {
        if (model != null) {
            body.put("model", model);
        }
    }

    static boolean isStreaming(ObjectNode body) {
        JsonNode stream = body.get("stream");
        return stream != null && stream.asBoolean(false);
    }

    private static void requireNotStreaming(ObjectNode body) {
        if (isStreaming(body)) {
            throw new IllegalArgumentException("Must provide chunk_callback function when streaming response");
        }
    }

    private static JsonNode requiredInput(Object input) {
        if (input == null) {
            throw new IllegalArgumentException("input must be provided");
        }
        return Json.toTree(input, "input");
    }

    private static String segment(String id, String name) {
        if (id == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return PathSegments.encode(id);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String loadVersion() {
        try (InputStream in = OpenAI.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Closes the connection pool this client's builder created, aborting exchanges still running;
     * later requests fail with {@link IllegalStateException}. Copies made with {@link #toBuilder()}
     * or a {@code with…} method share that pool, so close only when none of them is needed any
     * more. A transport you passed to {@link Builder#transport} is yours to close and is left open.
     */
    @Override
    public void close() {
        if (settings.ownsTransport()) {
            settings.transport().close();
        }
    }

    @Override
    public String toString() {
        return "OpenAI{provider=" + settings.provider().name() + ", baseUrl=" + settings.baseUrl()
                + ", defaultModel=" + settings.defaultModel()
                + ", apiKey=" + (settings.apiKey() == null ? "absent" : "<redacted>") + "}";
    }

    /**
     * Builds an {@link OpenAI} client. Every setting has a default; {@link #build()} checks them
     * and makes defensive copies.
     */
    public static final class Builder {
        private String apiKey;
        private String baseUrl = DEFAULT_BASE_URL;
        private String defaultModel = DEFAULT_MODEL;
        private String organization;
        private String project;
        private Provider provider = Providers.openAi();
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Transport transport;
        private Duration timeout = Duration.ofMinutes(10);
        private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
        private Duration connectTimeout;
        private Duration streamIdleTimeout = Duration.ofMinutes(10);
        private Duration callTimeout;
        private int maxEventBytes = SseDecoder.DEFAULT_MAX_EVENT_BYTES;
        private boolean ownsTransport;

        private Builder() {
        }

        private Builder(ClientSettings s) {
            apiKey = s.apiKey();
            baseUrl = s.baseUrl();
            defaultModel = s.defaultModel();
            organization = s.organization();
            project = s.project();
            provider = s.provider();
            s.headers().toMap().forEach((name, values) -> headers.put(name, String.join(",", values)));
            transport = s.transport();
            timeout = s.timeout();
            maxRetries = s.maxRetries();
            streamIdleTimeout = s.streamIdleTimeout();
            callTimeout = s.callTimeout();
            maxEventBytes = s.maxEventBytes();
            ownsTransport = s.ownsTransport();
        }

        /**
         * Sets the API key, sent as the provider's auth style says ({@code Authorization: Bearer
         * ...} for OpenAI). Default: none, so no key is sent (local servers need none).
         */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets the base URL every path is appended to. Default: {@value OpenAI#DEFAULT_BASE_URL}.
         * Change it to reach a proxy or any OpenAI-compatible server; a trailing slash is dropped.
         */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            return this;
        }

        /** Sets the model sent when the options name none. Default: {@value OpenAI#DEFAULT_MODEL}. */
        public Builder defaultModel(String defaultModel) {
            this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel == null");
            return this;
        }

        /**
         * Sets the provider profile: its base URL, auth style, headers, query parameters and
         * default models. Default: {@link Providers#openAi()}. Calls to {@link #baseUrl} and
         * {@link #defaultModel} made after this one override the profile's values.
         */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider == null");
            this.baseUrl = provider.baseUrl();
            this.defaultModel = provider.defaultModel();
            return this;
        }

        /** Sets the {@code OpenAI-Organization} header. Default: none. */
        public Builder organization(String organization) {
            this.organization = organization;
            return this;
        }

        /** Sets the {@code OpenAI-Project} header. Default: none. */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /** Adds a header sent with every request, overriding a default of the same name. */
        public Builder header(String name, String value) {
            headers.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /**
         * Sets the transport that carries requests. Default: a {@link JdkHttpTransport} of the
         * client's own. Change it to use another HTTP stack, or to record or fake exchanges.
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport == null");
            this.ownsTransport = false;
            return this;
        }

        /**
         * Sets how long a request may take until its response headers arrive. Default: 10
         * minutes, since reasoning models can think for long before answering.
         */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /**
         * Sets how many times a failed request is tried again: after a connection failure, a
         * timeout, or status 408, 409, 429 or 5xx. Default: 2, like the official SDKs. Set 0 to
         * handle failures yourself, or more for batch jobs that can afford to wait.
         *
         * @throws IllegalArgumentException when {@code maxRetries} is negative
         */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = checkedRetries(maxRetries);
            return this;
        }

        /**
         * Sets how long connecting to the server may take. Default: 10 seconds. It configures the
         * client's own transport, so it cannot be combined with {@link #transport(Transport)}.
         *
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a stream may go without receiving a byte before it is aborted with a
         * {@link io.github.javaopenai.errors.StreamTimeoutException}; a plain response body that
         * stalls as long fails with {@link io.github.javaopenai.errors.ApiTimeoutException}.
         * Default: 10 minutes, generous enough for models that think before they write; lower it
         * to notice stalled servers sooner.
         *
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = positive(streamIdleTimeout, "streamIdleTimeout");
            return this;
        }

        /**
         * Sets how long a whole call may take: every attempt, the waits between retries, and for a
         * call that returns a whole answer, reading that answer. A retry whose wait would pass it
         * is not waited for, and the attempt in flight gets only the time left; when it runs out
         * the call fails with an {@link io.github.javaopenai.errors.ApiTimeoutException} naming it
         * and the number of attempts made. A stream is bounded until its first event arrives (the
         * part that is retried); after that it may run as long as events keep coming, guarded by
         * {@link #streamIdleTimeout}, since streamed answers are meant to be long. A download is
         * bounded until its body is handed over. Default: none, so only each attempt's
         * {@link #timeout} and the stream idle timeout apply.
         *
         * @throws IllegalArgumentException when the timeout is not positive
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = positive(callTimeout, "callTimeout");
            return this;
        }

        /**
         * Sets the most bytes one streamed event may take (its data lines plus the line being
         * read); a larger event fails the stream with a {@link io.github.javaopenai.sse.SseException}
         * instead of filling memory. Default: {@value SseDecoder#DEFAULT_MAX_EVENT_BYTES} bytes
         * (16 MiB); raise it for a server that sends larger events, such as big images.
         *
         * @throws IllegalArgumentException when {@code maxEventBytes} is not positive
         */
        public Builder maxEventBytes(int maxEventBytes) {
            if (maxEventBytes <= 0) {
                throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
            }
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " == null");
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }

        static int checkedRetries(int maxRetries) {
            if (maxRetries < 0) {
                throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
            }
            return maxRetries;
        }

        /**
         * Builds the client.
         *
         * @throws IllegalArgumentException when the base URL is blank or not an absolute
         *     http(s) URL
         */
        public OpenAI build() {
            if (transport != null && connectTimeout != null) {
                throw new IllegalArgumentException("connectTimeout configures the default transport; "
                        + "set it on the transport given to transport(...) instead");
            }
            Duration connect = connectTimeout != null ? connectTimeout : JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT;
            String checkedBaseUrl = checkedBaseUrl(baseUrl, apiKey);
            Provider effective = provider.withBaseUrl(checkedBaseUrl).withDefaultModel(defaultModel);
            // toBuilder() hands over the transport, which already has its connect timeout.
            ClientSettings settings = new ClientSettings(apiKey, checkedBaseUrl, defaultModel,
                    organization, project, effective, Headers.ofSingle(headers),
                    transport != null ? transport : JdkHttpTransport.create(connect), timeout,
                    maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, transport == null || ownsTransport);
            PlainHttpWarning.check(settings, Log.shared());
            return new OpenAI(settings, RetryClock.SYSTEM);
        }

        private static String checkedBaseUrl(String url, String apiKey) {
            if (url.isBlank()) {
                throw new IllegalArgumentException("baseUrl is blank");
            }
            String shown = shownUrl(url, apiKey);
            String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            URI uri;
            try {
                uri = new URI(trimmed);
            } catch (URISyntaxException e) {
                // The exception's own message quotes the input, so it is kept only for a real URL.
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + shown + ": " + e.getReason(),
                        shown.startsWith("\"") ? e : null);
            }
            String scheme = uri.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                throw new IllegalArgumentException("baseUrl must start with http:// or https://: " + shown);
            }
            if (uri.getHost() == null || uri.getHost().isEmpty()) {
                throw new IllegalArgumentException("baseUrl has no host: " + shown);
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment: " + shown);
            }
            return trimmed;
        }

        /**
         * Returns the base URL quoted for an error message, or a note in its place when it may be a
         * secret: an API key passed to baseUrl by mistake must not end up in a log.
         */
        static String shownUrl(String url, String apiKey) {
            String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
            boolean looksLikeUrl = lower.startsWith("http://") || lower.startsWith("https://");
            boolean holdsKey = apiKey != null && !apiKey.isEmpty() && url.contains(apiKey);
            if (!looksLikeUrl || holdsKey || lower.contains("sk-")) {
                return "(value not shown, since it may be an API key)";
            }
            return "\"" + url + "\"";
        }
    }
}
