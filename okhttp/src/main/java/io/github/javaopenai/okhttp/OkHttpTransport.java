package io.github.javaopenai.okhttp;

import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSink;
import okio.Okio;
import okio.Source;

/**
 * Carries exchanges over OkHttp 5: an optional transport, in the {@code java-openai-okhttp}
 * artifact.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder().apiKey(key).transport(OkHttpTransport.create()).build();
 * }</pre>
 *
 * <p>Redirects are never followed, so the API key never travels to a host the caller did not
 * name. Over HTTP/2, OkHttp opens another connection when one reaches the server's stream limit,
 * so no request fails on it. As with {@code JdkHttpTransport}, exchanges whose body may be read
 * slowly (event streams, downloads: any {@code Accept} other than JSON) and streamed uploads take
 * an HTTP/1.1 connection of their own: a paused HTTP/2 stream keeps its data unread in the
 * connection's flow-control window (16 MB in OkHttp), and a few of them stall every exchange on
 * the connection. Request timeouts run until the response headers arrive; the body's idle time
 * is watched by the client. A thread interrupted while it waits for the headers or for body
 * bytes cancels the call (the connection is closed or the HTTP/2 stream reset) and gets an
 * {@link InterruptedIOException} with its interrupt flag kept, over both protocols, although
 * OkHttp's HTTP/1.1 socket reads ignore interrupts. {@link #sendAsync} enqueues the call, holding
 * no thread until the headers arrive, and cancelling its future cancels the call; a client given
 * to {@link #of} keeps its dispatcher's limits on async calls in flight (OkHttp's default: 5 per
 * host, 64 in all; more wait in its queue). Thread-safe; {@link #close()} releases the
 * connection pool.
 *
 * @since 0.1
 */
public final class OkHttpTransport implements Transport {

    /** The connect timeout used by {@link #create()}: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /** Headers OkHttp sets itself. */
    private static final Set<String> RESTRICTED = Set.of(
            "connection", "content-length", "expect", "host", "upgrade", "transfer-encoding");

    private static final Set<String> BODY_REQUIRED = Set.of("POST", "PUT", "PATCH", "PROPPATCH", "REPORT");

