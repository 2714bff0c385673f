package io.github.javaopenai;

import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiTimeoutException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The call timeout bounds a whole call: every attempt, the backoffs between them, and the answer. */
class CallTimeoutTest {

    private static final List<Object> HI = List.of(Messages.user("hi"));

    @Nested
    class AcrossRetries {

        private final RecordingServer server = recordingServer();
        private final FakeRetryClock clock = new FakeRetryClock().advancing();

        @AfterEach
        void stop() {
            server.close();
        }

        private OpenAI client(int maxRetries) {
            return OpenAI.newBuilder().baseUrl(server.baseUrl()).maxRetries(maxRetries).build().withRetryClock(clock);
        }

        @Test
        void aBackoffThatWouldPassTheCallTimeoutIsNotWaitedFor() {
            server.reply(new Reply(503, Map.of("Retry-After", "5"), "{}".getBytes()));
            OpenAI client = client(2).withCallTimeout(Duration.ofSeconds(1));
            assertThatThrownBy(() -> client.models().list()).isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("call timeout of 1000 ms")
                    .hasMessageContaining("1 attempt")
                    .hasMessageContaining("status 503");
            assertThat(clock.sleeps).isEmpty();
            assertThat(server.received()).isEqualTo(1);
        }

        @Test
        void retriesStopWhereTheirBackoffsWouldPassTheCallTimeout() {
            for (int i = 0; i < 6; i++) {
                server.replyJson(503, "{}");
            }
            OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl()).maxRetries(5)
                    .callTimeout(Duration.ofSeconds(2)).build().withRetryClock(clock);
            // Waits of 500 and 1000 ms fit in 2 s; the next, 2000 ms, would pass it.
            assertThatThrownBy(() -> client.models().list()).isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("call timeout of 2000 ms")
                    .hasMessageContaining("3 attempts");
            assertThat(clock.sleptMillis()).containsExactly(500L, 1000L);
            assertThat(server.received()).isEqualTo(3);
        }

        @Test
        void withoutACallTimeoutEveryRetryIsMade() {
            for (int i = 0; i < 6; i++) {
                server.replyJson(503, "{}");
            }
            assertThat(client(5).models().list().status()).isEqualTo(503);
            assertThat(server.received()).isEqualTo(6);
        }

        @Test
        void theCallTimeoutMustBePositive() {
            assertThatThrownBy(() -> client(0).withCallTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
            assertThatThrownBy(() -> OpenAI.newBuilder().callTimeout(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
            assertThat(client(0).callTimeout()).isEmpty();
            assertThat(client(0).withCallTimeout(Duration.ofSeconds(3)).callTimeout()).contains(Duration.ofSeconds(3));
        }
    }

    @Nested
    class WithinAnAttempt {

        private final HttpServer server = slowServer();
        private final CountDownLatch release = new CountDownLatch(1);

        @AfterEach
        void stop() {
            release.countDown();
            server.stop(0);
        }

        private OpenAI client(Duration callTimeout) {
            return OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                    .callTimeout(callTimeout).build();
        }

        @Test
        void theAttemptInFlightGetsOnlyTheTimeLeft() {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(Duration.ofMillis(300)).withMaxRetries(3).models().list())
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("call timeout of 300 ms")
                    .hasMessageContaining("1 attempt");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void readingTheWholeAnswerCountsTowardTheCallTimeout() {
            long start = System.nanoTime();
            // The body trickles in, a byte every 100 ms, so the stream idle timeout never fires.
            assertThatThrownBy(() -> client(Duration.ofMillis(500)).withMaxRetries(0).embedding("x"))
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("call timeout of 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        }

        @Test
        void aStreamMayRunPastTheCallTimeoutOnceItsFirstEventArrived() {
            List<JsonNode> events = new ArrayList<>();
            client(Duration.ofMillis(300)).createChatCompletion(HI, Map.of(), events::add);
            assertThat(events).hasSize(8);
        }

        private HttpServer slowServer() {
            try {
                HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                ExecutorService threads = Executors.newCachedThreadPool();
                http.setExecutor(threads);
                http.createContext("/", exchange -> {
                    try (exchange) {
                        exchange.getRequestBody().readAllBytes();
                        String path = exchange.getRequestURI().getPath();
                        if (path.endsWith("/models")) {
                            release.await(10, TimeUnit.SECONDS); // no answer at all
                        } else if (path.endsWith("/embeddings")) {
                            trickle(exchange, "application/json", " ", "{}");
                        } else {
                            trickle(exchange, "text/event-stream", "data: {\"n\":1}\n\n", "data: [DONE]\n\n");
                        }
                    } catch (IOException | InterruptedException e) {
                        // the client left
                    }
                });
                http.start();
                return http;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Sends {@code piece} eight times, 100 ms apart, then {@code end}: 800 ms in all. */
        private void trickle(HttpExchange exchange, String type, String piece, String end)
                throws IOException, InterruptedException {
            exchange.getResponseHeaders().add("Content-Type", type);
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 8; i++) {
                out.write(piece.getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(100);
            }
            out.write(end.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static RecordingServer recordingServer() {
        try {
            return new RecordingServer();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
