package io.github.javaopenai.sessions;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Usage;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.internal.Json;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Many threads on one session: calls are serialized and the history is never corrupted. */
class SessionConcurrencyTest {

    private static final int THREADS = 16;
    private static final int SENDS_PER_THREAD = 5;

    private HttpServer server;
    private OpenAI client;

    /** Answers each chat request with how many messages it carried and the last one's text. */
    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            try (exchange) {
                JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                JsonNode messages = request.get("messages");
                String last = messages.get(messages.size() - 1).get("content").asText();
                var body = Json.object();
                body.putArray("choices").addObject().putObject("message").put("role", "assistant")
                        .put("content", "n=" + messages.size() + " echo:" + last);
                body.putObject("usage").put("prompt_tokens", 1).put("completion_tokens", 1);
                byte[] bytes = Json.toBytes(body);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        server.start();
        client = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1").build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    @Test
    void manyThreadsSendingToOneChatSessionKeepEachPairTogether() throws Exception {
        ChatSession chat = client.newChatSession();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<String>>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    go.await();
                    List<String> replies = new ArrayList<>();
                    for (int i = 0; i < SENDS_PER_THREAD; i++) {
                        String text = "t" + thread + "-" + i;
                        String reply = chat.send(text).toString();
                        assertThat(reply).endsWith(" echo:" + text);
                        replies.add(reply);
                        assertThat(chat.messages().size()).isEven(); // readers see whole pairs only
                    }
                    return replies;
                }));
            }
            go.countDown();
            for (Future<List<String>> future : futures) {
                assertThat(future.get(60, TimeUnit.SECONDS)).hasSize(SENDS_PER_THREAD);
            }
        } finally {
            pool.shutdownNow();
        }

        List<JsonNode> history = chat.messages();
        int pairs = THREADS * SENDS_PER_THREAD;
        assertThat(history).hasSize(2 * pairs);
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < pairs; k++) {
            JsonNode user = history.get(2 * k);
            JsonNode assistant = history.get(2 * k + 1);
            assertThat(user.get("role").asText()).isEqualTo("user");
            assertThat(assistant.get("content").asText())
                    .isEqualTo("n=" + (2 * k + 1) + " echo:" + user.get("content").asText());
            seen.add(user.get("content").asText());
        }
        assertThat(seen).hasSize(pairs);
        assertThat(chat.usage()).isEqualTo(new Usage(pairs, pairs, 0, 0));
    }

    @Test
    void manyThreadsOnOneResponsesSessionKeepTheChainLinear() throws Exception {
        // each reply's id is the previous id plus one, so a broken chain shows as a repeated id
        HttpServer responses = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        responses.createContext("/", exchange -> {
            try (exchange) {
                JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
                int previous = request.has("previous_response_id")
                        ? Integer.parseInt(request.get("previous_response_id").asText().substring(2)) : 0;
                byte[] bytes = ("{\"id\":\"r_" + (previous + 1) + "\",\"output\":[]}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, bytes.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        });
        responses.start();
        try {
            OpenAI c = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + responses.getAddress().getPort()).build();
            ResponsesChatSession session = c.newResponsesChatSession();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        session.send("x");
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            assertThat(session.currentResponseId()).isEqualTo("r_40");
            assertThat(session.responseHistory()).extracting(SessionResponse::id).doesNotHaveDuplicates().hasSize(40);
        } finally {
            responses.stop(0);
        }
    }
}
