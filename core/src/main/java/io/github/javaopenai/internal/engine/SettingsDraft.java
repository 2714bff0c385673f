package io.github.javaopenai.internal.engine;

import io.github.javaopenai.internal.Log;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.sse.SseDecoder;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings a client builder collects, with their defaults: the base URL and models from the
 * provider profile (OpenAI's unless another is set), the rest here. {@link #build()} checks them.
 */
public final class SettingsDraft {

    /** The default time an attempt may wait for its response headers, and a body may stall. */
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    public String apiKey;
    private Provider provider = Providers.openAi();
    public String baseUrl = provider.baseUrl();
    public String defaultModel = provider.defaultModel();
    public String organization;
    public String project;
    public final Map<String, String> headers = new LinkedHashMap<>();
    private Transport transport;
    private boolean ownsTransport;
    public Duration timeout = TEN_MINUTES;
    public int maxRetries = RetryPolicy.DEFAULT_MAX_RETRIES;
    public Duration connectTimeout;
    public Duration streamIdleTimeout = TEN_MINUTES;
    public Duration callTimeout;
    private int maxEventBytes = SseDecoder.DEFAULT_MAX_EVENT_BYTES;
    public final List<OpenAIListener> listeners = new ArrayList<>();
    public boolean listenerContent;

    /** Returns a draft holding the settings and listeners of an existing client, sharing its transport. */
    public static SettingsDraft of(ClientSettings s, Listeners listeners) {
        SettingsDraft draft = of(s);
        draft.listeners.addAll(listeners.all());
        draft.listenerContent = listeners.content();
        return draft;
    }

    /** Returns the listeners to build the engine with. */
    public Listeners listeners() {
        return listeners.isEmpty() && !listenerContent ? Listeners.NONE : new Listeners(listeners, listenerContent);
    }

    /** Returns a draft holding the settings of an existing client, sharing its transport. */
    public static SettingsDraft of(ClientSettings s) {
        SettingsDraft draft = new SettingsDraft();
        draft.apiKey = s.apiKey();
        draft.provider = s.provider();
        draft.baseUrl = s.baseUrl();
        draft.defaultModel = s.defaultModel();
        draft.organization = s.organization();
        draft.project = s.project();
        s.headers().toMap().forEach((name, values) -> draft.headers.put(name, String.join(",", values)));
        draft.transport = s.transport();
        draft.ownsTransport = s.ownsTransport();
        draft.timeout = s.timeout();
        draft.maxRetries = s.maxRetries();
        draft.streamIdleTimeout = s.streamIdleTimeout();
        draft.callTimeout = s.callTimeout();
        draft.maxEventBytes = s.maxEventBytes();
        return draft;
    }

    /** Sets the profile, and with it the base URL and default model, which later calls may override. */
    public void provider(Provider provider) {
        this.provider = Objects.requireNonNull(provider, "provider == null");
        this.baseUrl = provider.baseUrl();
        this.defaultModel = provider.defaultModel();
    }

    /** Sets a transport of the caller's, which the client will not close. */
    public void transport(Transport transport) {
        this.transport = Objects.requireNonNull(transport, "transport == null");
        this.ownsTransport = false;
    }

    /** Sets the cap on one streamed event, refusing a cap that is not positive. */
    public void maxEventBytes(int maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Checks the draft and returns the settings, with a transport of the client's own unless one
     * was given; warns once when a key would go over plain HTTP to another host.
     *
     * @throws IllegalArgumentException when the base URL is blank or not an absolute http(s) URL,
     *     or a connect timeout is combined with a transport of the caller's
     */
    public ClientSettings build() {
        if (transport != null && connectTimeout != null) {
            throw new IllegalArgumentException("connectTimeout configures the default transport; "
                    + "set it on the transport given to transport(...) instead");
        }
        Duration connect = connectTimeout != null ? connectTimeout : JdkHttpTransport.DEFAULT_CONNECT_TIMEOUT;
        String url = ClientSettings.checkedBaseUrl(baseUrl, apiKey);
        // toBuilder() hands over the transport, which already has its connect timeout.
        ClientSettings settings = new ClientSettings(apiKey, url, defaultModel, organization, project,
                provider.withBaseUrl(url).withDefaultModel(defaultModel), Headers.ofSingle(headers),
                transport != null ? transport : JdkHttpTransport.create(connect), timeout, maxRetries,
                streamIdleTimeout, callTimeout, maxEventBytes, transport == null || ownsTransport);
        PlainHttpWarning.check(settings, Log.shared());
        return settings;
    }
}
