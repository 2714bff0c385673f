package io.github.javaopenai.sessions;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Window policies: what part of the history is sent, never orphaning a tool result. */
class WindowPolicyTest {

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A history with two tool rounds, a legacy function round and plain turns. */
    static List<JsonNode> history() {
        return List.of(
                json("{\"role\":\"system\",\"content\":\"sys\"}"),
                json("{\"role\":\"user\",\"content\":\"u1\"}"),
                json("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"a\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}},"
                        + "{\"id\":\"b\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}"),
                json("{\"role\":\"tool\",\"tool_call_id\":\"a\",\"content\":\"1\"}"),
                json("{\"role\":\"tool\",\"tool_call_id\":\"b\",\"content\":\"2\"}"),
                json("{\"role\":\"assistant\",\"content\":\"r1\"}"),
                json("{\"role\":\"user\",\"content\":\"u2\"}"),
                json("{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"g\",\"arguments\":\"{}\"}}"),
                json("{\"role\":\"function\",\"name\":\"g\",\"content\":\"3\"}"),
                json("{\"role\":\"assistant\",\"content\":\"r2\"}"),
                json("{\"role\":\"user\",\"content\":\"u3\"}"));
    }

    /** Fails when a tool or function result is sent without the assistant message that asked for it. */
    static void assertNoOrphans(List<JsonNode> sent) {
        Set<String> ids = new HashSet<>();
        Set<String> functions = new HashSet<>();
        for (JsonNode message : sent) {
            switch (message.get("role").asText()) {
                case "assistant" -> {
                    message.path("tool_calls").forEach(c -> ids.add(c.get("id").asText()));
                    if (message.has("function_call")) {
                        functions.add(message.at("/function_call/name").asText());
                    }
                }
                case "tool" -> assertThat(ids).as("call of %s is sent", message).contains(message.get("tool_call_id").asText());
                case "function" -> assertThat(functions).as("call of %s is sent", message).contains(message.get("name").asText());
                default -> { }
            }
        }
    }

    @Test
    void lastMessagesKeepsTheSystemMessageAndTheNewest() {
        List<JsonNode> sent = Windows.apply(WindowPolicy.lastMessages(3), history());
        assertThat(sent).extracting(m -> m.get("role").asText()).containsExactly("system", "assistant", "user");
        assertThat(sent.get(1).get("content").asText()).isEqualTo("r2");
    }

    @Test
    void cutInsideAToolRoundDropsTheOrphanedResults() {
        // the last 7 non-system messages start with tool "a": its assistant message is cut off
        List<JsonNode> sent = Windows.apply(WindowPolicy.lastMessages(7), history());
        assertThat(sent).extracting(m -> m.get("role").asText())
                .containsExactly("system", "assistant", "user", "assistant", "function", "assistant", "user");
        assertNoOrphans(sent);
    }

    @Test
    void noWindowSizeOrBudgetEverOrphansAToolResult() {
        List<JsonNode> history = history();
        for (int count = 1; count <= history.size(); count++) {
            assertNoOrphans(Windows.apply(WindowPolicy.lastMessages(count), history));
        }
        for (int budget = 1; budget <= 200; budget += 3) {
            List<JsonNode> sent = Windows.apply(WindowPolicy.tokenBudget(budget, TokenEstimator.approximate()), history);
            assertNoOrphans(sent);
            assertThat(sent.get(0).get("role").asText()).isEqualTo("system");
            assertThat(sent.get(sent.size() - 1)).isEqualTo(history.get(history.size() - 1));
        }
    }

    @Test
    void tokenBudgetUsesTheEstimatorAndAlwaysKeepsTheNewestMessage() {
        TokenEstimator ten = message -> 10;
        assertThat(Windows.apply(WindowPolicy.tokenBudget(30, ten), history()))
                .extracting(m -> m.path("content").asText()).containsExactly("sys", "r2", "u3");
        assertThat(Windows.apply(WindowPolicy.tokenBudget(1, ten), history()))
                .extracting(m -> m.path("content").asText()).containsExactly("sys", "u3");
    }

    @Test
    void allSendsTheHistoryUnchanged() {
        List<JsonNode> orphan = List.of(json("{\"role\":\"tool\",\"tool_call_id\":\"x\",\"content\":\"1\"}"));
        assertThat(Windows.apply(WindowPolicy.all(), orphan)).isEqualTo(orphan);
    }

    @Test
    void customPoliciesAreMadeSafeToo() {
        WindowPolicy onlyTools = h -> h.stream().filter(m -> m.get("role").asText().equals("tool")).toList();
        assertThat(Windows.apply(onlyTools, history())).isEmpty();
        assertThatThrownBy(() -> Windows.apply(h -> null, history())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("null");
    }

    @Test
    void rejectsNonsenseSizes() {
        assertThatThrownBy(() -> WindowPolicy.lastMessages(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
        assertThatThrownBy(() -> WindowPolicy.tokenBudget(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTokens");
    }

    @Test
    void sessionSendsTheWindowButKeepsTheFullHistory() throws Exception {
        ChatSession chat = client.newChatSession(Map.of("messages", new ArrayList<>(history())));
        chat.setWindowPolicy(WindowPolicy.lastMessages(2));
        server.replyJson(200, textReply("r3"));
        chat.send("u4");
        JsonNode sent = server.take().json().get("messages");
        assertThat(sent).extracting(m -> m.path("content").asText()).containsExactly("sys", "u3", "u4");
        assertThat(chat.messages()).hasSize(history().size() + 2);
    }
}
