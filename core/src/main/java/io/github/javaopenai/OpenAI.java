package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.ClientEndpoints;
import io.github.javaopenai.internal.engine.ClientSettings;
import io.github.javaopenai.internal.engine.Engine;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.RetryClock;
import io.github.javaopenai.internal.engine.SettingsDraft;
import io.github.javaopenai.internal.engine.Version;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.sessions.ChatSession;
import io.github.javaopenai.sessions.ResponsesChatSession;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends requests to the OpenAI HTTP API, or to any server that speaks it: the library's entry
 * point.
 *
 * <p>The client is built here and its endpoints are inherited from {@link ClientEndpoints}: the
 * model calls, each mirroring one of lua-openai's (it sends one request and returns the server's
 * answer as an {@link ApiResponse}, whatever its status), and the other API areas, whose methods
 * send the requests: {@code client.files().list()}, {@code client.batches().get(id)}.
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
 * System.out.println(r.outputText());
 * }</pre>
 *
 * @since 0.1
 */
public final class OpenAI extends ClientEndpoints implements AutoCloseable {

    /** This library's version. */
    public static final String VERSION = Version.VALUE;

    private final Engine engine;
    private final ClientSettings settings;

    private OpenAI(Engine engine) {
        super(engine);
        this.engine = engine;
        this.settings = engine.settings();
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
        return new Builder(new SettingsDraft());
    }

    /** Returns a builder holding this client's settings, sharing its transport. */
    public Builder toBuilder() {
        return new Builder(SettingsDraft.of(settings, engine.listeners()));
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
        return with(settings.withMaxRetries(ClientSettings.checkedRetries(maxRetries)));
    }

    /** Returns a copy whose attempts may each wait {@code timeout} for the response headers. */
    public OpenAI withTimeout(Duration timeout) {
        return with(settings.withTimeouts(ClientSettings.positive(timeout, "timeout"), settings.streamIdleTimeout()));
    }

    /** Returns a copy whose response bodies may deliver nothing for {@code streamIdleTimeout} before the read fails. */
    public OpenAI withStreamIdleTimeout(Duration streamIdleTimeout) {
        return with(settings.withTimeouts(settings.timeout(),
                ClientSettings.positive(streamIdleTimeout, "streamIdleTimeout")));
    }

    /** Returns a copy whose calls may each take at most {@code callTimeout}; see {@link Builder#callTimeout}. */
    public OpenAI withCallTimeout(Duration callTimeout) {
        return with(settings.withCallTimeout(ClientSettings.positive(callTimeout, "callTimeout")));
    }

    private OpenAI with(ClientSettings changed) {
        return new OpenAI(Engine.start(changed, engine.clock(), engine.listeners()));
    }

    /** Returns a copy that times, waits and jitters its retries with the given clock. */
    OpenAI withRetryClock(RetryClock retryClock) {
        return new OpenAI(Engine.start(settings, retryClock, engine.listeners()));
    }

    Requester requester() {
        return engine.requester();
    }

    ClientSettings settings() {
        return settings;
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
        return new ChatSession(engine.generation(), options);
    }

    /** Loads a chat session saved by {@link ChatSession#save(Path)}, bound to this client. */
    public ChatSession loadChatSession(Path file) throws IOException {
        return ChatSession.load(engine.generation(), file);
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
        return new ResponsesChatSession(engine.generation(), options);
    }

