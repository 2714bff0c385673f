package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.transport.JdkHttpTransport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sends a recognizable key through every failure path and scans every exception message,
 * stack trace, {@code toString()} and log line for it.
 */
class KeyNeverLeaksTest {

    private static final String KEY = "sk-LEAKCANARY-7f3a9c1e5b2d4806";

    private RecordingServer server;
    private CapturingLogger log;
    private final List<String> seen = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        log = new CapturingLogger(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        log.close();
        server.close();
    }

    private OpenAI client(String baseUrl) {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(baseUrl).build().withRetryClock(new FakeRetryClock());
    }

    private void fail(Supplier<?> call) {
        Throwable thrown = catchThrowable(call::get);
        assertThat(thrown).as("the call should fail").isNotNull();
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        seen.add(trace.toString());
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            seen.add(t.getMessage() + " " + t);
        }
    }

    @Test
    void noFailurePathShowsTheKey() throws Exception {
        OpenAI client = client(server.baseUrl());
        seen.add(client.toString());
        seen.add(client.settings().toString());
        seen.add(client.requester().request("POST", "/x", null, "application/json", Map.of()).toString());

        // Every error status, through the throwing form.
        for (int status : new int[] {400, 401, 403, 404, 409, 422, 429, 500, 503}) {
            server.replyJson(status, "{\"error\":{\"message\":\"failed " + status + "\",\"code\":\"c\"}}")
                    .replyJson(status, "{}").replyJson(status, "{}");
            fail(() -> client.models().list().orThrow());
        }
        server.reply(Reply.text(502, "<html><body>Bad gateway</body></html>"));
        fail(() -> client.withMaxRetries(0).models().list().orThrow());
        seen.add(client.withMaxRetries(0).models().list().toString());

        // Connection refused, retried and raised.
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        fail(() -> client("http://127.0.0.1:" + port + "/v1").models().list());

        // A request timeout and an idle body.
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        slow.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 10);
            exchange.getResponseBody().write('{');
            exchange.getResponseBody().flush();
            sleep(1500);
            exchange.close();
        });
        slow.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        slow.start();
        try {
            String slowUrl = "http://127.0.0.1:" + slow.getAddress().getPort();
            fail(() -> client(slowUrl).withMaxRetries(0).withStreamIdleTimeout(Duration.ofMillis(200)).models().list());
            assertThat(catchThrowable(() -> client(slowUrl).withMaxRetries(0)
                    .withStreamIdleTimeout(Duration.ofMillis(200)).models().list())).isInstanceOf(ApiTimeoutException.class);
        } finally {
            slow.stop(0);
        }

        // Bad input never reaches the wire, and its message names the value, not the key.
        fail(() -> client.request("GET", "no-slash", null));
        fail(() -> client.response(null));

        // A warning for a remote plain-HTTP host.
        seen.add(client("http://10.9.8.7/v1").toString());

        seen.addAll(log.lines);
        assertThat(log.lines).anyMatch(line -> line.contains("Authorization=<redacted>"));
        assertThat(log.lines).anyMatch(line -> line.startsWith("WARNING"));
        assertThat(seen).hasSizeGreaterThan(30).noneMatch(text -> text.contains(KEY))
                .noneMatch(text -> text.contains("LEAKCANARY"));
        assertThat(server.take().headers().first("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void aKeyPassedAsTheBaseUrlByMistakeIsNeverEchoed() {
        fail(() -> OpenAI.newBuilder().baseUrl(KEY).build());
        fail(() -> OpenAI.newBuilder().apiKey(KEY).baseUrl(KEY).build());
        fail(() -> OpenAI.newBuilder().baseUrl(KEY + " ").build());
        fail(() -> OpenAI.newBuilder().baseUrl("Bearer " + KEY).build());
        fail(() -> OpenAI.newBuilder().apiKey(KEY).baseUrl("http://x/" + KEY + "?a").build());
        assertThat(seen).hasSizeGreaterThan(5).noneMatch(text -> text.contains("LEAKCANARY"))
                .anyMatch(text -> text.contains("value not shown"));
    }

    @Test
    void redirectIsNotFollowedSoTheKeyNeverReachesAnotherHost() throws Exception {
        try (RecordingServer other = new RecordingServer()) {
            String elsewhere = other.baseUrl().replace("127.0.0.1", "localhost") + "/models";
            server.reply(new Reply(307, Map.of("Location", elsewhere), new byte[0]));
            ApiResponse response = client(server.baseUrl()).models().list();
            assertThat(response.status()).isEqualTo(307);
            assertThat(response.headers().first("Location")).hasValue(elsewhere);
            assertThat(other.received()).isZero();
        }
    }

    @Test
    void transportThatFollowsRedirectsIsRefusedBecauseTheJdkForwardsTheKey() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThat(catchThrowable(() -> JdkHttpTransport.of(following)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client follows redirects (NORMAL)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
