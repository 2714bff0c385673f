package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * Carries exchanges over the JDK's {@link HttpClient}: the default transport.
 *
 * <p>Connections are kept alive and reused. Redirects are not followed, so credentials never
 * travel to a host the caller did not name. Thread-safe. Which connection an exchange takes:
 * <ul>
 *   <li>Small exchanges, an in-memory body (or none) answered with JSON read whole at once, use
 *       HTTP/2 where a TLS server offers it. The JDK client fails a request outright when its one
 *       connection is at the server's stream limit, so a transport from {@link #create()} spreads
 *       them over more connections, learning each one's limit, and lets callers wait for a free
 *       stream only past 64 connections per origin; one from {@link #of(HttpClient)} has a single
 *       connection and queues at its limit instead. No request fails on the stream limit.
 *   <li>Everything whose body may be read slowly or is large, event streams, downloads and
 *       streamed uploads (any {@code Accept} other than JSON, or an {@code InputStream} body),
 *       takes an HTTP/1.1 connection of its own. Over HTTP/2 a stream the caller stops reading
 *       holds its share of the connection's flow-control window (the JDK's is 32 MB for the
 *       connection, 16 MB per stream, and frees only as data is read), so two paused streams stall
 *       every exchange on that connection; on its own connection, TCP flow control pauses only
 *       that stream. The cost is one TCP and TLS handshake per concurrently open stream (the
 *       connection is then reused).
 *   <li>Plain-text {@code http://} requests stay on HTTP/1.1, since an unasked-for h2c upgrade
 *       confuses some local servers.
 *   <li>In a transport from {@link #create()}, every such HTTP/1.1 exchange with an in-memory
 *       body or none (event streams and downloads over TLS; everything over plain {@code http://})
 *       goes over blocking sockets of the transport's own, read on the caller's thread, with idle
 *       connections kept per origin. A model sends each event in its own TLS record,
 *       milliseconds apart; the {@code HttpClient} would read each one on its selector thread
 *       into a new 16 KB buffer and then wake the reader, and a local server's answer would cross
 *       two threads. Timeouts, interrupts and cancelling by {@code close()} behave the same on
 *       both paths. Requests whose route goes through a proxy
 *       ({@link java.net.ProxySelector#getDefault()}) and streamed uploads stay with the
 *       {@code HttpClient}, which is made on first use.
 * </ul>
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

    /** The most HTTP/2 connections a transport from {@link #create()} opens to one origin. */
    static final int MAX_CONNECTIONS_PER_ORIGIN = 64;

    /** The inline client, made on first use: a transport that only talks plain HTTP never needs it. */
    private final OnFirstUse client;
    /** The client of streamed uploads, made on first use. */
    private final OnFirstUse uploadClient;
    private final Supplier<HttpClient> laneFactory;
    private final int maxLanes;
    /** Streamed answers read on the caller's thread; null for a client the caller configured. */
    private final SocketStreams socketStreams;
    private final Map<String, ConnectionLanes> lanesByOrigin = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private JdkHttpTransport(Supplier<HttpClient> clientFactory, Supplier<HttpClient> uploadClientFactory,
            Supplier<HttpClient> laneFactory, int maxLanes, SocketStreams socketStreams) {
        this.client = new OnFirstUse(clientFactory);
        this.uploadClient = new OnFirstUse(uploadClientFactory);
        this.laneFactory = laneFactory;
        this.maxLanes = maxLanes;
        this.socketStreams = socketStreams;
    }

    /** Returns a transport with its own {@code HttpClient} and a 10 second connect timeout. */
    public static JdkHttpTransport create() {
        return create(DEFAULT_CONNECT_TIMEOUT);
    }

    /** Returns a transport with its own {@code HttpClient} and the given connect timeout. */
    public static JdkHttpTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        // Inline is safe for responses: the body subscriber only queues buffers, it never blocks.
        return create(connectTimeout, null);
    }

    /** Returns a transport whose clients use the given TLS context: for tests against a test certificate. */
    static JdkHttpTransport create(Duration connectTimeout, SSLContext ssl) {
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        // Inline is safe for responses: the body subscriber only queues buffers, it never blocks.
        Supplier<HttpClient> inline = () -> builder(connectTimeout, ssl).executor(Runnable::run).build();
        return new JdkHttpTransport(inline, () -> builder(connectTimeout, ssl).build(), inline,
                MAX_CONNECTIONS_PER_ORIGIN, new SocketStreams(connectTimeout, ssl, RESTRICTED));
    }

    private static HttpClient.Builder builder(Duration connectTimeout, SSLContext ssl) {
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        return builder
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
        JdkHttpTransport transport = new JdkHttpTransport(() -> client, () -> client, () -> client, 1, null);
        transport.client.get(); // the caller made it already; taken now so that toString names its version
        return transport;
    }

    /** A client made by its factory on first use, once. */
    private static final class OnFirstUse {
        private final Supplier<HttpClient> factory;
        private volatile HttpClient made;

        OnFirstUse(Supplier<HttpClient> factory) {
            this.factory = factory;
        }

        HttpClient get() {
            HttpClient client = made;
            if (client == null) {
                synchronized (this) { // only creates a client; no I/O happens under the lock
                    client = made;
                    if (client == null) {
                        client = factory.get();
                        made = client;
                    }
                }
            }
            return client;
        }

        /** Returns the client if it was made, else null. */
        HttpClient ifMade() {
            return made;
        }
    }

    /** Returns the client for a request: the inline one unless the body is streamed. */
    private HttpClient clientFor(RequestBody body) {
        return body == null || body instanceof RequestBody.BytesBody ? client.get() : uploadClient.get();
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        boolean multiplexed = multiplexed(request);
        HttpRequest.Builder builder = builder(request, multiplexed);
        if (closed) {
            throw new IllegalStateException("this transport is closed: " + request.method() + " " + request.uri());
        }
        if (!multiplexed && socketStreams != null && SocketStreams.canCarry(request)) {
            return socketStreams.send(request);
        }
        try {
            if (!multiplexed) {
                HttpResponse<java.io.InputStream> response = exchange(clientFor(request.body()), builder.build());
                return new TransportResponse(response.statusCode(), Headers.of(response.headers().map()), response.body());
            }
            ConnectionLanes.Leased leased = lanes(request.uri()).send(builder.build(), this::exchange);
            HttpResponse<java.io.InputStream> response = leased.response();
            return new TransportResponse(response.statusCode(), Headers.of(response.headers().map()),
                    new ReleasingInputStream(response.body(), leased.release()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting for the response");
            interrupted.initCause(e);
            throw interrupted;
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a streamed request body failed to open
        }
    }

    /**
     * Sends the request on {@link HttpClient#sendAsync}, holding no thread while it waits, and
     * completes when the headers arrive. The body streams as in {@link #send}, and is also a
     * {@link NonBlockingBody}, so an async reader need not block on it. Every async exchange takes an
     * HTTP/1.1 connection of its own (reused once free), so none can fail on an HTTP/2 server's
     * stream limit; the cost is a connection per exchange in flight. Cancelling the future aborts
     * the exchange. From {@link #create()}, the future completes on the client's selector thread.
     */
    @Override
    public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "this transport is closed: " + request.method() + " " + request.uri()));
        }
        HttpRequest httpRequest = builder(request, false).build();
        HttpClient target = clientFor(request.body());
        CompletableFuture<HttpResponse<java.io.InputStream>> sent = target.sendAsync(httpRequest,
                InterruptibleBody.handler());
        CompletableFuture<TransportResponse> result = sent.handle((response, failure) -> {
            if (failure != null) {
                throw new CompletionException(unwrap(failure));
            }
            return new TransportResponse(response.statusCode(), Headers.of(response.headers().map()),
                    response.body());
        });
        result.whenComplete((response, failure) -> {
            if (result.isCancelled()) {
                sent.cancel(true); // aborts the exchange (JDK 16 and later)
                sent.thenAccept(late -> closeQuietly(late.body()));
            }
        });
        return result;
    }

    /** Returns the failure an exchange ended with, as the IOException {@link #send} would throw. */
    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof UncheckedIOException unchecked) {
            return unchecked.getCause(); // a streamed request body failed to open
        }
        return cause;
    }

    private static void closeQuietly(java.io.InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // Dropping a body nobody waits for.
        }
    }

    private static HttpRequest.Builder builder(TransportRequest request, boolean multiplexed) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .method(request.method(), publisher(request.body()));
        if (!multiplexed) {
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
        return builder;
    }

    private HttpResponse<java.io.InputStream> exchange(HttpClient client, HttpRequest request)
            throws IOException, InterruptedException {
        return client.send(request, InterruptibleBody.handler()); // an interrupt stops its reader
    }

    /**
     * Returns whether the exchange may share an HTTP/2 connection: over TLS, with a body already in
     * memory (or none), and an answer the caller reads whole at once (JSON); see the class comment.
     */
    private static boolean multiplexed(TransportRequest request) {
        if (!"https".equalsIgnoreCase(request.uri().getScheme())) {
            return false;
        }
        if (request.body() != null && !(request.body() instanceof RequestBody.BytesBody)) {
            return false;
        }
        return acceptsJson(request);
    }

    /** Whether the answer is JSON, read whole at once rather than streamed. */
    private static boolean acceptsJson(TransportRequest request) {
        String accept = request.headers().first("Accept").orElse("application/json");
        return accept.toLowerCase(java.util.Locale.ROOT).startsWith("application/json");
    }

    private ConnectionLanes lanes(URI uri) {
        String origin = uri.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + uri.getRawAuthority();
        return lanesByOrigin.computeIfAbsent(origin, key -> new ConnectionLanes(client.get(), laneFactory, maxLanes));
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
        if (socketStreams != null) {
            socketStreams.close();
        }
        for (ConnectionLanes lanes : lanesByOrigin.values()) {
            lanes.close().forEach(JdkHttpTransport::close);
        }
        HttpClient inline = client.ifMade();
        if (inline != null) {
            close(inline);
        }
        HttpClient uploads = uploadClient.ifMade();
        if (uploads != null && uploads != inline) {
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
        HttpClient made = client.ifMade();
        return "JdkHttpTransport" + List.of(made == null ? HttpClient.Version.HTTP_2 : made.version());
    }
}