    /** Cancels calls whose headers are late, and ticks for {@link InterruptWatch}; one daemon thread for every transport. */
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "java-openai-okhttp-timeouts");
        thread.setDaemon(true);
        return thread;
    });

    /** Ends waits in OkHttp calls whose thread is interrupted; ticks on the same thread. */
    private static final InterruptWatch INTERRUPTS = new InterruptWatch(TIMEOUTS);

    private final OkHttpClient client;
    private final OkHttpClient streams;
    /** Per origin, done once the first exchange has its answer, and with it the server's SETTINGS. */
    private final Map<String, CompletableFuture<Void>> warmUps = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private OkHttpTransport(OkHttpClient client) {
        this.client = client;
        // Shares the pool and dispatcher; its connections are separate because their protocols differ.
        this.streams = client.newBuilder().protocols(List.of(Protocol.HTTP_1_1)).build();
    }

    /** Returns a transport with its own OkHttp client and a 10 second connect timeout. */
    public static OkHttpTransport create() {
        return create(DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Returns a transport with its own OkHttp client and the given connect timeout. Its dispatcher
     * puts no limit on the async calls in flight, as {@code JdkHttpTransport} puts none.
     */
    public static OkHttpTransport create(Duration connectTimeout) {
        Objects.requireNonNull(connectTimeout, "connectTimeout == null");
        return of(new OkHttpClient.Builder().connectTimeout(connectTimeout).dispatcher(unlimitedDispatcher()).build());
    }

    /** Returns a dispatcher that queues no async call: OkHttp's default runs 5 per host and 64 in all. */
    static Dispatcher unlimitedDispatcher() {
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Integer.MAX_VALUE);
        dispatcher.setMaxRequestsPerHost(Integer.MAX_VALUE);
        return dispatcher;
    }

    /**
     * Returns a transport over a client the caller configured; redirects are turned off on the
     * copy it uses, and read and call timeouts too, since the client library watches bodies itself.
     */
    public static OkHttpTransport of(OkHttpClient client) {
        Objects.requireNonNull(client, "client == null");
        return new OkHttpTransport(client.newBuilder()
                .followRedirects(false)
                .followSslRedirects(false)
                .readTimeout(Duration.ZERO)
                .callTimeout(Duration.ZERO)
                .build());
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        Request.Builder builder = okRequest(request);
        boolean ownConnection = ownConnection(request);
        CompletableFuture<Void> warmUp = null;
        if (!ownConnection) {
            String origin = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> first = warmUps.putIfAbsent(origin, mine);
            if (first == null) {
                warmUp = mine;
            } else {
                awaitWarmUp(first, request);
            }
        }
        try {
            for (int refused = 0; ; refused++) {
                try {
                    return exchange((ownConnection ? streams : client).newCall(builder.build()), request);
                } catch (IOException e) {
                    // A refused stream was never processed (RFC 9113 section 8.7), so sending it again is
                    // safe for any method; a connection that outran the server's stream limit refuses some.
                    if (!isRefusedStream(e) || refused >= MAX_REFUSED_RESENDS) {
                        throw e;
                    }
                }
            }
        } finally {
            if (warmUp != null) {
                warmUp.complete(null);
            }
        }
    }

    /**
     * Sends the request with OkHttp's {@link Call#enqueue}, holding no thread while it waits: the
     * future completes on OkHttp's dispatcher thread once the headers arrive, and cancelling it
     * cancels the call. The request timeout, the refused-stream resends and the first exchange per
     * origin work as in {@link #send}; the body is read as {@link #send}'s is, by blocking.
     */
    @Override
    public CompletableFuture<TransportResponse> sendAsync(TransportRequest request) {
        Request built = okRequest(request).build();
        boolean ownConnection = ownConnection(request);
        OkHttpClient http = ownConnection ? streams : client;
        AsyncExchange exchange = new AsyncExchange(http, built, request);
        if (ownConnection) {
            exchange.start(0);
            return exchange.result;
        }
        String origin = request.uri().getScheme() + "://" + request.uri().getRawAuthority();
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> first = warmUps.putIfAbsent(origin, mine);
        if (first == null) {
            exchange.result.whenComplete((response, failure) -> mine.complete(null));
            exchange.start(0);
        } else {
            // Waits for the first exchange's answer, as send does, without a thread; went wrong or slow: send anyway.
            CompletableFuture<Void> ready = request.timeout() == null ? first.copy()
                    : first.copy().completeOnTimeout(null, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            ready.whenComplete((ignored, failure) -> exchange.start(0));
        }
        return exchange.result;
    }

    /** One async exchange: its calls (one per refused-stream resend) and the caller's future. */
    private final class AsyncExchange {
        final OkHttpClient http;
        final Request built;
        final TransportRequest request;
        final CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        volatile Call current;

        AsyncExchange(OkHttpClient http, Request built, TransportRequest request) {
            this.http = http;
            this.built = built;
            this.request = request;
            result.whenComplete((response, failure) -> {
                Call call = current;
                if (result.isCancelled() && call != null) {
                    call.cancel(); // the connection is closed or the HTTP/2 stream reset
                }
            });
        }

        void start(int refused) {
            if (result.isDone()) {
                return;
            }
            Call call = http.newCall(built);
            current = call;
            if (result.isCancelled()) {
                call.cancel();
            }
            AtomicBoolean timedOut = new AtomicBoolean();
            ScheduledFuture<?> deadline = request.timeout() == null ? null : TIMEOUTS.schedule(() -> {
                timedOut.set(true);
                call.cancel();
            }, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            call.enqueue(new Callback() {
                @Override
                public void onFailure(Call failed, IOException e) {
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                    if (timedOut.get()) {
                        SocketTimeoutException timeout = new SocketTimeoutException(
                                "no response headers within " + request.timeout().toMillis() + " ms");
                        timeout.initCause(e);
                        result.completeExceptionally(timeout);
                    } else if (isRefusedStream(e) && refused < MAX_REFUSED_RESENDS && !result.isDone()) {
                        start(refused + 1); // never processed by the server: safe to send again
                    } else {
                        result.completeExceptionally(e);
                    }
                }

                @Override
                public void onResponse(Call answered, Response response) {
                    if (deadline != null) {
                        deadline.cancel(false);
                    }
                    TransportResponse answer = new TransportResponse(response.code(),
                            Headers.of(response.headers().toMultimap()), new WatchedBody(response, INTERRUPTS.watch(answered)));
                    if (!result.complete(answer)) {
                        response.close(); // cancelled meanwhile: nobody will read it
                    }
                }
            });
        }
    }

    /** Builds OkHttp's request: the method, body and headers OkHttp does not set itself. */
    private Request.Builder okRequest(TransportRequest request) {
        if (closed) {
            throw new IllegalStateException("this transport is closed: " + request.method() + " " + request.uri());
        }
        Request.Builder builder = new Request.Builder().url(request.uri().toString())
                .method(request.method(), body(request));
        request.headers().toMap().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> builder.addHeader(name, value));
            }
        });
        return builder;
    }

    /** How often one request is sent again after the server refused its stream unprocessed. */
    private static final int MAX_REFUSED_RESENDS = 16;

    /** OkHttp's own exception type lives in a package its module does not export to us. */
    private static boolean isRefusedStream(IOException e) {
        return e.getClass().getName().equals("okhttp3.internal.http2.StreamResetException")
                && String.valueOf(e.getMessage()).endsWith("REFUSED_STREAM");
    }

    private TransportResponse exchange(Call call, TransportRequest request) throws IOException {
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = request.timeout() == null ? null : TIMEOUTS.schedule(() -> {
            timedOut.set(true);
            call.cancel();
        }, request.timeout().toNanos(), TimeUnit.NANOSECONDS);
        InterruptWatch.Watched watched = INTERRUPTS.watch(call);
        Response response = null;
        watched.beginWait();
        try {
            response = call.execute();
        } catch (IOException e) {
            if (timedOut.get()) {
                SocketTimeoutException timeout = new SocketTimeoutException(
                        "no response headers within " + request.timeout().toMillis() + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw watched.failure(e);
        } finally {
            watched.endWait();
            if (response == null) {
                watched.close();
            }
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
        return new TransportResponse(response.code(), Headers.of(response.headers().toMultimap()),
                new WatchedBody(response, watched));
    }

    /**
     * Waits for the first exchange to an origin: until the server's SETTINGS arrive, OkHttp does
     * not know its stream limit, and a burst of requests on a new connection can exceed it.
     */
    private static void awaitWarmUp(CompletableFuture<Void> first, TransportRequest request) throws IOException {
        try {
            if (request.timeout() == null) {
                first.get();
            } else {
                first.get(request.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the first answer from " + request.uri().getHost());
        } catch (ExecutionException | TimeoutException e) {
            // Went wrong or slow: send anyway, the first exchange's failure is its own.
        }
    }

    /** Whether the exchange gets an HTTP/1.1 connection of its own; see the class comment. */
    private static boolean ownConnection(TransportRequest request) {
        if (request.body() != null && !(request.body() instanceof RequestBody.BytesBody)) {
            return true;
        }
        String accept = request.headers().first("Accept").orElse("application/json");
        return !accept.toLowerCase(Locale.ROOT).startsWith("application/json");
    }

    private static okhttp3.RequestBody body(TransportRequest request) {
        RequestBody body = request.body();
        if (body == null) {
            // OkHttp requires a body on these methods and refuses one on the rest.
            return BODY_REQUIRED.contains(request.method()) ? okhttp3.RequestBody.create(new byte[0]) : null;
        }
        if (body instanceof RequestBody.BytesBody bytes) {
            return okhttp3.RequestBody.create(bytes.bytes()); // Content-Type travels as a header
        }
        return new okhttp3.RequestBody() {
            @Override
            public MediaType contentType() {
                return null; // the caller's Content-Type header is sent as given
            }

            @Override
            public long contentLength() {
                return body.contentLength();
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                try (InputStream in = body.open(); Source source = Okio.source(in)) {
                    sink.writeAll(source);
                }
            }
        };
    }

    /** Closes the transport: later sends fail, and pooled connections and idle threads are released. */
    @Override
    public void close() {
        closed = true;
        client.dispatcher().executorService().shutdown();
        client.connectionPool().evictAll();
    }

    @Override
    public String toString() {
        return "OkHttpTransport" + client.protocols();
    }
}
