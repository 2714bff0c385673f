package io.github.javaopenai.transport.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.WindowRateControl;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP server for transport tests (Jetty 12), on 127.0.0.1 only, speaking plain HTTP/1.1,
 * TLS HTTP/1.1, or TLS with ALPN offering h2 and http/1.1, with a certificate made at test time.
 *
 * <p>Routes, by the first path segment (parameters in brackets, from the query or from a header
 * {@code x-test-NAME}):
 * <ul>
 *   <li>{@code /json[delay-ms]}: a small JSON object naming the protocol, after an optional delay;
 *   <li>{@code /sse[events, size, gap-ms]}: an event stream, each event written and flushed on its
 *       own, {@code gapMs} apart, then {@code data: [DONE]};
 *   <li>{@code /upload}: reads the body and answers its length, SHA-256 and content type;
 *   <li>{@code /status[code]}: that status with an OpenAI-style error body;
 *   <li>{@code /stall-headers}: never answers; {@code /stall-body}: sends headers and one event,
 *       then nothing;
 *   <li>{@code /redirect}: a 307 to {@code /landing}, whose visits are counted;
 *   <li>{@code /hold-headers}, {@code /hold-body}, {@code /hold-events[events]}: held exchanges,
 *       which stop before the headers, half-way through a JSON body, or after some events, and
 *       send nothing more until {@link #releaseHeld()} (or a minute has passed). Released, each
 *       goes on writing small pieces: a write that fails shows the client cancelled the exchange
 *       ({@link #cancelledHolds()}); one the client merely left open still takes the writes and
 *       completes ({@link #completedHolds()}).
 * </ul>
 * Nothing blocks a server thread while waiting: delays and paced events run on a scheduler.
 */
public final class TestHttpServer implements AutoCloseable {

    /** How the server speaks. */
    public enum Protocol {
        PLAIN_HTTP_1_1, TLS_HTTP_1_1, TLS_HTTP_2;

        public boolean tls() {
            return this != PLAIN_HTTP_1_1;
        }
    }

    /** One request as the server saw it. */
    public record Seen(String method, String path, String protocol, String authorization, String contentType) {
    }

    private static final String STORE_PASSWORD = "test-only";
    private static Path keyStore;

    private final Protocol protocol;
    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "test-server-scheduler");
        thread.setDaemon(true);
        return thread;
    });
    private final Queue<Seen> seen = new ConcurrentLinkedQueue<>();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private final AtomicInteger landings = new AtomicInteger();
    private final AtomicInteger failedStreams = new AtomicInteger();
    private final AtomicInteger completedStreams = new AtomicInteger();
    private final Queue<Runnable> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger cancelledHolds = new AtomicInteger();
    private final AtomicInteger completedHolds = new AtomicInteger();

    private TestHttpServer(Protocol protocol, int maxConcurrentStreams) throws Exception {
        this.protocol = protocol;
        QueuedThreadPool threads = new QueuedThreadPool(400, 8);
        threads.setDaemon(true);
        threads.setName("test-server");
        server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        if (!protocol.tls()) {
            connector = new ServerConnector(server, http11);
        } else {
            config.addCustomizer(new SecureRequestCustomizer(false));
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore().toString());
            tls.setKeyStorePassword(STORE_PASSWORD);
            tls.setKeyStoreType("PKCS12");
            if (protocol == Protocol.TLS_HTTP_1_1) {
                connector = new ServerConnector(server, new SslConnectionFactory(tls, http11.getProtocol()), http11);
            } else {
                HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
                h2.setMaxConcurrentStreams(maxConcurrentStreams);
                // Jetty's guard against rapid-reset floods would count a load test as an attack.
                h2.setRateControlFactory(new WindowRateControl.Factory(1_000_000));
                ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
                alpn.setDefaultProtocol(http11.getProtocol());
                connector = new ServerConnector(server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
            }
        }
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Routes());
        server.setStopTimeout(0);
        server.start();
    }

    /** Starts a server; for HTTP/2 with the given SETTINGS_MAX_CONCURRENT_STREAMS. */
    public static TestHttpServer start(Protocol protocol, int maxConcurrentStreams) throws Exception {
        return new TestHttpServer(protocol, maxConcurrentStreams);
    }

    public static TestHttpServer start(Protocol protocol) throws Exception {
        return start(protocol, 100);
    }

    /** Returns the base URI, such as {@code https://127.0.0.1:PORT}. */
    public String base() {
        return (protocol.tls() ? "https" : "http") + "://127.0.0.1:" + connector.getLocalPort();
    }

    public Protocol protocol() {
        return protocol;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** The most requests being handled at the same moment. */
    public int maxActive() {
        return maxActive.get();
    }

    public int landings() {
        return landings.get();
    }

    /** Event streams whose writes failed because the client went away. */
    public int failedStreams() {
        return failedStreams.get();
    }

    public int completedStreams() {
        return completedStreams.get();
    }

    /** Held exchanges whose writes failed once released: the client had cancelled them. */
    public int cancelledHolds() {
        return cancelledHolds.get();
    }

    /** Held exchanges that were written to the end once released: the client had left them open. */
    public int completedHolds() {
        return completedHolds.get();
    }

    /** Lets every held exchange go on writing; see the class comment. */
    public void releaseHeld() {
        for (Runnable release; (release = held.poll()) != null; ) {
            release.run();
        }
    }

    /** Returns an SSL context that trusts this server's test certificate. */
    public static SSLContext clientSslContext() {
        try {
            KeyStore store = clientTrustStore();
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the test SSL context", e);
        }
    }

    /** Returns a key store holding the test certificate, to trust it. */
    public static KeyStore clientTrustStore() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore())) {
            store.load(in, STORE_PASSWORD.toCharArray());
        }
        return store;
    }

    /** Makes a self-signed certificate for 127.0.0.1 and localhost once per JVM, with keytool. */
    private static synchronized Path keyStore() {
        if (keyStore != null) {
            return keyStore;
        }
        try {
            Path dir = Files.createTempDirectory("java-openai-tls");
            Path store = dir.resolve("server.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost", "-validity", "2",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(),
                    "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            keyStore = store;
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        scheduler.shutdownNow();
        server.stop();
    }

    private final class Routes extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            seen.add(new Seen(request.getMethod(), path, request.getConnectionMetaData().getProtocol(),
                    request.getHeaders().get(HttpHeader.AUTHORIZATION), request.getHeaders().get(HttpHeader.CONTENT_TYPE)));
            maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
            Callback done = Callback.from(callback, active::decrementAndGet);
            Fields query = Request.extractQueryParameters(request);
            switch (route(path)) {
                case "json" -> later(number(request, query, "delay-ms", 0), () -> json(request, response, done,
                        "{\"object\":\"test\",\"protocol\":\"" + request.getConnectionMetaData().getProtocol()
                        + "\",\"echo\":\"" + request.getHeaders().get("X-Echo") + "\"}"));
                case "sse" -> events(response, done, (int) number(request, query, "events", 3),
                        (int) number(request, query, "size", 0), number(request, query, "gap-ms", 0));
                case "upload" -> upload(request, response, done);
                case "status" -> {
                    response.setStatus((int) number(request, query, "code", 500));
                    json(request, response, done, "{\"error\":{\"message\":\"injected\",\"type\":\"test\",\"code\":\"injected\"}}");
                }
                case "stall-headers" -> later(60_000, () -> done.failed(new IOException("stalled")));
                case "stall-body" -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                    response.write(false, ascii("data: {\"n\":1}\n\n"), Callback.from(
                            () -> later(60_000, () -> done.failed(new IOException("stalled"))), done::failed));
                }
                case "hold-headers" -> hold(() -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    trickle(response, done, " ", "{}"); // leading whitespace is valid JSON
                });
                case "hold-body" -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                    response.write(false, ascii("{\"object\":\"test\",\"pad\":\"x"), Callback.from(
                            () -> hold(() -> trickle(response, done, "x", "\"}")), done::failed));
                }
                case "hold-events" -> {
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
                    StringBuilder events = new StringBuilder();
                    for (int n = 1; n <= number(request, query, "events", 2); n++) {
                        events.append("data: {\"n\":").append(n).append("}\n\n");
                    }
                    response.write(false, ascii(events.toString()), Callback.from(
                            () -> hold(() -> trickle(response, done, ": keep-alive\n\n", "data: [DONE]\n\n")),
                            done::failed));
                }
                case "redirect" -> {
                    response.setStatus(307);
                    response.getHeaders().put(HttpHeader.LOCATION, base() + "/landing");
                    json(request, response, done, "{}");
                }
                case "landing" -> {
                    landings.incrementAndGet();
                    json(request, response, done, "{\"landed\":true}");
                }
                default -> {
                    response.setStatus(404);
                    json(request, response, done, "{}");
                }
            }
            return true;
        }
    }

    /** The route is the first path segment, so a base URL like {@code /sse} serves any API path. */
    private static String route(String path) {
        int end = path.indexOf('/', 1);
        return end < 0 ? path.substring(1) : path.substring(1, end);
    }

    /** Reads a parameter from the query or from the header {@code x-test-NAME}. */
    private static long number(Request request, Fields query, String name, long fallback) {
        String value = query.getValue(name);
        if (value == null) {
            value = request.getHeaders().get("x-test-" + name);
        }
        return value == null ? fallback : Long.parseLong(value);
    }

    private void later(long delayMs, Runnable action) {
        if (delayMs <= 0) {
            action.run();
        } else {
            scheduler.schedule(action, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    /** Holds an exchange until {@link #releaseHeld()} or a minute has passed, then runs {@code release} once. */
    private void hold(Runnable release) {
        AtomicBoolean once = new AtomicBoolean();
        Runnable onlyOnce = () -> {
            if (once.compareAndSet(false, true)) {
                release.run();
            }
        };
        held.add(onlyOnce);
        later(60_000, onlyOnce);
    }

    /**
     * Writes {@code piece} 50 times, 20 ms apart, then {@code last}: a client that cancelled the
     * exchange makes a write fail (over HTTP/1.1 the first write after the close may still be
     * accepted by the kernel, the next is refused), one that left it open takes them all.
     */
    private void trickle(Response response, Callback callback, String piece, String last) {
        new Object() {
            void send(int n) {
                boolean end = n == 50;
                response.write(end, ascii(end ? last : piece), Callback.from(() -> {
                    if (end) {
                        completedHolds.incrementAndGet();
                        callback.succeeded();
                    } else {
                        later(20, () -> send(n + 1));
                    }
                }, failure -> {
                    cancelledHolds.incrementAndGet();
                    callback.failed(failure);
                }));
            }
        }.send(1);
    }

    private static void json(Request request, Response response, Callback callback, String body) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ascii(body), callback);
    }

    /** Writes events one by one, each in its own write (its own DATA frame or chunk). */
    private void events(Response response, Callback callback, int count, int size, long gapMs) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        String padding = "x".repeat(size);
        new Object() {
            void send(int n) {
                if (n > count) {
                    response.write(true, ascii("data: [DONE]\n\n"), Callback.from(() -> {
                        completedStreams.incrementAndGet();
                        callback.succeeded();
                    }, this::failed));
                    return;
                }
                String event = "data: {\"n\":" + n + ",\"pad\":\"" + padding + "\"}\n\n";
                response.write(false, ascii(event), Callback.from(() -> later(gapMs, () -> send(n + 1)), this::failed));
            }

            void failed(Throwable failure) {
                failedStreams.incrementAndGet();
                callback.failed(failure);
            }
        }.send(1);
    }

    private static void upload(Request request, Response response, Callback callback) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long length = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
                length += n;
            }
        }
        json(request, response, callback, "{\"bytes\":" + length + ",\"sha256\":\"" + HexFormat.of().formatHex(sha.digest())
                + "\",\"contentType\":\"" + request.getHeaders().get(HttpHeader.CONTENT_TYPE) + "\"}");
    }

    private static ByteBuffer ascii(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
