package io.github.javaopenai.transport.contract;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.transport.Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.InternalServerException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The behaviour every {@link Transport} must show, run once per transport and per protocol
 * against a real server ({@link TestHttpServer}): subclass it, name the protocol and make the
 * transport. Requests go through the client, as users send them, with retries off, so a failure
 * the transport should have avoided is never hidden by a retry.
 */
public abstract class TransportContract {

    private static final String KEY = "sk-contract-test-key";
    /** The HTTP/2 stream limit the server announces; Cloudflare's is 100, some proxies set less. */
    protected static final int STREAM_LIMIT = 10;

    protected TestHttpServer server;
    private Transport transport;
    private OpenAI client;

    /** Returns the protocol the server speaks. */
    protected abstract TestHttpServer.Protocol protocol();

    /** Returns a new transport that trusts the test certificate through {@code ssl}. */
    protected abstract Transport newTransport(SSLContext ssl, Duration connectTimeout);

    @BeforeEach
    void startServer() throws Exception {
        server = TestHttpServer.start(protocol(), STREAM_LIMIT);
        transport = newTransport(TestHttpServer.clientSslContext(), Duration.ofSeconds(10));
        client = client("/json");
    }

    @AfterEach
    void stopServer() throws Exception {
        transport.close();
        server.close();
    }

    private OpenAI client(String route) {
        return client(route, Map.of());
    }

    private OpenAI client(String route, Map<String, String> headers) {
        OpenAI.Builder builder = OpenAI.newBuilder().transport(transport).apiKey(KEY)
                .baseUrl(server.base() + route).defaultModel("test-model").maxRetries(0);
        headers.forEach(builder::header);
        return builder.build();
    }

    /** The protocol a small JSON exchange should travel over. */
    private String jsonProtocol() {
        return protocol() == TestHttpServer.Protocol.TLS_HTTP_2 ? "HTTP/2.0" : "HTTP/1.1";
    }

