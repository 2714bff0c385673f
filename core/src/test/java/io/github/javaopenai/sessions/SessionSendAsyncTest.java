package io.github.javaopenai.sessions;

import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static io.github.javaopenai.sessions.ResponsesChatSessionTest.response;
import static io.github.javaopenai.sessions.ToolLoopTest.call;
import static io.github.javaopenai.sessions.ToolLoopTest.toolCalls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.NotFoundException;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code sendAsync} on both session kinds: the history, order, tool rounds and failures of {@code send}. */
class SessionSendAsyncTest {

    private RecordingServer server;
    private ExecutorService userExecutor;
    private OpenAI client;

    @BeforeEach
    void start() throws IOException {
        server = new RecordingServer();
        AtomicInteger count = new AtomicInteger();
        userExecutor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "user-async-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl()).maxRetries(0)
                .asyncExecutor(userExecutor).build();
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private static ToolFunction add(List<String> threads) {
        return ToolFunction.of("add", "Adds two numbers", Map.of("type", "object"), args -> {
            threads.add(Thread.currentThread().getName());
            return args.get("a").asInt() + args.get("b").asInt();
        });
    }

    @Test
    void aReplyIsAppendedToTheHistory() throws Exception {
        server.replyJson(200, textReply("Blue"));
        ChatSession chat = client.newChatSession(Map.of("model", "m"));

        ChatReply reply = chat.sendAsync("Favorite color?").get(5, TimeUnit.SECONDS);

        assertThat(reply.toString()).isEqualTo("Blue");
        assertThat(chat.messages()).extracting(m -> m.get("role").asText()).containsExactly("user", "assistant");
        assertThat(chat.lastMessage().get("content").asText()).isEqualTo("Blue");
        assertThat(chat.usage().totalTokens()).isPositive();
        JsonNode sent = server.take().json();
        assertThat(sent.get("model").asText()).isEqualTo("m");
        assertThat(sent.at("/messages/0/content").asText()).isEqualTo("Favorite color?");
    }

    @Test
    void twoCallsInARowKeepTheirOrder() throws Exception {
        server.replyJson(200, textReply("one")).replyJson(200, textReply("two"));
        ChatSession chat = client.newChatSession();

        CompletableFuture<ChatReply> first = chat.sendAsync("1");
        CompletableFuture<ChatReply> second = chat.sendAsync("2");

        assertThat(second.get(5, TimeUnit.SECONDS).toString()).isEqualTo("two");
        assertThat(first.get(5, TimeUnit.SECONDS).toString()).isEqualTo("one");
        assertThat(server.take().json().get("messages")).hasSize(1);
        // The second request carries the first exchange: it went out after the first reply arrived.
        assertThat(server.take().json().get("messages")).extracting(m -> m.get("content").asText())
                .containsExactly("1", "one", "2");
        assertThat(chat.messages()).extracting(m -> m.get("content").asText()).containsExactly("1", "one", "2", "two");
    }

    @Test
    void aToolRoundRunsTheFunctionOnTheAsyncExecutor() throws Exception {
        server.replyJson(200, toolCalls(call("call_1", "add", "{\"a\":2,\"b\":3}")))
                .replyJson(200, textReply("It is 5"));
        List<String> threads = new CopyOnWriteArrayList<>();
        ChatSession chat = client.newChatSession();
        chat.setToolLoop(ToolLoop.of(add(threads)));

        assertThat(chat.sendAsync("2+3?").get(5, TimeUnit.SECONDS).toString()).isEqualTo("It is 5");

        assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("user-async-"));
        server.take();
        JsonNode second = server.take().json().get("messages");
        assertThat(second.get(2).get("role").asText()).isEqualTo("tool");
        assertThat(second.get(2).get("content").asText()).isEqualTo("5");
        assertThat(chat.messages()).extracting(m -> m.get("role").asText())
                .containsExactly("user", "assistant", "tool", "assistant");
    }