    /** Loads a Responses session saved by {@link ResponsesChatSession#save(Path)}, bound to this client. */
    public ResponsesChatSession loadResponsesChatSession(Path file) throws IOException {
        return ResponsesChatSession.load(engine.generation(), file);
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
        private final SettingsDraft draft;

        private Builder(SettingsDraft draft) {
            this.draft = draft;
        }

        /** Sets the API key, sent as the provider's auth style says. Default: none, so none is sent (local servers need none). */
        public Builder apiKey(String apiKey) {
            draft.apiKey = apiKey;
            return this;
        }

        /**
         * Sets the provider profile: base URL, auth style, headers, query parameters and default
         * models. Default: {@link Providers#openAi()}. Later calls to {@link #baseUrl} and
         * {@link #defaultModel} override the profile's values.
         */
        public Builder provider(Provider provider) {
            draft.provider(provider);
            return this;
        }

        /** Sets the base URL every path is appended to, for a proxy or any compatible server. Default: the provider's. */
        public Builder baseUrl(String baseUrl) {
            draft.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
            return this;
        }

        /** Sets the model sent when the options name none. Default: the provider's ({@code gpt-4.1} for OpenAI). */
        public Builder defaultModel(String defaultModel) {
            draft.defaultModel = Objects.requireNonNull(defaultModel, "defaultModel == null");
            return this;
        }

        /** Sets the {@code OpenAI-Organization} header. Default: none. */
        public Builder organization(String organization) {
            draft.organization = organization;
            return this;
        }

        /** Sets the {@code OpenAI-Project} header. Default: none. */
        public Builder project(String project) {
            draft.project = project;
            return this;
        }

        /** Adds a header sent with every request, overriding a default of the same name. */
        public Builder header(String name, String value) {
            draft.headers.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
            return this;
        }

        /** Sets the transport that carries requests; yours to close. Default: a {@link JdkHttpTransport} of the client's own. */
        public Builder transport(Transport transport) {
            draft.transport(transport);
            return this;
        }

        /** Sets how long an attempt may wait for its response headers. Default: 10 minutes, for models that think long. */
        public Builder timeout(Duration timeout) {
            draft.timeout = ClientSettings.positive(timeout, "timeout");
            return this;
        }

        /** Sets how often a failed request (connection failure, timeout, 408, 409, 429, 5xx) is tried again. Default: 2. */
        public Builder maxRetries(int maxRetries) {
            draft.maxRetries = ClientSettings.checkedRetries(maxRetries);
            return this;
        }

        /** Sets how long connecting may take, for the client's own transport only. Default: 10 seconds. */
        public Builder connectTimeout(Duration connectTimeout) {
            draft.connectTimeout = ClientSettings.positive(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets how long a stream or a response body may deliver nothing before it fails with a
         * {@link io.github.javaopenai.errors.StreamTimeoutException} (an
         * {@link io.github.javaopenai.errors.ApiTimeoutException} for a whole body). Default: 10 minutes.
         */
        public Builder streamIdleTimeout(Duration streamIdleTimeout) {
            draft.streamIdleTimeout = ClientSettings.positive(streamIdleTimeout, "streamIdleTimeout");
            return this;
        }

        /**
         * Sets how long a whole call may take: every attempt, the waits between retries, and reading
         * a whole answer; a stream until its first event, a download until its body is handed over.
         * When it runs out the call fails with an {@link io.github.javaopenai.errors.ApiTimeoutException}
         * naming it and the attempts made. Default: none.
         */
        public Builder callTimeout(Duration callTimeout) {
            draft.callTimeout = ClientSettings.positive(callTimeout, "callTimeout");
            return this;
        }

        /** Sets the most bytes one streamed event may take before the stream fails. Default: 16 MiB. */
        public Builder maxEventBytes(int maxEventBytes) {
            draft.maxEventBytes(maxEventBytes);
            return this;
        }

        /**
         * Adds a listener told of every call this client and its copies make: attempts, retries,
         * streams, usage and errors; see {@link OpenAIListener}. Several may be added; they run in
         * the order added, and one that throws never breaks the call. Default: none.
         */
        public Builder listener(OpenAIListener listener) {
            draft.listeners.add(Objects.requireNonNull(listener, "listener == null"));
            return this;
        }

        /**
         * Sets whether listeners may see the prompt ({@link io.github.javaopenai.listener.Call#requestBody()})
         * and the answer's text ({@link io.github.javaopenai.listener.CallResult#outputText()}).
         * Default: false, so events carry counts and names, never text.
         */
        public Builder listenerContent(boolean listenerContent) {
            draft.listenerContent = listenerContent;
            return this;
        }

        /** Builds the client; a blank base URL, or one that is not an absolute http(s) URL, raises {@link IllegalArgumentException}. */
        public OpenAI build() {
            return new OpenAI(Engine.start(draft.build(), RetryClock.SYSTEM, draft.listeners()));
        }
    }
}
