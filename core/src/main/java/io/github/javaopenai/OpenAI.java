package io.github.javaopenai;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.github.javaopenai.endpoints.Models;
import io.github.javaopenai.endpoints.Uploads;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.internal.engine.ClientSettings;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.internal.engine.PlainHttpWarning;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.RetryClock;
import io.github.javaopenai.internal.engine.RetryPolicy;
import io.github.javaopenai.internal.engine.Streaming;
import io.github.javaopenai.internal.engine.Version;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sends requests to the OpenAI HTTP API, or to any server that speaks it: the library's entry
 * point.
 *
 * <p>The model calls are methods of the client, each mirroring one of lua-openai's: it sends one
 * request and returns the server's answer as an {@link ApiResponse}, whatever its status. Options
 * are a map whose entries go straight into the JSON request body, so every API parameter is within
 * reach; an entry with a null value removes that key from the body. The other APIs are areas:
 * {@code client.files().list()}, {@code client.batches().get(id)}, each area's methods sending
 * the requests.
 *
 * <p>Instances are immutable and safe to share between threads; build one per configuration and
 * reuse it, since it holds the connection pool, and {@link #close()} it when you are done.
 * {@link #toString()} never shows the API key.
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
    public static final String VERSION = Version.VALUE;

    private final ClientSettings settings;
    private final RetryClock clock;
    private final Requester requester;
    private final Streaming streaming;
    private final Generation generation;

    private OpenAI(ClientSettings settings, RetryClock clock) {
        this.settings = settings;
        this.clock = clock;
        this.requester = new Requester(settings, clock);
        this.streaming = new Streaming(requester, settings);
        this.generation = new Generation(requester, streaming, settings.defaultModel());
    }

    /** Returns a client for the OpenAI API with the given key, or null to send none, and every other setting at its default. */
    public static OpenAI create(String apiKey) {
        return newBuilder().apiKey(apiKey).build();
    }

    /** Returns a client for the provider's server, such as {@link Providers#gemini()}, with the given key. */
    public static OpenAI create(Provider provider, String apiKey) {
        return newBuilder().provider(provider).apiKey(apiKey).build();
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
                .organization(nonEmpty(env.get("OPENAI_ORG_ID"))).project(nonEmpty(env.get("OPENAI_PROJECT_ID")));
        String provider = nonEmpty(env.get("OPENAI_PROVIDER"));
        if (provider != null) {
            builder.provider(Providers.byName(provider));
        }
        String baseUrl = nonEmpty(env.get("OPENAI_BASE_URL"));
        return (baseUrl == null ? builder : builder.baseUrl(baseUrl)).build();
    }

    /** Returns a builder with every setting at its default. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Returns a builder holding this client's settings, sharing its transport. */
    public Builder toBuilder() {
        return new Builder(settings);
    }

    /** Returns the provider profile in effect, with this client's base URL and default model. */
    public Provider provider() {
        return settings.provider();
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

    /** Returns how long a whole call may take, or empty when only each attempt's timeouts apply; see {@link Builder#callTimeout}. */
    public Optional<Duration> callTimeout() {
        return Optional.ofNullable(settings.callTimeout());
    }

    /** Returns a copy retrying failed requests up to {@code maxRetries} times, as in {@code client.withMaxRetries(0).models().list()}. */
    public OpenAI withMaxRetries(int maxRetries) {
        return new OpenAI(settings.withMaxRetries(ClientSettings.checkedRetries(maxRetries)), clock);
    }

    /** Returns a copy whose attempts may each wait {@code timeout} for the response headers. */
    public OpenAI withTimeout(Duration timeout) {
        return new OpenAI(settings.withTimeouts(ClientSettings.positive(timeout, "timeout"), settings.streamIdleTimeout()),
                clock);
    }

    /** Returns a copy whose response bodies may deliver nothing for {@code streamIdleTimeout} before the read fails. */
    public OpenAI withStreamIdleTimeout(Duration streamIdleTimeout) {
        return new OpenAI(settings.withTimeouts(settings.timeout(),
                ClientSettings.positive(streamIdleTimeout, "streamIdleTimeout")), clock);
    }

    /** Returns a copy whose calls may each take at most {@code callTimeout}; see {@link Builder#callTimeout}. */
    public OpenAI withCallTimeout(Duration callTimeout) {
        return new OpenAI(settings.withCallTimeout(ClientSettings.positive(callTimeout, "callTimeout")), clock);
    }

    /** Returns a copy that times, waits and jitters its retries with the given clock. */
    OpenAI withRetryClock(RetryClock retryClock) {
        return new OpenAI(settings, retryClock);
    }

    Requester requester() {
        return requester;
    }

    ClientSettings settings() {
        return settings;
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
     * @throws IllegalArgumentException when a message is invalid, or when {@code stream} is true
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
     */
    public ApiResponse chat(List<?> messages, Map<String, ?> options, java.util.function.BiConsumer<ChatChunk, JsonNode> onChunk) {
        Objects.requireNonNull(onChunk, "onChunk == null");
        return createChatCompletion(messages, options, event -> {
            ChatChunk chunk = ChatChunk.from(event);
            if (chunk != null) {
                onChunk.accept(chunk, event);
            }
        });
    }

    /** Sends {@code POST /chat/completions}: lua-openai's name for {@link #createChatCompletion(List, Map)}. */
    public ApiResponse chat(List<?> messages, Map<String, ?> options) {
        return createChatCompletion(messages, options);
    }

    /** Sends {@code POST /chat/completions} with the default model: lua-openai's {@code chat(messages)}. */
    public ApiResponse chat(List<?> messages) {
        return createChatCompletion(messages);
    }

    /** Sends {@code POST /completions} with the prompt and lua-openai's defaults. */
    public ApiResponse completion(String prompt) {
        return completion(prompt, Map.of());
    }

    /** Sends {@code POST /completions}; the options override {@code {model: gpt-3.5-turbo-instruct, prompt, temperature: 0.5, max_tokens: 600}}. */
    public ApiResponse completion(String prompt, Map<String, ?> options) {
        ObjectNode body = Json.object().put("model", RequestBodies.COMPLETION_MODEL);
        body.set("prompt", Json.toTree(prompt, "prompt"));
        body.put("temperature", 0.5).put("max_tokens", 600);
        return requester.send("POST", "/completions", RequestBodies.merge(body, options), Map.of());
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
        ObjectNode body = Json.object();
        RequestBodies.putModel(body, settings.provider().defaultEmbeddingModel());
        body.set("input", RequestBodies.requiredInput(input));
        return requester.send("POST", "/embeddings", RequestBodies.merge(body, options), Map.of());
    }

    /** Sends {@code POST /moderations} for a string or a list of strings. */
    public ApiResponse moderation(Object input) {
        return moderation(input, Map.of());
    }

    /** Sends {@code POST /moderations} with {@code {input}} and the options; no model is added. */
    public ApiResponse moderation(Object input, Map<String, ?> options) {
        ObjectNode body = Json.object();
        body.set("input", RequestBodies.requiredInput(input));
        return requester.send("POST", "/moderations", RequestBodies.merge(body, options), Map.of());
    }

    /** Sends {@code POST /images/generations} with the parameters as the body, unchanged. */
    public ApiResponse imageGeneration(Map<String, ?> params) {
        Objects.requireNonNull(params, "params == null");
        return requester.send("POST", "/images/generations", RequestBodies.merge(Json.object(), params), Map.of());
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

    /** Returns a new {@link ChatSession} bound to this client, with no options. */
    public ChatSession newChatSession() {
        return newChatSession(Map.of());
    }

    /** Returns a new {@link ChatSession}: lua-openai's other name for {@link #newChatSession(Map)}. */
    public ChatSession newChatCompletionsSession(Map<String, ?> options) {
        return newChatSession(options);
    }

    /**
     * Returns a new {@link ChatSession} bound to this client.
     *
     * @param options {@code messages} to seed the history, {@code functions}, and any request body
     *     entry ({@code model}, {@code temperature}, {@code tools}...) sent with every request
     * @throws IllegalArgumentException when a seeded message or a function declaration is invalid
     */
    public ChatSession newChatSession(Map<String, ?> options) {
        return new ChatSession(generation, options);
    }

    /** Loads a chat session saved by {@link ChatSession#save(Path)}, bound to this client. */
    public ChatSession loadChatSession(Path file) throws IOException {
        return ChatSession.load(generation, file);
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
        return new ResponsesChatSession(generation, options);
    }

    /** Loads a Responses session saved by {@link ResponsesChatSession#save(Path)}, bound to this client. */
    public ResponsesChatSession loadResponsesChatSession(Path file) throws IOException {
        return ResponsesChatSession.load(generation, file);
    }

    private static String nonEmpty(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    /**
     * Closes the connection pool this client's builder created, aborting exchanges still running;
     * later requests fail with {@link IllegalStateException}. Copies made with {@link #toBuilder()}
     * or a {@code with…} method share that pool. A transport passed to {@link Builder#transport}
     * is yours to close and is left open.
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

    /** Builds an {@link OpenAI} client. Every setting has a default, from {@link Providers#openAi()} unless another profile is set. */
    public static final class Builder {
        private String apiKey;
        private Provider provider = Providers.openAi();
        private String baseUrl = provider.baseUrl();
        private String defaultModel = provider.defaultModel();
        private String organization;
        private String project;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Transport transport;
        private boolean ownsTransport;
        private Duration timeout = Duration.ofMinutes(10);
        private int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
        private Duration connectTimeout;
        private Duration streamIdleTimeout = Duration.ofMinutes(10);
        private Duration callTimeout;
        private int maxEventBytes = SseDecoder.DEFAULT_MAX_EVENT_BYTES;

        private Builder() {
        }

        private Builder(ClientSettings s) {
            apiKey = s.apiKey();
            provider = s.provider();
            baseUrl = s.baseUrl();
            defaultModel = s.defaultModel();
            organization = s.organization();
            project = s.project();
            s.headers().toMap().forEach((name, values) -> headers.put(name, String.join(",", values)));
            transport = s.transport();
            ownsTransport = s.ownsTransport();
            timeout = s.timeout();
            maxRetries = s.maxRetries();
            streamIdleTimeout = s.streamIdleTimeout();
            callTimeout = s.callTimeout();
            maxEventBytes = s.maxEventBytes();
        }

        /** Sets the API key, sent as the provider's auth style says. Default: none, so none is sent (local servers need none). */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /**
         * Sets the provider profile: base URL, auth style, headers, query parameters and default
         * models. Default: {@link Providers#openAi()}. Later calls to {@link #baseUrl} and
         * {@link #defaultModel} override the profile's values.
         */
        public Builder provider(Provider provider) {
            this.provider = Objects.requireNonNull(provider, "provider == null");
            this.baseUrl = provider.baseUrl();
            this.defaultModel = provider.defaultModel();
            return this;
        }

        /** Sets the base URL every path is appended to, for a proxy or any compatible server. Default: the provider's. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            return this;
        }

        /** Sets the model sent when the options name none. Default: the provider's ({@code gpt-4.1} for OpenAI). */
        public Builder defaultModel(String defaultModel) {
            this.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel == null");
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

        /** Sets the transport that carries requests; yours to close. Default: a {@link JdkHttpTransport} of the client's own. */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport == null");
            this.ownsTransport = false;
            return this;
        }

        /** Sets how long an attempt may wait for its response headers. Default: 10 minutes, for models that think long. */
        public Builder timeout(Duration timeout) {
            this.timeout = ClientSettings.positive(timeout, "timeout");
            return this;
        }

        /** Sets how often a failed request (connection failure, timeout, 408, 409, 429, 5xx) is tried again. Default: 2. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = ClientSettings.checkedRetries(maxRetries);
            return this;
        }

        /** Sets how long connecting may take, for the client's own transport only. Default: 10 seconds. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = ClientSettings.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a stream or a response body may deliver nothing before it fails with a
         * {@link io.github.javaopenai.errors.StreamTimeoutException} (an
         * {@link io.github.javaopenai.errors.ApiTimeoutException} for a whole body). Default: 10 minutes.
         */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            this.streamIdleTimeout = ClientSettings.positive(streamIdleTimeout, "streamIdleTimeout");
            return this;
        }

        /**
         * Sets how long a whole call may take: every attempt, the waits between retries, and reading
         * a whole answer; a stream until its first event, a download until its body is handed over.
         * When it runs out the call fails with an {@link io.github.javaopenai.errors.ApiTimeoutException}
         * naming it and the attempts made. Default: none.
         */
        public Builder callTimeout(Duration callTimeout) {
            this.callTimeout = ClientSettings.positive(callTimeout, "callTimeout");
            return this;
        }

        /** Sets the most bytes one streamed event may take before the stream fails. Default: 16 MiB. */
        public Builder maxEventBytes(int maxEventBytes) {
            if (maxEventBytes <= 0) {
                throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
            }
            this.maxEventBytes = maxEventBytes;
            return this;
        }

        /** Builds the client; a blank base URL, or one that is not an absolute http(s) URL, raises {@link IllegalArgumentException}. */
        public OpenAI build() {
            if (transport != null && connectTimeout != null) {
                throw new IllegalArgumentException("connectTimeout configures the default transport; "
                        + "set it on the transport given to transport(...) instead");
            }
            Duration connect = connectTimeout != null ? connectTimeout : JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT;
            String url = ClientSettings.checkedBaseUrl(baseUrl, apiKey);
            ClientSettings settings = new ClientSettings(apiKey, url, defaultModel, organization, project,
                    provider.withBaseUrl(url).withDefaultModel(defaultModel), Headers.ofSingle(headers),
                    transport != null ? transport : JdkHttpTransport.create(connect), timeout, maxRetries,
                    streamIdleTimeout, callTimeout, maxEventBytes, transport == null || ownsTransport);
            PlainHttpWarning.check(settings, Log.shared());
            return new OpenAI(settings, RetryClock.SYSTEM);
        }
    }
}
