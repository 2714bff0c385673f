package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Carries exchanges over the JDK's {@link HttpClient}: the default transport.
 *
 * <p>One instance holds one {@code HttpClient}, so connections are kept alive and reused, and
 * HTTP/2 is used where a TLS server offers it (plain-text {@code http://} requests stay on
 * HTTP/1.1, since an unasked-for h2c upgrade confuses some local servers). Redirects are not
 * followed, so credentials never travel to a host the caller did not name. Thread-safe.
 *
 * <p>A transport from {@link #create()} hands each response to the waiting caller straight from
 * the client's selector thread (an inline executor), saving a hop through a thread pool and two
 * context switches per request; the response body is then read on the caller's thread. Request
 * bodies streamed from an {@code InputStream} go through a second client, made on first use,
 * with the JDK's default executor, so that a slow upload source never holds up other exchanges.
 *
 * @since 0.1
 */
public final class JdkHttpTransport implements Transport {

    /** The connect timeout used by {@link #create()}: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;
    private final Supplier<HttpClient> uploadClientFactory;
    private volatile HttpClient uploadClient;
    private volatile boolean closed;

    private JdkHttpTransport(HttpClient client, Supplier<HttpClient> uploadClientFactory) {
        this.client = client;
        this.uploadClientFactory = uploadClientFactory;
    }

    /** Returns a transport with its own {@code HttpClient} and a 10 second connect timeout. */
    public static JdkHttpTransport create() {
        return create(DEFAULT_CONNECT_TIMEOUT);
    }

    /** Returns a transport with its own {@code HttpClient} and the given connect timeout. */
    public static JdkHttpTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        // Inline is safe for responses: the body subscriber only queues buffers, it never blocks.
        HttpClient inline = builder(connectTimeout).executor(Runnable::run).build();
        return new JdkHttpTransport(inline, () -> builder(connectTimeout).build());
    }

    private static HttpClient.Builder builder(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_2);
    }

    /**
     * Returns a transport over a client the caller configured and owns; it carries every request.
     *
     * @throws IllegalArgumentException when the client follows redirects: the JDK client sends
     *     every request header on to the redirect's target, API key included, whatever its host
     */
    public static JdkHttpTransport of(HttpClient client) {
        Objects.requireNonNull(client, "client == null");
        if (client.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("client follows redirects (" + client.followRedirects()
                    + "), which would send the API key to whatever host a redirect names; build it with "
                    + "followRedirects(HttpClient.Redirect.NEVER)");
        }
        return new JdkHttpTransport(client, () -> client);
    }

    /** Returns the client for a request: the inline one unless the body is streamed. */
    private HttpClient clientFor(RequestBody body) {
        if (body == null || body instanceof RequestBody.BytesBody) {
            return client;
        }
        HttpClient uploads = uploadClient;
        if (uploads == null) {
            synchronized (this) { // only creates a client; no I/O happens under the lock
                uploads = uploadClient;
                if (uploads == null) {
                    uploads = uploadClientFactory.get();
                    uploadClient = uploads;
                }
            }
        }
        return uploads;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .method(request.method(), publisher(request.body()));
        if ("http".equalsIgnoreCase(request.uri().getScheme())) {
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (request.timeout() != null) {
            builder.timeout(request.timeout());
        }
        request.headers().toMap().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        if (closed) {
            throw new IllegalStateException("this transport is closed: " + request.method() + " " + request.uri());
        }
        try {
            HttpResponse<java.io.InputStream> response = clientFor(request.body())
                    .send(builder.build(), InterruptibleBody.handler()); // an interrupt stops its reader
            return new TransportResponse(response.statusCode(), Headers.of(response.headers().map()), response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the response");
            interrupted.initCause(e);
            throw interrupted;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a streamed request body failed to open
        }
    }

    private static BodyPublisher publisher(RequestBody body) {
        if (body == null) {
            return BodyPublishers.noBody();
        }
        if (body instanceof RequestBody.BytesBody bytes) {
            return BodyPublishers.ofByteArray(bytes.bytes());
        }
        BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
            try {
                return body.open();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return body.contentLength() >= 0 ? BodyPublishers.fromPublisher(stream, body.contentLength()) : stream;
    }

    /**
     * Closes the transport: later sends fail with {@link IllegalStateException}, and where the
     * running JDK supports it (21 and later) the clients' connections and threads are released at
     * once, aborting exchanges still running rather than waiting for them.
     */
    @Override
    public void close() {
        closed = true;
        close(client);
        HttpClient uploads = uploadClient;
        if (uploads != null && uploads != client) {
            close(uploads);
        }
    }

    private static void close(HttpClient client) {
        try {
            // HttpClient.shutdownNow() exists from JDK 21; close() would wait for open streams.
            HttpClient.class.getMethod("shutdownNow").invoke(client);
        } catch (NoSuchMethodException e) {
            // JDK 17: the client's threads end once it is no longer referenced.
        } catch (ReflectiveOperationException e) {
            // Closing only releases threads and connections; nothing useful to report.
        }
    }

    @Override
    public String toString() {
        return "JdkHttpTransport" + List.of(client.version());
    }
}
