package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Holds one request as {@link FakeOpenAI} received it, for tests to inspect.
 *
 * <p>{@link #toString()} redacts credential headers.
 *
 * @param method the HTTP method
 * @param path the path without the {@code /v1} prefix, such as {@code /chat/completions}
 * @param query the raw query string, or null when there was none
 * @param headers the request headers, credentials included
 * @param body the request body; empty when there was none
 * @since 0.1
 */
public record ReceivedRequest(String method, String path, String query, Headers headers, byte[] body) {

    /** Checks that every part is present. */
    public ReceivedRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(path, "path == null");
        Objects.requireNonNull(headers, "headers == null");
        Objects.requireNonNull(body, "body == null");
    }

    /** Returns the body as UTF-8 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Returns the body as JSON, or a missing node when it is empty or not JSON. */
    public JsonNode json() {
        return Wire.parse(body);
    }

    /** Returns the first value of the named header, or null. */
    public String header(String name) {
        return headers.first(name).orElse(null);
    }

    @Override
    public String toString() {
        return method + " " + path + (query == null ? "" : "?" + query) + " " + headers + " (" + body.length + " bytes)";
    }
}
