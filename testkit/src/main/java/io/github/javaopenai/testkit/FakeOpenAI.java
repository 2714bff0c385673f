package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.transport.Headers;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs an OpenAI-compatible HTTP server inside the current process, on a free loopback port: for
 * tests of code that uses the client, and for trying the library without an API key.
 *
 * <p>It speaks the real API's wire format for chat completions (plain and streamed), responses
 * (stored by id, chained with {@code previous_response_id}, get, delete, cancel, streamed events),
 * embeddings, moderations, models, files (whole, or in parts through the Uploads API), image
 * generation and batches (which run their JSONL through the same endpoints). With nothing
 * scripted it answers deterministically from the input: a chat echoes the last user message,
 * prefixed with {@code [offline java-openai server]}.
 *
 * <pre>{@code
 * try (FakeOpenAI server = FakeOpenAI.start()) {
 *     server.enqueue(FakeReply.text("Hello!"));
 *     ApiResponse r = server.client().createChatCompletion(List.of(Messages.user("Hi")));
 *     assertThat(server.lastRequest().json().at("/messages/0/content").asText()).isEqualTo("Hi");
 * }
 * }</pre>
 *
 * <p>The same base URL serves the Realtime API's WebSocket sessions ({@code /v1/realtime}) and
 * the Responses API over a WebSocket ({@code /v1/responses} with {@code Upgrade: websocket}):
 * script them with {@link #realtime()}.
 *
 * <p>Thread-safe: requests are served concurrently, and the script and the request log may be
 * used from any thread. Nothing is ever written to disk; every file lives in memory.
 *
 * @since 0.1
 */
public final class FakeOpenAI implements AutoCloseable {

    /** The API key {@link #client()} sends; the server accepts any key, and none. */
    public static final String API_KEY = "sk-fake-java-openai";

    private static final int WRITE_CHUNK = 64 * 1024;

    private final HttpServer server;
    private final FrontDoor front;
    private final ExecutorService executor;
    private final Router router = new Router();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile boolean logRequests = true;
    private volatile RateLimiter rateLimiter;
    private final Object clientLock = new Object();
    private volatile OpenAI client; // made on first use: the offline command line brings its own
    private boolean closed; // guarded by clientLock
    private volatile FakeRealtime realtime;

    private FakeOpenAI(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.front = new FrontDoor(server.getAddress(), (socket, head) -> realtime().adopt(socket, head));
    }

    /**
     * Starts a server on a free port of the loopback interface.
     *
     * @throws UncheckedIOException when no port can be bound
     */
    public static FakeOpenAI start() {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-openai-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            answerWithoutNagle();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeOpenAI fake = new FakeOpenAI(server, executor);
            server.createContext("/", fake::handle);
            server.setExecutor(executor);
            server.start();
            return fake;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the fake OpenAI server: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the JDK's HTTP server for TCP_NODELAY, unless the application already chose: it writes
     * an answer's headers and body separately, and with Nagle's algorithm the body then waits for
     * the client's delayed ACK of the headers, some 40 ms per request on Linux (0.3 ms without).
     * The server reads the property once, when the first server of the JVM starts.
     */
    private static void answerWithoutNagle() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /** Returns the base URL to give a client, such as {@code http://127.0.0.1:50123/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Returns the port the server listens on. */
    public int port() {
        return front.port();
    }

    /**
     * Returns the client for this server, sending {@link #API_KEY}: one per server, closed with it.
     * Derive variants with {@code client().toBuilder()} or a {@code with…} method.
     */
    public OpenAI client() {
        OpenAI made = client;
        if (made == null) {
            synchronized (clientLock) { // only builds a client; no I/O happens under the lock
                made = client;
                if (made == null) {
                    made = OpenAI.newBuilder().baseUrl(baseUrl()).apiKey(API_KEY).build();
                    if (closed) {
                        made.close();
                    }
                    client = made;
                }
            }
        }
        return made;
    }

    /**
     * Queues replies, taken in order: a content reply by the next chat completion or response, any
     * other reply by the next request.
     */
    public FakeOpenAI enqueue(FakeReply... replies) {
        for (FakeReply reply : replies) {
            router.enqueue(Objects.requireNonNull(reply, "reply == null"));
        }
        return this;
    }

    /** Returns how many queued replies have not been taken yet. */
    public int pendingReplies() {
        return router.pending();
    }

    /** Returns every request received so far, oldest first, as an unmodifiable snapshot. */
    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * Returns the most recent request.
     *
     * @throws IllegalStateException when no request has arrived yet
     */
    public ReceivedRequest lastRequest() {
        List<ReceivedRequest> all = requests();
        if (all.isEmpty()) {
            throw new IllegalStateException("the fake OpenAI server has received no request");
        }
        return all.get(all.size() - 1);
    }

    /**
     * Sets whether received requests are kept for {@link #requests()}. Default: kept. Turn it off
     * for long runs (a batch job of many files), whose uploads would otherwise all stay in memory.
     */
    public FakeOpenAI logRequests(boolean keep) {
        this.logRequests = keep;
        return this;
    }

    /**
     * Lowers (or restores) the batch limits the server enforces. Defaults are the real API's:
     * 50,000 requests per batch (a batch over it fails validation with {@code too_many_tasks}) and
     * 200 MB per batch input file (a larger upload is refused with 400 "File is too large.").
     *
     * @throws IllegalArgumentException when a limit is not positive
     */
    public FakeOpenAI batchLimits(int maxRequests, long maxFileBytes) {
        if (maxRequests <= 0 || maxFileBytes <= 0) {
            throw new IllegalArgumentException("batch limits must be positive: " + maxRequests + ", " + maxFileBytes);
        }
        router.batchRules().maxRequests = maxRequests;
        router.batchRules().maxFileBytes = maxFileBytes;
        return this;
    }

    /**
     * Makes batches fail or expire chosen requests, by custom id: a failing request gets a 500
     * answer in the error file; an expiring one is not run, goes to the error file with
     * {@code batch_expired}, and its batch ends {@code expired}, as the real API does when a batch
     * outlives its 24 hours. The predicates are asked each time a line runs, so one that answers
     * true once makes a request fail only on its first try.
     */
    public FakeOpenAI batchFaults(java.util.function.Predicate<String> failing,
            java.util.function.Predicate<String> expiring) {
        router.batchRules().failing = Objects.requireNonNull(failing, "failing == null");
        router.batchRules().expiring = Objects.requireNonNull(expiring, "expiring == null");
        return this;
    }

    /**
     * Sets how many lines a batch runs each time it is read: lower it to make batches slow.
     * Default (0): a tenth of the batch per read.
     */
    public FakeOpenAI batchLinesPerPoll(int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be >= 0: " + lines);
        }
        router.batchRules().linesPerPoll = lines;
        return this;
    }

    /**
     * Enforces a rate limit: at most {@code requests} requests and {@code tokens} tokens (a
     * quarter of the body's bytes) per window, as the API's per-minute limits do. Every answer
     * then carries {@code x-ratelimit-limit-*}, {@code x-ratelimit-remaining-*} and
     * {@code x-ratelimit-reset-*} for requests and tokens, and a request over either limit gets
     * a 429 {@code rate_limit_exceeded}. Pass a short window to test pacing quickly.
     */
    public FakeOpenAI rateLimits(int requests, long tokens, java.time.Duration window) {
        if (requests <= 0 || tokens <= 0 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("rate limits must be positive: " + requests + ", " + tokens + ", " + window);
        }
        this.rateLimiter = new RateLimiter(requests, tokens, window);
        return this;
    }

    /** Returns how many requests the rate limit has refused with a 429 so far. */
    public int rateLimitedRequests() {
        RateLimiter limiter = rateLimiter;
        return limiter == null ? 0 : limiter.refused();
    }

    /** Forgets every received request and every queued reply; stored objects stay. */
    public void reset() {
        requests.clear();
        router.clearScript();
    }

    /**
     * Returns the realtime server of this fake, started on first use (or by the first WebSocket
     * upgrade): it serves the {@code /v1/realtime} and {@code /v1/responses} WebSocket sessions
     * that arrive on this server's own {@link #baseUrl()}, so {@code client().realtime(model, options)}
     * just works, and the same sessions on a loopback port of its own ({@link FakeRealtime#baseUrl()}).
     * Script it and read what it received here. Closed with this server.
     */
    public FakeRealtime realtime() {
        FakeRealtime server = realtime;
        if (server == null) {
            synchronized (this) {
                if (realtime == null) {
                    realtime = FakeRealtime.start();
                }
                server = realtime;
            }
        }
        return server;
    }

    /** Stops the server at once, closing open connections. */
    @Override
    public void close() {
        FakeRealtime started = realtime;
        if (started != null) {
            started.close();
        }
        OpenAI made;
        synchronized (clientLock) {
            closed = true;
            made = client;
        }
        if (made != null) {
            made.close();
        }
        front.close();
        server.stop(0);
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "FakeOpenAI{" + baseUrl() + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            ReceivedRequest request = received(exchange);
            if (logRequests) {
                requests.add(request);
            }
            RateLimiter limiter = rateLimiter;
            RateLimiter.Decision decision = limiter == null ? null : limiter.admit(request.body().length);
            Answer answer = decision == null || decision.allowed() ? router.route(request)
                    : Answer.json(429, Wire.error("Rate limit reached for " + decision.exceeded() + ". Please try"
                            + " again later.", decision.exceeded(), null, "rate_limit_exceeded"));
            if (decision != null) {
                answer.headers().forEach(decision.headers()::putIfAbsent);
                answer = new Answer(answer.status(), decision.headers(), answer.contentType(), answer.body(),
                        answer.events(), answer.doneMarker(), answer.disconnect(), answer.delay());
            }
            if (!answer.delay().isZero()) {
                pause(answer);
            }
            if (answer.disconnect()) {
                return; // closing an exchange before any header closes the connection
            }
            write(exchange, answer);
        }
    }

    private static ReceivedRequest received(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v1") || path.startsWith("/v1/")) {
            path = path.substring(3);
        }
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return new ReceivedRequest(exchange.getRequestMethod(), path.isEmpty() ? "/" : path,
                exchange.getRequestURI().getRawQuery(), Headers.of(exchange.getRequestHeaders()), body);
    }

    private static void pause(Answer answer) throws IOException {
        try {
            Thread.sleep(answer.delay().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while delaying an answer", e);
        }
    }

    private static void write(HttpExchange exchange, Answer answer) throws IOException {
        com.sun.net.httpserver.Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", answer.contentType());
        headers.set("x-request-id", Wire.id("req_"));
        answer.headers().forEach(headers::set);
        if (!answer.isStream()) {
            boolean empty = answer.body().length == 0;
            exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    byte[] body = answer.body();
                    for (int at = 0; at < body.length; at += WRITE_CHUNK) { // the server copies each write whole
                        out.write(body, at, Math.min(WRITE_CHUNK, body.length - at));
                    }
                }
            }
            return;
        }
        headers.set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(answer.status(), 0);
        try (OutputStream out = exchange.getResponseBody()) {
            for (JsonNode event : answer.events()) {
                StringBuilder frame = new StringBuilder();
                if (event.has("sequence_number")) {
                    frame.append("event: ").append(event.path("type").asText()).append('\n');
                }
                frame.append("data: ").append(event).append("\n\n");
                out.write(frame.toString().getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
            if (answer.doneMarker()) {
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        }
    }
}
