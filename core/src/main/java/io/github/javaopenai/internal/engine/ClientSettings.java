package io.github.javaopenai.internal.engine;

import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.Transport;
import java.time.Duration;

/**
 * Holds one client's immutable configuration; shared by the client and its derived copies.
 *
 * <p>{@link #toString()} says whether a key is set, never what it is.
 */
public record ClientSettings(
        String apiKey,
        String baseUrl,
        String defaultModel,
        String organization,
        String project,
        Provider provider,
        Headers headers,
        Transport transport,
        Duration timeout,
        int maxRetries,
        Duration streamIdleTimeout,
        Duration callTimeout,
        int maxEventBytes,
        boolean ownsTransport) {

    /** Returns a copy with another retry count, sharing everything else. */
    public ClientSettings withMaxRetries(int maxRetries) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport);
    }

    /** Returns a copy with other request and stream idle timeouts, sharing everything else. */
    public ClientSettings withTimeouts(Duration timeout, Duration streamIdleTimeout) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport);
    }

    /** Returns a copy with another call timeout (null for none), sharing everything else. */
    public ClientSettings withCallTimeout(Duration callTimeout) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport);
    }

    @Override
    public String toString() {
        return "ClientSettings{baseUrl=" + baseUrl + ", defaultModel=" + defaultModel
                + ", apiKey=" + (apiKey == null ? "absent" : "<redacted>")
                + ", provider=" + provider.name() + ", organization=" + organization + ", project=" + project
                + ", headers=" + headers + ", transport=" + transport + ", timeout=" + timeout + ", maxRetries=" + maxRetries
                + ", streamIdleTimeout=" + streamIdleTimeout + ", callTimeout=" + callTimeout
                + ", maxEventBytes=" + maxEventBytes + "}";
    }
}
