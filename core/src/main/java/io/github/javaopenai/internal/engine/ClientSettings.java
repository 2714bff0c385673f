package io.github.javaopenai.internal.engine;

import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.Transport;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;

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
        boolean ownsTransport,
        Executor asyncExecutor) {

    /** Returns a copy with another retry count, sharing everything else. */
    public ClientSettings withMaxRetries(int maxRetries) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport, asyncExecutor);
    }

    /** Returns a copy with other request and stream idle timeouts, sharing everything else. */
    public ClientSettings withTimeouts(Duration timeout, Duration streamIdleTimeout) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport, asyncExecutor);
    }

    /** Returns a copy with another call timeout (null for none), sharing everything else. */
    public ClientSettings withCallTimeout(Duration callTimeout) {
        return new ClientSettings(apiKey, baseUrl, defaultModel, organization, project, provider, headers, transport,
                timeout, maxRetries, streamIdleTimeout, callTimeout, maxEventBytes, ownsTransport, asyncExecutor);
    }

    /** Returns the duration, refusing null, zero and negative values by the setting's name. */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /** Returns the retry count, refusing negative ones. */
    public static int checkedRetries(int maxRetries) {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
        return maxRetries;
    }

    /** Returns the base URL without a trailing slash, refusing anything but an absolute http(s) URL. */
    public static String checkedBaseUrl(String url, String apiKey) {
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
    public static String shownUrl(String url, String apiKey) {
        String lower = url.strip().toLowerCase(java.util.Locale.ROOT);
        boolean looksLikeUrl = lower.startsWith("http://") || lower.startsWith("https://");
        boolean holdsKey = apiKey != null && !apiKey.isEmpty() && url.contains(apiKey);
        if (!looksLikeUrl || holdsKey || lower.contains("sk-")) {
            return "(value not shown, since it may be an API key)";
        }
        return "\"" + url + "\"";
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