    @Test
    void jsonExchangeCarriesHeadersBothWaysOverTheServersBestProtocol() {
        ApiResponse response = client.request("GET", "/models", null, Map.of("X-Echo", "hello"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("protocol").asText()).isEqualTo(jsonProtocol());
        assertThat(response.body().path("echo").asText()).isEqualTo("hello");
        assertThat(response.headers().first("content-type")).hasValue("application/json");
        assertThat(server.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.authorization()).isEqualTo("Bearer " + KEY);
            assertThat(seen.path()).isEqualTo("/json/models");
        });
    }

    @Test
    void eventStreamDeliversEveryEventInOrderThroughAPullStream() {
        OpenAI sse = client("/sse", Map.of("x-test-events", "20", "x-test-gap-ms", "2"));
        List<Integer> seen = new ArrayList<>();
        try (EventStream events = sse.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            for (JsonNode event : events) {
                seen.add(event.path("n").asInt());
            }
        }
        assertThat(seen).containsExactlyElementsOf(range(1, 20));
    }

    @Test
    void streamedMultipartUploadArrivesWholeWithItsLength(@TempDir Path dir) throws Exception {
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("data.bin"), content);
        Multipart form = Multipart.newBuilder().field("purpose", "batch")
                .file("file", "data.bin", "application/octet-stream", file).build();

        JsonNode answer = upload(RequestBody.ofStream(form::open, form.contentLength()), form.contentType());

        assertThat(answer.path("bytes").asLong()).isEqualTo(form.contentLength());
        assertThat(answer.path("sha256").asText()).isEqualTo(sha256(form.open()));
        assertThat(answer.path("contentType").asText()).isEqualTo(form.contentType());
    }

    @Test
    void uploadOfUnknownLengthArrivesWhole() throws Exception {
        byte[] content = "x".repeat(200_000).getBytes(StandardCharsets.US_ASCII);

        JsonNode answer = upload(RequestBody.ofStream(() -> new ByteArrayInputStream(content), -1),
                "application/octet-stream");

        assertThat(answer.path("bytes").asLong()).isEqualTo(content.length);
        assertThat(answer.path("sha256").asText()).isEqualTo(sha256(new ByteArrayInputStream(content)));
    }

    private JsonNode upload(RequestBody body, String contentType) throws Exception {
        TransportRequest request = new TransportRequest("POST", URI.create(server.base() + "/upload"),
                Headers.ofSingle(Map.of("Content-Type", contentType)), body, Duration.ofSeconds(30));
        try (TransportResponse response = transport.send(request)) {
            assertThat(response.status()).isEqualTo(200);
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
        }
    }

    @Test
    void errorStatusIsAnAnswerWithItsBodyNotAFailure() {
        ApiResponse response = client("/status").request("POST", "/x", Map.of("a", 1), Map.of("x-test-code", "503"));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.body().at("/error/code").asText()).isEqualTo("injected");
        assertThatThrownBy(response::orThrow).isInstanceOf(InternalServerException.class);
    }

    @Test
    @Timeout(30)
    void connectTimeoutEndsAConnectionThatIsNeverAccepted() throws Exception {
        // A listener with a full backlog leaves further connection attempts unanswered.
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            List<Socket> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket filler = new Socket();
                    try {
                        filler.connect(new InetSocketAddress("127.0.0.1", listener.getLocalPort()), 200);
                    } catch (java.io.IOException e) {
                        break; // the backlog is full
                    }
                    fillers.add(filler);
                }
                String scheme = protocol().tls() ? "https" : "http";
                try (Transport quick = newTransport(TestHttpServer.clientSslContext(), Duration.ofMillis(300))) {
                    OpenAI unanswered = OpenAI.newBuilder().transport(quick).apiKey(KEY).maxRetries(0)
                            .baseUrl(scheme + "://127.0.0.1:" + listener.getLocalPort()).build();
                    long start = System.nanoTime();
                    assertThatThrownBy(() -> unanswered.request("GET", "/models", null))
                            .isInstanceOf(ApiTimeoutException.class);
                    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                }
            } finally {
                for (Socket filler : fillers) {
                    filler.close();
                }
            }
        }
    }

    @Test
    @Timeout(30)
    void answerThatNeverComesEndsWithATimeoutAfterTheRequestTimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> client("/stall-headers").withTimeout(Duration.ofMillis(500)).request("GET", "/x", null))
                .isInstanceOf(ApiTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(30)
    void streamThatStallsEndsWithAStreamTimeoutAfterTheIdleTimeout() {
        OpenAI stalling = client("/stall-body").withStreamIdleTimeout(Duration.ofMillis(300));
        List<Integer> seen = new ArrayList<>();
        try (EventStream events = stalling.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            assertThatThrownBy(() -> events.forEach(event -> seen.add(event.path("n").asInt())))
                    .isInstanceOf(StreamTimeoutException.class);
        }
        assertThat(seen).containsExactly(1);
    }

    @Test
    @Timeout(30)
    void closingAPullStreamCancelsItOnTheServer() throws Exception {
        OpenAI sse = client("/sse", Map.of("x-test-events", "5000", "x-test-gap-ms", "5"));
        try (EventStream events = sse.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            var iterator = events.iterator();
            assertThat(iterator.next().path("n").asInt()).isEqualTo(1);
            assertThat(iterator.next().path("n").asInt()).isEqualTo(2);
        }
        assertThat(eventually(() -> server.failedStreams() == 1, Duration.ofSeconds(10)))
                .as("the server saw the stream cancelled").isTrue();
        assertThat(server.completedStreams()).isZero();
    }

    @Test
    void redirectIsReturnedNeverFollowedSoTheKeyStaysWithTheNamedHost() {
        ApiResponse response = client("/redirect").request("GET", "/models", null);

        assertThat(response.status()).isEqualTo(307);
        assertThat(response.headers().first("location")).hasValue(server.base() + "/landing");
        assertThat(server.landings()).isZero();
    }

    /**
     * 500 requests at once, and then 500 streams at once, against a server that allows 10
     * concurrent streams per HTTP/2 connection: every one succeeds on its first attempt (retries
     * are off), so nobody waits a back-off.
     */
    @Test
    @Timeout(120)
    void fiveHundredConcurrentExchangesAllSucceedWhateverTheServersStreamLimit() throws Exception {
        int callers = 500;
        assertThat(client.request("GET", "/models", null).status()).isEqualTo(200); // the connection is up
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<Long>> requests = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                requests.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    assertThat(client.request("GET", "/models", null, Map.of("x-test-delay-ms", "200")).status())
                            .isEqualTo(200);
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                }));
            }
            long[] millis = new long[callers];
            for (int i = 0; i < callers; i++) {
                millis[i] = requests.get(i).get(60, TimeUnit.SECONDS);
            }
            Arrays.sort(millis);
            System.out.printf("%s %s: %d requests of 200 ms against a limit of %d: p50 %d ms, p99 %d ms%n",
                    getClass().getSimpleName(), protocol(), callers, STREAM_LIMIT, millis[callers / 2],
                    millis[callers * 99 / 100]);
            OpenAI sse = client("/sse", Map.of("x-test-events", "5", "x-test-gap-ms", "40"));
            List<Future<List<Integer>>> streams = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                streams.add(pool.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    try (EventStream events = sse.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
                        events.forEach(event -> seen.add(event.path("n").asInt()));
                    }
                    return seen;
                }));
            }
            for (Future<List<Integer>> stream : streams) {
                assertThat(stream.get(60, TimeUnit.SECONDS)).containsExactly(1, 2, 3, 4, 5);
            }
        } finally {
            pool.shutdownNow();
        }
        // Spread over connections rather than queued one limit's worth at a time.
        assertThat(server.maxActive()).isGreaterThan(STREAM_LIMIT);
    }

    /**
     * Two pull streams of about 24 MB that the caller stops reading must not hold up other
     * exchanges on the same client: over HTTP/2 they would fill the connection's flow-control
     * window. The bound is generous (a second) against a normal latency of milliseconds.
     */
    @Test
    @Timeout(120)
    void pausedPullStreamsDoNotHoldUpOtherExchanges() throws Exception {
        long before = medianJsonMillis(20);
        OpenAI big = client("/sse", Map.of("x-test-events", "24", "x-test-size", String.valueOf(1024 * 1024)));
        try (EventStream first = big.streamChatCompletion(List.of(Messages.user("hi")), Map.of());
                EventStream second = big.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            assertThat(first.iterator().next().path("n").asInt()).isEqualTo(1);
            assertThat(second.iterator().next().path("n").asInt()).isEqualTo(1);
            Thread.sleep(1000); // lets the server fill whatever buffers and windows it can
            long after = medianJsonMillis(20);
            System.out.printf("%s %s: JSON p50 %d ms before, %d ms with two paused 24 MB streams%n",
                    getClass().getSimpleName(), protocol(), before, after);
            assertThat(after).isLessThan(Math.max(1000, 2 * before));
        }
    }

    // ---------------------------------------------------------------- interrupts

    /** How a caller is stopped: its thread interrupted, or its executor task cancelled. */
    protected enum Stop { THREAD_INTERRUPT, FUTURE_CANCEL }

    /**
     * A generous bound for "within 100 ms": held exchanges send nothing for a minute, so an
     * interrupt the transport ignores shows as a call still running long after it.
     */
    private static final Duration INTERRUPT_BOUND = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(30)
    void interruptEndsACallWaitingForTheHeaders(Stop stop) throws Exception {
        OpenAI held = client("/hold-headers");
        Outcome outcome = callAndStop(stop, this::requestArrived, () -> held.request("GET", "/models", null));
        assertStoppedPromptly("waiting for headers", stop, outcome);
        assertServerSawTheExchangeCancelled();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(30)
    void interruptEndsACallReadingItsBody(Stop stop) throws Exception {
        OpenAI held = client("/hold-body");
        Outcome outcome = callAndStop(stop, this::requestArrived, () -> held.request("GET", "/models", null));
        assertStoppedPromptly("reading a body", stop, outcome);
        assertServerSawTheExchangeCancelled();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(30)
    void interruptEndsAPullStreamWaitingForAnEvent(Stop stop) throws Exception {
        OpenAI held = client("/hold-events", Map.of("x-test-events", "2"));
        CountDownLatch twoEvents = new CountDownLatch(1);
        Outcome outcome = callAndStop(stop, () -> twoEvents.await(5, TimeUnit.SECONDS), () -> {
            try (EventStream events = held.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
                Iterator<JsonNode> iterator = events.iterator();
                assertThat(iterator.next().path("n").asInt()).isEqualTo(1);
                assertThat(iterator.next().path("n").asInt()).isEqualTo(2);
                twoEvents.countDown();
                iterator.hasNext(); // blocks: the server sends nothing more
                throw new AssertionError("the stream went on after the interrupt");
            }
        });
        assertStoppedPromptly("pull stream", stop, outcome);
        assertServerSawTheExchangeCancelled();
    }

    @ParameterizedTest
    @EnumSource(Stop.class)
    @Timeout(30)
    void interruptEndsACallbackStreamWaitingForAnEvent(Stop stop) throws Exception {
        OpenAI held = client("/hold-events", Map.of("x-test-events", "2"));
        CountDownLatch twoEvents = new CountDownLatch(2);
        AtomicInteger events = new AtomicInteger();
        Outcome outcome = callAndStop(stop, () -> twoEvents.await(5, TimeUnit.SECONDS), () -> held.createChatCompletion(
                List.of(Messages.user("hi")), Map.of(), event -> {
                    events.incrementAndGet();
                    twoEvents.countDown();
                }));
        assertStoppedPromptly("callback stream", stop, outcome);
        assertThat(events).hasValue(2);
        assertServerSawTheExchangeCancelled();
    }

    private boolean requestArrived() throws InterruptedException {
        return eventually(() -> server.seen().size() == 1, Duration.ofSeconds(5));
    }

    /** What the stopped call ended with, seen from its own thread. */
    private record Outcome(Throwable failure, boolean interruptFlagSet, Duration sinceStop) {
    }

    private interface Call {
        void run() throws Exception;
    }

    private interface Readiness {
        boolean await() throws Exception;
    }

    /**
     * Runs {@code call} on its own thread (or executor task), waits until it is {@code ready},
     * lets it block, then stops it and returns how the call ended.
     */
    private Outcome callAndStop(Stop stop, Readiness ready, Call call) throws Exception {
        AtomicLong stoppedAt = new AtomicLong();
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        Runnable task = () -> done.complete(outcomeOf(stoppedAt, call));
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            Thread thread = null;
            Future<?> future = null;
            if (stop == Stop.THREAD_INTERRUPT) {
                thread = new Thread(task, "interrupted-caller");
                thread.setDaemon(true);
                thread.start();
            } else {
                future = executor.submit(task);
            }
            if (!ready.await()) {
                throw new AssertionError("the call never reached the point where it is stopped");
            }
            Thread.sleep(200); // lets the caller block in its read
            stoppedAt.set(System.nanoTime());
            if (thread != null) {
                thread.interrupt();
            } else {
                future.cancel(true);
            }
            try {
                return done.get(INTERRUPT_BOUND.toMillis() + 3_000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                throw new AssertionError("the call was still running " + (INTERRUPT_BOUND.toMillis() + 3_000)
                        + " ms after it was stopped (" + stop + ")");
            }
        } finally {
            executor.shutdownNow();
        }
    }

    private static Outcome outcomeOf(AtomicLong stoppedAt, Call call) {
        Throwable failure = null;
        try {
            call.run();
        } catch (Throwable t) {
            failure = t;
        }
        long end = System.nanoTime();
        return new Outcome(failure, Thread.currentThread().isInterrupted(), Duration.ofNanos(end - stoppedAt.get()));
    }

    private void assertStoppedPromptly(String form, Stop stop, Outcome outcome) {
        String transport = getClass().getName().substring(getClass().getName().lastIndexOf('.') + 1);
        System.out.printf("%s %s, %s, %s: stopped after %d ms (Java %d)%n", transport, protocol(),
                form, stop, outcome.sinceStop().toMillis(), Runtime.version().feature());
        assertThat(outcome.failure()).isInstanceOf(ApiInterruptedException.class)
                .hasCauseInstanceOf(InterruptedIOException.class);
        assertThat(outcome.sinceStop()).isLessThan(INTERRUPT_BOUND);
        assertThat(outcome.interruptFlagSet()).as("interrupt flag still set").isTrue();
    }

    /** Lets the held exchange go on: its writes must fail, as the client cancelled it. */
    private void assertServerSawTheExchangeCancelled() throws InterruptedException {
        server.releaseHeld();
        assertThat(eventually(() -> server.cancelledHolds() + server.completedHolds() > 0, Duration.ofSeconds(10)))
                .as("the held exchange ended on the server").isTrue();
        assertThat(server.completedHolds()).as("held exchanges the client left open").isZero();
        assertThat(server.cancelledHolds()).as("held exchanges the client cancelled").isEqualTo(1);
    }

    private long medianJsonMillis(int count) {
        OpenAI quick = client.withTimeout(Duration.ofSeconds(10));
        long[] millis = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            try {
                assertThat(quick.request("GET", "/models", null).status()).isEqualTo(200);
                millis[i] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            } catch (ApiTimeoutException e) {
                millis[i] = 10_000;
            }
        }
        Arrays.sort(millis);
        return millis[count / 2];
    }

    private static boolean eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = from; i <= to; i++) {
            numbers.add(i);
        }
        return numbers;
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (in) {
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
