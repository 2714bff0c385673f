package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.internal.engine.RetryClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retries and timeouts as the client performs them, over a real loopback server. */
class RequesterRetryTest {

    private static final String KEY = "sk-retry-test-key";

    private RecordingServer server;
    private final FakeRetryClock clock = new FakeRetryClock();
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).build().withRetryClock(clock);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private List<String> retryCounts(int requests) throws InterruptedException {
        List<String> counts = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            counts.add(server.take().headers().first("X-Retry-Count").orElse("absent"));
        }
        return counts;
    }

    @Test
    void retriesTwoServiceUnavailableAnswersThenSucceeds() throws Exception {
        server.replyJson(503, "{}").replyJson(503, "{}").replyJson(200, "{\"ok\":true}");
        ApiResponse response = client.models().list();
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("ok").asBoolean()).isTrue();
        assertThat(retryCounts(3)).containsExactly("0", "1", "2");
        assertThat(clock.sleptMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void givesUpAfterTheDefaultTwoRetriesAndReturnsTheLastAnswer() throws Exception {
        for (int i = 0; i < 4; i++) {
            server.replyJson(500, "{\"error\":{\"message\":\"boom " + i + "\"}}");
        }
        ApiResponse response = client.models().list();
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body().at("/error/message").asText()).isEqualTo("boom 2");
        assertThat(server.received()).isEqualTo(3);
    }

    @Test
    void sendsTheSameBodyOnEveryAttempt() throws Exception {
        server.replyJson(429, "{}").replyJson(200, "{}");
        client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"));
        String first = server.take().bodyText();
        String second = server.take().bodyText();
        assertThat(second).isEqualTo(first).contains("\"hi\"");
    }

    @Test
    void honoursRetryAfterOnARateLimit() throws Exception {
        server.reply(new Reply(429, Map.of("Retry-After", "3"), "{}".getBytes()));
        server.reply(new Reply(429, Map.of("retry-after-ms", "20"), "{}".getBytes()));
        assertThat(client.models().list().status()).isEqualTo(200);
        assertThat(clock.sleptMillis()).containsExactly(3000L, 20L);
    }

    @Test
    void neverRetriesAnAnswerMarkedXShouldRetryFalse() {
        server.reply(new Reply(503, Map.of("x-should-retry", "false"), "{}".getBytes()));
        assertThat(client.models().list().status()).isEqualTo(503);
        assertThat(server.received()).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void retriesAnyAnswerMarkedXShouldRetryTrue() {
        server.reply(new Reply(400, Map.of("x-should-retry", "true"), "{}".getBytes()));
        assertThat(client.models().list().status()).isEqualTo(200);
        assertThat(server.received()).isEqualTo(2);
    }

    @Test
    void clientErrorsAreNotRetried() {
        server.replyJson(400, "{}").replyJson(401, "{}").replyJson(404, "{}");
        assertThat(client.models().list().status()).isEqualTo(400);
        assertThat(client.models().list().status()).isEqualTo(401);
        assertThat(client.models().list().status()).isEqualTo(404);
        assertThat(server.received()).isEqualTo(3);
    }

    @Test
    void retryCountIsSetPerClientAndPerRequestSharingTheTransport() {
        OpenAI none = client.withMaxRetries(0);
        OpenAI five = OpenAI.newBuilder().baseUrl(server.baseUrl()).maxRetries(5).build().withRetryClock(clock);
        assertThat(none.transport()).isSameAs(client.transport());
        assertThat(client.maxRetries()).isEqualTo(2);
        server.replyJson(503, "{}");
        assertThat(none.models().list().status()).isEqualTo(503);
        for (int i = 0; i < 5; i++) {
            server.replyJson(503, "{}");
        }
        assertThat(five.models().list().status()).isEqualTo(200);
        assertThat(server.received()).isEqualTo(1 + 6);
    }

    @Test
    void connectionFailureBeforeAResponseIsRetriedThenRaised() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        OpenAI unreachable = OpenAI.newBuilder().apiKey(KEY).baseUrl("http://127.0.0.1:" + port + "/v1").build()
                .withRetryClock(clock);
        assertThatThrownBy(() -> unreachable.models().list())
                .isExactlyInstanceOf(ConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageNotContaining(KEY);
        assertThat(clock.sleptMillis()).containsExactly(500L, 1000L);
    }

    @Test
    void interruptWhileWaitingToRetryStopsAtOnceAndKeepsTheFlag() {
        OpenAI stopping = client.withRetryClock(new RetryClock() {
            @Override
            public Instant now() {
                return Instant.EPOCH;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                throw new InterruptedException();
            }

            @Override
            public double random() {
                return 0;
            }
        });
        server.replyJson(503, "{}");
        try {
            assertThatThrownBy(() -> stopping.models().list())
                    .isInstanceOf(ConnectionException.class)
                    .hasCauseInstanceOf(InterruptedIOException.class)
                    .hasMessageContaining("interrupted while waiting to retry");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
        assertThat(server.received()).isEqualTo(1);
    }

    @Test
    void slowResponseTimesOutPerAttemptAndIsRetried() throws Exception {
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        List<String> attempts = new java.util.concurrent.CopyOnWriteArrayList<>();
        slow.createContext("/", exchange -> {
            attempts.add(exchange.getRequestHeaders().getFirst("X-Retry-Count"));
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        java.util.concurrent.ExecutorService handlers = java.util.concurrent.Executors.newCachedThreadPool();
        slow.setExecutor(handlers);
        slow.start();
        try {
            OpenAI impatient = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + slow.getAddress().getPort())
                    .maxRetries(1).build().withRetryClock(clock).withTimeout(Duration.ofMillis(200));
            assertThatThrownBy(() -> impatient.models().list())
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("timed out");
            assertThat(attempts).containsExactly("0", "1");
        } finally {
            slow.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void bodyThatStallsFailsAfterTheIdleTimeout() throws Exception {
        HttpServer stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stalling.createContext("/", exchange -> {
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
            OpenAI idle = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + stalling.getAddress().getPort())
                    .streamIdleTimeout(Duration.ofMillis(300)).maxRetries(0).build();
            long start = System.nanoTime();
            assertThatThrownBy(() -> idle.models().list())
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("no data received for 300 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
        } finally {
            stalling.stop(0);
        }
    }

    @Test
    void timeoutsAndRetriesAreValidatedAtOnce() {
        assertThatThrownBy(() -> OpenAI.newBuilder().maxRetries(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxRetries must not be negative: -1");
        assertThatThrownBy(() -> client.withTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive: PT0S");
        assertThatThrownBy(() -> client.withStreamIdleTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("streamIdleTimeout must be positive");
        assertThatThrownBy(() -> OpenAI.newBuilder().connectTimeout(null))
                .isInstanceOf(NullPointerException.class).hasMessage("connectTimeout == null");
        assertThatThrownBy(() -> OpenAI.newBuilder().connectTimeout(Duration.ofSeconds(1))
                .transport(client.transport()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout");
    }

    @Test
    void perRequestCopiesKeepTheOriginalUnchanged() {
        OpenAI copy = client.withTimeout(Duration.ofSeconds(5)).withStreamIdleTimeout(Duration.ofSeconds(7));
        assertThat(copy.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(copy.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
        assertThat(client.timeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(client.streamIdleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(copy.toBuilder().build().maxRetries()).isEqualTo(2);
    }
}
