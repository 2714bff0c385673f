package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.NotFoundException;
import io.github.javaopenai.internal.engine.RetryClock;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The async calls of {@code client.async()} over a real loopback server. */
class AsyncCallsTest {

    private static final String KEY = "sk-async-test-key";
    private static final List<?> HELLO = List.of(Messages.user("hello"));

    /** A clock that fails any wait: the async path must never put a thread to sleep. */
    private static final RetryClock NEVER_SLEEPS = new RetryClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) {
            throw new AssertionError("a thread slept " + duration.toMillis() + " ms waiting to retry");
        }

        @Override
        public double random() {
            return 0;
        }
    };

    private RecordingServer server;
    private ExecutorService userExecutor;
    private final AtomicInteger userTasks = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        server = new RecordingServer();
        userExecutor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "user-async-" + userTasks.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private OpenAI client(int maxRetries) {
        return TestClients.withRetryClock(OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl())
                .maxRetries(maxRetries).asyncExecutor(userExecutor).build(), NEVER_SLEEPS);
    }

    @Test
    void chatCompletionCompletesWithTheAnswerOnTheUsersExecutor() throws Exception {
        server.replyJson(200, "{\"id\":\"chatcmpl-1\"}");
        CompletableFuture<String> thread = client(0).async().createChatCompletion(HELLO, Map.of("model", "m"))
                .thenApply(response -> {
                    assertThat(response.status()).isEqualTo(200);
                    assertThat(response.body().get("id").asText()).isEqualTo("chatcmpl-1");
                    return Thread.currentThread().getName();
                });
        assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("user-async-");
        RecordingServer.Recorded request = server.take();
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.json().get("model").asText()).isEqualTo("m");
        assertThat(request.headers().first("Authorization")).contains("Bearer " + KEY);
    }

    @Test
    void retriesATooManyRequestsAnswerOnTheSchedulerWithoutSleeping() throws Exception {
        server.reply(new RecordingServer.Reply(429, Map.of("Content-Type", "application/json", "retry-after-ms", "50"),
                "{}".getBytes())).replyJson(200, "{\"ok\":true}");
        ApiResponse response = client(2).async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS);
        assertThat(response.status()).isEqualTo(200);
        assertThat(server.take().headers().first("X-Retry-Count")).contains("0");
        assertThat(server.take().headers().first("X-Retry-Count")).contains("1");
    }

    @Test
    void anErrorStatusCompletesWithTheAnswerWhoseOrThrowGivesTheTypedException() throws Exception {
        server.replyJson(404, "{\"error\":{\"message\":\"no such model\",\"type\":\"invalid_request_error\"}}");
        CompletableFuture<ApiResponse> future = client(2).async().createChatCompletion(HELLO)
                .thenApply(ApiResponse::orThrow);
        assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NotFoundException.class).hasMessageContaining("no such model");
        assertThat(server.received()).isEqualTo(1);
    }

    @Test
    void aRefusedConnectionFailsWithConnectionExceptionAfterTheRetries() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        OpenAI nowhere = OpenAI.newBuilder().apiKey(KEY).baseUrl("http://127.0.0.1:" + closedPort + "/v1")
                .maxRetries(0).asyncExecutor(userExecutor).build();
        assertThatThrownBy(() -> nowhere.async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isExactlyInstanceOf(ConnectionException.class);
    }

    @Test
    void aBlockingOnlyTransportIsAdaptedBySendAsyncsDefault() throws Exception {
        server.replyJson(200, "{\"ok\":true}");
        JdkHttpTransport jdk = JdkHttpTransport.create();
        List<String> sendingThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Transport blockingOnly = request -> {
            sendingThreads.add(Thread.currentThread().getName());
            return jdk.send(request);
        };
        try {
            OpenAI client = OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).transport(blockingOnly)
                    .maxRetries(0).asyncExecutor(userExecutor).build();
            ApiResponse response = client.async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS);
            assertThat(response.body().get("ok").asBoolean()).isTrue();
            assertThat(sendingThreads).singleElement().asString().startsWith("java-openai-blocking-send-");
        } finally {
            jdk.close();
        }
    }

    @Test
    void twoHundredCallsInFlightAddNoThreadPerCall() throws Exception {
        int calls = 200;
        ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();
        HttpServer holding = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), calls);
        AtomicInteger arrived = new AtomicInteger();
        holding.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            arrived.incrementAndGet();
            // Answered later from one thread: the server holds no thread per call either.
            replies.schedule(() -> {
                try (exchange) {
                    byte[] body = "{\"ok\":true}".getBytes();
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                } catch (IOException e) {
                    // the client went away; the assertions below say so
                }
            }, 1500, TimeUnit.MILLISECONDS);
        });
        holding.start();
        try {
            OpenAI client = OpenAI.newBuilder().apiKey(KEY).baseUrl(base(holding)).maxRetries(0)
                    .asyncExecutor(userExecutor).build();
            client.async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS); // warm up: the client's own threads
            int before = Thread.activeCount();
            List<CompletableFuture<ApiResponse>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < calls; i++) {
                futures.add(client.async().createChatCompletion(HELLO));
            }
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (arrived.get() < calls + 1 && System.nanoTime() < end) {
                Thread.sleep(10);
            }
            assertThat(arrived.get()).as("calls the server holds at once").isEqualTo(calls + 1);
            assertThat(futures).noneMatch(CompletableFuture::isDone);
            assertThat(Thread.activeCount() - before).as("threads added for %d calls in flight", calls)
                    .isLessThan(10);
            for (CompletableFuture<ApiResponse> future : futures) {
                assertThat(future.get(10, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            holding.stop(0);
            replies.shutdownNow();
        }
    }

    @Test
    void theModelsAreaSendsItsCallsAsync() throws Exception {
        server.replyJson(200, "{\"id\":\"gpt-x\"}");
        ApiResponse response = client(0).async().models().get("gpt-x").get(5, TimeUnit.SECONDS);
        assertThat(response.body().get("id").asText()).isEqualTo("gpt-x");
        RecordingServer.Recorded request = server.take();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.path()).isEqualTo("/v1/models/gpt-x");
        assertThatThrownBy(() -> client(0).async().models().delete(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("model is required");
    }

    @Test
    void invalidMessagesAreRefusedBeforeAnythingIsSent() {
        assertThatThrownBy(() -> client(0).async().createChatCompletion(List.of(Map.of("role", "wizard", "content", "hi"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("messages[0]");
        assertThat(server.received()).isZero();
    }

    @Test
    void theCallTimeoutFailsAHeldCallWithApiTimeoutException() throws Exception {
        HttpServer holding = holdingServer(new CountDownLatch(1), new CountDownLatch(1));
        try {
            OpenAI impatient = OpenAI.newBuilder().apiKey(KEY).baseUrl(base(holding)).maxRetries(0)
                    .callTimeout(Duration.ofMillis(300)).asyncExecutor(userExecutor).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> impatient.async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ApiTimeoutException.class).hasMessageContaining("call timeout of 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        } finally {
            holding.stop(0);
        }
    }

    @Test
    void aBodyThatStallsPastTheStreamIdleTimeoutFailsWithApiTimeoutException() throws Exception {
        HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stalling.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 100);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"partial\":".getBytes());
            out.flush();
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.start();
        try {
            OpenAI idle = OpenAI.newBuilder().apiKey(KEY).baseUrl(base(stalling)).maxRetries(0)
                    .streamIdleTimeout(Duration.ofMillis(300)).asyncExecutor(userExecutor).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> idle.async().createChatCompletion(HELLO).get(5, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ApiTimeoutException.class).hasMessageContaining("no data received for 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        } finally {
            stalling.stop(0);
        }
    }

    @Test
    void cancellingTheFutureAbortsTheExchangeTheServerSeesIt() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        CountDownLatch aborted = new CountDownLatch(1);
        HttpServer holding = holdingServer(arrived, aborted);
        try {
            OpenAI client = OpenAI.newBuilder().apiKey(KEY).baseUrl(base(holding)).maxRetries(0)
                    .asyncExecutor(userExecutor).build();
            CompletableFuture<ApiResponse> future = client.async().createChatCompletion(HELLO);
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(future.cancel(true)).isTrue();
            assertThat(aborted.await(5, TimeUnit.SECONDS)).as("the server saw the connection close").isTrue();
        } finally {
            holding.stop(0);
        }
    }

    /**
     * A server that starts a JSON answer and then trickles a space every 50 ms, never finishing,
     * counting down {@code aborted} once a write fails because the client went away.
     */
    private static HttpServer holdingServer(CountDownLatch arrived, CountDownLatch aborted) throws IOException {
        HttpServer holding = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        holding.setExecutor(Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "holding-server");
            thread.setDaemon(true);
            return thread;
        }));
        holding.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            arrived.countDown();
            OutputStream out = exchange.getResponseBody();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // bounded: gives up after 10 s
            try {
                while (System.nanoTime() < end) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                aborted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        holding.start();
        return holding;
    }

    private static String base(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }
}