    @Test
    void anErrorStatusFailsWithTheApiExceptionAndKeepsTheMessageOnly() throws Exception {
        server.replyJson(404, "{\"error\":{\"message\":\"no such model\",\"type\":\"invalid_request_error\"}}");
        ChatSession chat = client.newChatSession();

        CompletableFuture<ChatReply> reply = chat.sendAsync("hello");

        assertThatThrownBy(() -> reply.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(NotFoundException.class).hasMessageContaining("no such model");
        assertThat(chat.messages()).extracting(m -> m.get("role").asText()).containsExactly("user");
        // The session is usable afterwards, as after a failed send.
        server.replyJson(200, textReply("hi"));
        assertThat(chat.sendAsync("again").get(5, TimeUnit.SECONDS).toString()).isEqualTo("hi");
    }

    @Test
    void invalidMessagesAndStreamingAreRefusedAtOnceWithNothingSent() {
        ChatSession chat = client.newChatSession();
        assertThatThrownBy(() -> chat.sendAsync(Map.of("content", "no role")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> chat.sendAsync("x", Map.of("stream", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
        assertThat(chat.messages()).isEmpty();
        assertThat(server.received()).isZero();
    }

    @Test
    void noThreadWaitsForTheReplyAndABlockingSendWaitsItsTurn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<JsonNode> received = new CopyOnWriteArrayList<>();
        HttpServer held = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        held.setExecutor(Executors.newCachedThreadPool());
        held.createContext("/", exchange -> {
            try (exchange) {
                received.add(Json.MAPPER.readTree(exchange.getRequestBody()));
                int n = received.size();
                if (!release.await(10, TimeUnit.SECONDS)) {
                    return;
                }
                byte[] body = textReply("r" + n).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        held.start();
        try {
            OpenAI heldClient = OpenAI.newBuilder().apiKey("sk-test").maxRetries(0).asyncExecutor(userExecutor)
                    .baseUrl("http://127.0.0.1:" + held.getAddress().getPort() + "/v1").build();
            ChatSession chat = heldClient.newChatSession();

            CompletableFuture<ChatReply> pending = chat.sendAsync("first");
            assertThat(pending).isNotDone();
            CompletableFuture<ChatReply> blocking = CompletableFuture.supplyAsync(() -> chat.send("second"));
            Thread.sleep(300);
            assertThat(received).hasSize(1);
            assertThat(blocking).isNotDone();

            release.countDown();
            assertThat(pending.get(5, TimeUnit.SECONDS).toString()).isEqualTo("r1");
            assertThat(blocking.get(5, TimeUnit.SECONDS).toString()).isEqualTo("r2");
            assertThat(received.get(1).get("messages")).extracting(m -> m.get("content").asText())
                    .containsExactly("first", "r1", "second");
        } finally {
            release.countDown();
            held.stop(0);
        }
    }

    @Test
    void aResponsesSessionChainsItsAsyncResponses() throws Exception {
        server.replyJson(200, response("resp_1", "Hello")).replyJson(200, response("resp_2", "Again"));
        ResponsesChatSession session = client.newResponsesChatSession(Map.of("instructions", "be brief"));

        CompletableFuture<SessionResponse> first = session.sendAsync("hi");
        CompletableFuture<SessionResponse> second = session.sendAsync("more");

        assertThat(first.get(5, TimeUnit.SECONDS).toString()).isEqualTo("Hello");
        assertThat(second.get(5, TimeUnit.SECONDS).toString()).isEqualTo("Again");
        assertThat(server.take().json().has("previous_response_id")).isFalse();
        JsonNode next = server.take().json();
        assertThat(next.get("previous_response_id").asText()).isEqualTo("resp_1");
        assertThat(next.get("instructions").asText()).isEqualTo("be brief");
        assertThat(session.currentResponseId()).isEqualTo("resp_2");
        assertThat(session.responseHistory()).hasSize(2);
    }

    @Test
    void aResponsesSessionRunsAToolRound() throws Exception {
        server.replyJson(200, ToolLoopTest.Responses.functionCall("resp_1", "call_9", "add", "{\"a\":1,\"b\":2}"))
                .replyJson(200, response("resp_2", "It is 3"));
        List<String> threads = new CopyOnWriteArrayList<>();
        ResponsesChatSession session = client.newResponsesChatSession();
        session.setToolLoop(ToolLoop.of(add(threads)));

        assertThat(session.sendAsync("1+2?").get(5, TimeUnit.SECONDS).toString()).isEqualTo("It is 3");

        assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("user-async-"));
        server.take();
        JsonNode second = server.take().json();
        assertThat(second.get("previous_response_id").asText()).isEqualTo("resp_1");
        assertThat(second.at("/input/0/output").asText()).isEqualTo("3");
    }

    @Test
    void aResponsesErrorStatusLeavesTheIdAndHistoryUnchanged() throws Exception {
        server.replyJson(500, "{\"error\":{\"message\":\"boom\"}}");
        ResponsesChatSession session = client.newResponsesChatSession();

        assertThatThrownBy(() -> session.sendAsync("hi").get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiException.class);
        assertThat(session.currentResponseId()).isNull();
        assertThat(session.responseHistory()).isEmpty();
    }
}
