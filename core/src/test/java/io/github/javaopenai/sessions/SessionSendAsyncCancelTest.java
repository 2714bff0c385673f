package io.github.javaopenai.sessions;

import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static io.github.javaopenai.sessions.ResponsesChatSessionTest.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.OpenAI;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a session's {@code sendAsync} future aborts the request in flight: the server sees the
 * exchange go, and the session's next call gets its turn.
 */
class SessionSendAsyncCancelTest {

    private HttpServer server;
    private OpenAI client;
    private final AtomicInteger requests = new AtomicInteger();
    private final Semaphore arrived = new Semaphore(0);
    private final CountDownLatch aborted = new CountDownLatch(1);
    private volatile String answer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        client = OpenAI.newBuilder().apiKey("sk-test").maxRetries(0)
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1").build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void cancellingAChatSendAbortsItsRequestAndFreesTheTurn() throws Exception {
        ChatSession chat = client.newChatSession(Map.of("model", "m"));
        CompletableFuture<ChatReply> held = chat.sendAsync("Hold on");
        assertThat(arrived.tryAcquire(5, TimeUnit.SECONDS)).as("the request arrives").isTrue();

        held.cancel(true);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).as("the server sees the exchange aborted").isTrue();
        answer = textReply("Blue");
        assertThat(chat.sendAsync("Color?").get(5, TimeUnit.SECONDS).toString()).isEqualTo("Blue");
        assertThat(chat.messages()).extracting(m -> m.get("content").asText())
                .containsExactly("Hold on", "Color?", "Blue");
    }

    @Test
    void cancellingAResponsesSendAbortsItsRequest() throws Exception {
        ResponsesChatSession session = client.newResponsesChatSession(Map.of("model", "m"));
        CompletableFuture<SessionResponse> held = session.sendAsync("Hold on");
        assertThat(arrived.tryAcquire(5, TimeUnit.SECONDS)).as("the request arrives").isTrue();

        held.cancel(true);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).as("the server sees the exchange aborted").isTrue();
        answer = response("resp_2", "Blue");
        assertThat(session.sendAsync("Color?").get(5, TimeUnit.SECONDS).outputText()).isEqualTo("Blue");
    }

    @Test
    void aCallCancelledBeforeItsTurnIsNeverSent() throws Exception {
        ChatSession chat = client.newChatSession(Map.of("model", "m"));
        CompletableFuture<ChatReply> first = chat.sendAsync("Hold on");
        CompletableFuture<ChatReply> second = chat.sendAsync("Never sent");
        assertThat(arrived.tryAcquire(5, TimeUnit.SECONDS)).isTrue();

        second.cancel(true);
        first.cancel(true);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).isTrue();
        answer = textReply("Blue");
        chat.sendAsync("Color?").get(5, TimeUnit.SECONDS);
        assertThat(requests.get()).as("the held call and the last one only").isEqualTo(2);
        assertThat(chat.messages()).extracting(m -> m.get("content").asText())
                .containsExactly("Hold on", "Color?", "Blue");
    }

    /**
     * Answers with {@link #answer} once it is set; before that, holds the answer open, sending a
     * space (leading whitespace a JSON reader skips) every 50 ms so that a write fails once the
     * client has aborted the exchange.
     */
    private void handle(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        requests.incrementAndGet();
        String reply = answer;
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (reply != null) {
            byte[] body = reply.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
            return;
        }
        arrived.release();
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < 200; i++) { // bounded: 10 s at most
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
    }
}
