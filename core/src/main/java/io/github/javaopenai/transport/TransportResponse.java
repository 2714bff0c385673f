package io.github.javaopenai.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Holds the status and headers of an HTTP response, and its body as a stream still being read.
 *
 * <p>The body is handed over unread so that streamed responses are consumed as they arrive.
 * Closing the response closes the body, which aborts the exchange if it is not finished.
 *
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body; never null (an empty stream when there is none)
 * @since 0.1
 */
public record TransportResponse(int status, Headers headers, InputStream body) implements Closeable {

    /** Checks that the headers and the body are present. */
    public TransportResponse {
        Objects.requireNonNull(headers, "headers == null");
        Objects.requireNonNull(body, "body == null");
    }

    /** Closes the body stream. */
    @Override
    public void close() throws IOException {
        body.close();
    }
}
