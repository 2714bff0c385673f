package io.github.javaopenai.internal.engine;

import io.github.javaopenai.providers.Auth;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.transport.Headers;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Applies a provider profile's credential, headers and query parameters to a request. */
final class ProviderRequests {

    private ProviderRequests() {
    }

    /** Adds the credentials that are fixed for the client's lifetime: a key as a bearer or a header. */
    static void putFixedCredential(Map<String, String> headers, Auth auth, String apiKey) {
        if (apiKey == null) {
            return;
        }
        if (auth instanceof Auth.Bearer) {
            headers.put("Authorization", "Bearer " + apiKey);
        } else if (auth instanceof Auth.KeyHeader keyHeader) {
            headers.put(keyHeader.name(), apiKey);
        }
    }

    /** Returns the headers with this request's token, when the auth supplies one per request. */
    static Headers withRequestCredential(Headers headers, Auth auth) {
        if (auth instanceof Auth.BearerToken tokens) {
            return headers.with("Authorization", "Bearer " + tokens.token());
        }
        return headers;
    }

    /** Returns the provider's headers laid over the defaults. */
    static Headers withProviderHeaders(Headers headers, Provider provider) {
        Headers result = headers;
        for (Map.Entry<String, String> header : provider.headers().entrySet()) {
            result = result.with(header.getKey(), header.getValue());
        }
        return result;
    }

    /** Returns the URL with the provider's query parameters appended, percent-encoded. */
    static String withQuery(String url, Map<String, String> query) {
        if (query.isEmpty()) {
            return url;
        }
        StringBuilder sb = new StringBuilder(url);
        char separator = url.indexOf('?') >= 0 ? '&' : '?';
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            sb.append(separator).append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
            separator = '&';
        }
        return sb.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
