package io.github.javaopenai.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Describes one HTTP exchange for a {@link Transport} to carry out.
 *
 * <p>{@link #toString()} never shows credential headers.
 *
 * @param method the HTTP method, upper case
 * @param uri the absolute request URI
 * @param headers the header fields to send, credentials included
 * @param body the body to send, or null for none
 * @param timeout the longest the whole exchange may take until the response headers arrive, or
 *     null for the transport's own default
 * @since 0.1
 */
public record TransportRequest(String method, URI uri, Headers headers, RequestBody body, Duration timeout) {

    /** Checks that the method, URI and headers are present. */
    public TransportRequest {
        Objects.requireNonNull(method, "method == null");
        Objects.requireNonNull(uri, "uri == null");
        Objects.requireNonNull(headers, "headers == null");
    }

    /** Returns whether this request carries a body. */
    public boolean hasBody() {
        return body != null;
    }

    /** Returns the method and URI, with headers redacted. */
    @Override
    public String toString() {
        return method + " " + uri + " " + headers;
    }
}
