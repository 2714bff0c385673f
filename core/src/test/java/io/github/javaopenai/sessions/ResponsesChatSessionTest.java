package io.github.javaopenai.sessions;

import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.Usage;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.SessionException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/lua-parity.md A8 and J135-157: ResponsesChatSession without streaming. */
class ResponsesChatSessionTest {

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

    static String response(String id, String text) {
        return "{\"id\":\"" + id + "\",\"object\":\"response\",\"model\":\"gpt-4.1\",\"status\":\"completed\","
                + "\"created_at\":1700000000,\"output\":[{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
                + "[{\"type\":\"output_text\",\"text\":\"" + text + "\",\"annotations\":[]}]}],"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2}}";
    }

    @Nested
    class Chaining {

        @Test
        @DisplayName("A8, J135: a new session starts with no id and an empty history, or the seeded id")
        void newSessionState() {
            ResponsesChatSession fresh = client.newResponsesChatSession();
            assertThat(fresh.currentResponseId()).isNull();
            assertThat(fresh.responseHistory()).isEmpty();
            assertThat(client.newResponsesChatSession(Map.of("previous_response_id", "resp_0")).currentResponseId())
                    .isEqualTo("resp_0");
        }

        @Test
        @DisplayName("J136-137: the first send has no previous_response_id; later ones carry the last id")
        void chainsPreviousResponseId() throws Exception {
            server.replyJson(200, response("resp_1", "a")).replyJson(200, response("resp_2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("one");
            session.send("two");
            assertThat(server.take().json().has("previous_response_id")).isFalse();
            assertThat(server.take().json().get("previous_response_id").asText()).isEqualTo("resp_1");
            assertThat(session.currentResponseId()).isEqualTo("resp_2");
        }

        @Test
        @DisplayName("J136: a seeded id is sent with the first request (resuming)")
        void seededIdIsSent() throws Exception {
            server.replyJson(200, response("resp_9", "a"));
            client.newResponsesChatSession(Map.of("previous_response_id", "resp_8")).send("go on");
            assertThat(server.take().json().get("previous_response_id").asText()).isEqualTo("resp_8");
        }

        @Test
        @DisplayName("J138: each response is appended in order and the returned object is the stored one")
        void historyHoldsTheReturnedObjects() {
            server.replyJson(200, response("resp_1", "a")).replyJson(200, response("resp_2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession();
            SessionResponse first = session.send("one");
            SessionResponse second = session.send("two");
            assertThat(session.responseHistory()).containsExactly(first, second);
            assertThat(session.responseHistory().get(0)).isSameAs(first);
        }
    }

    @Nested
    class Requests {

        @Test
        @DisplayName("J139: the model is the session's, else the client default")
        void modelFromSessionOrDefault() throws Exception {
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"));
            client.newResponsesChatSession(Map.of("model", "gpt-5")).send("x");
            client.newResponsesChatSession().send("x");
            assertThat(server.take().json().get("model").asText()).isEqualTo("gpt-5");
            assertThat(server.take().json().get("model").asText()).isEqualTo(Providers.openAi().defaultModel());
        }

        @Test
        @DisplayName("J140-141, Java decision: every session option goes with every request, as in ChatSession")
        void everySessionOptionGoesWithEveryRequest() throws Exception {
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession(Map.of("instructions", "Be brief",
                    "tools", List.of(Map.of("type", "web_search")), "temperature", 0.3,
                    "max_output_tokens", 50, "previous_response_id", "resp_0"));
            session.send("x");
            session.send("y");
            for (int i = 0; i < 2; i++) {
                JsonNode body = server.take().json();
                assertThat(body.get("instructions").asText()).isEqualTo("Be brief");
                assertThat(body.get("tools")).isEqualTo(json("[{\"type\":\"web_search\"}]"));
                assertThat(body.get("temperature").asDouble()).isEqualTo(0.3);
                assertThat(body.get("max_output_tokens").asInt()).isEqualTo(50);
                assertThat(body.get("previous_response_id").asText()).isEqualTo(i == 0 ? "resp_0" : "r1");
            }
        }

        @Test
        @DisplayName("J142: per-request options are sent and override model, instructions and previous_response_id")
        void perRequestOptionsOverride() throws Exception {
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession(Map.of("model", "m", "instructions", "i"));
            session.send("x");
            session.createResponse("y", Map.of("tool_choice", "none", "model", "m2", "instructions", "i2",
                    "previous_response_id", "other"));
            server.take();
            JsonNode body = server.take().json();
            assertThat(body.get("tool_choice").asText()).isEqualTo("none");
            assertThat(body.get("model").asText()).isEqualTo("m2");
            assertThat(body.get("instructions").asText()).isEqualTo("i2");
            assertThat(body.get("previous_response_id").asText()).isEqualTo("other");
        }

        @Test
        @DisplayName("J142: a null per-request previous_response_id starts a new chain")
        void nullPreviousIdRemovesIt() throws Exception {
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("x");
            Map<String, Object> options = new HashMap<>();
            options.put("previous_response_id", null);
            session.createResponse("y", options);
            server.take();
            assertThat(server.take().json().has("previous_response_id")).isFalse();
        }

        @Test
        @DisplayName("J143-145: a string, role messages with input parts, and function_call_output items are sent unchanged")
        void acceptedInputsAreSentUnchanged() throws Exception {
            String messages = "[{\"role\":\"system\",\"content\":\"s\"},{\"role\":\"user\",\"content\":["
                    + "{\"type\":\"input_text\",\"text\":\"look\"},"
                    + "{\"type\":\"input_image\",\"image_url\":\"https://x/y.png\"},"
                    + "{\"type\":\"input_file\",\"file_id\":\"file_1\"},"
                    + "{\"type\":\"input_file\",\"file_url\":\"https://x/a.pdf\"},"
                    + "{\"type\":\"input_file\",\"file_data\":\"data:...\",\"filename\":\"a.pdf\"}]},"
                    + "{\"role\":\"assistant\",\"content\":\"ok\"}]";
            String outputs = "[{\"type\":\"function_call_output\",\"call_id\":\"call_1\",\"output\":\"42\"}]";
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"))
                    .replyJson(200, response("r3", "c"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("plain");
            session.send(json(messages));
            session.send(json(outputs));
            assertThat(server.take().json().get("input").asText()).isEqualTo("plain");
            assertThat(server.take().json().get("input")).isEqualTo(json(messages));
            assertThat(server.take().json().get("input")).isEqualTo(json(outputs));
        }

        @Test
        @DisplayName("J146: a null input raises input must be provided")
        void nullInputRaises() {
            assertThatThrownBy(() -> client.newResponsesChatSession().send(null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
            assertThat(server.received()).isZero();
        }

        @ParameterizedTest
        @DisplayName("J147: an input matching no accepted shape raises and nothing is sent")
        @ValueSource(strings = {
            "[{\"role\":\"developer\",\"content\":\"x\"}]",
            "[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"file_1\"}]}]",
            "[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":42}]",
            "42",
            "[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\"}]}]",
            "[{\"role\":\"user\",\"content\":5}]",
            "[\"text\"]"})
        void invalidInputRaises(String input) {
            assertThatThrownBy(() -> client.newResponsesChatSession().send(json(input)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
            assertThat(server.received()).isZero();
        }

        @Test
        void requestsGoToResponses() throws Exception {
            server.replyJson(200, response("r1", "a"));
            client.newResponsesChatSession().send("x");
            assertThat(server.take().path()).isEqualTo("/v1/responses");
        }
    }

    @Nested
    class Results {

        @Test
        @DisplayName("J148: a non-200 status fails with Request failed with status: N, without the API error text")
        void non200Fails() {
            server.replyJson(429, "{\"error\":{\"message\":\"slow down\"}}");
            ResponsesChatSession session = client.newResponsesChatSession();
            assertThatThrownBy(() -> session.send("x")).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e).hasMessage("Request failed with status: 429");
                assertThat(e.status()).isEqualTo(429);
                assertThat(e.body().at("/error/message").asText()).isEqualTo("slow down");
            });
            assertThat(session.currentResponseId()).isNull();
        }

        @Test
        @DisplayName("J149, J152: the response exposes id, output, object, model, usage and status; toString is the text")
        void responseExposesItsFields() {
            server.replyJson(200, response("resp_1", "Hello"));
            SessionResponse r = client.newResponsesChatSession().send("x");
            assertThat(r.id()).isEqualTo("resp_1");
            assertThat(r.output().isArray()).isTrue();
            assertThat(r.object()).isEqualTo("response");
            assertThat(r.model()).isEqualTo("gpt-4.1");
            assertThat(r.status()).isEqualTo("completed");
            assertThat(r.usage()).isEqualTo(new Usage(3, 2, 0, 0));
            assertThat(r.toString()).isEqualTo("Hello").isEqualTo(r.outputText());
        }

        @Test
        @DisplayName("J150: a function_call item is exposed with type, name, arguments and call_id")
        void functionCallItemIsExposed() {
            server.replyJson(200, "{\"id\":\"r\",\"output\":[{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\","
                    + "\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1}\"}]}");
            JsonNode call = client.newResponsesChatSession().send("x").functionCalls().get(0);
            assertThat(call.get("type").asText()).isEqualTo("function_call");
            assertThat(call.get("name").asText()).isEqualTo("add");
            assertThat(call.get("arguments").asText()).isEqualTo("{\"a\":1}");
            assertThat(call.get("call_id").asText()).isEqualTo("call_1");
        }

        @Test
        @DisplayName("J151: outputText concatenates output_text parts of all message items, or is empty")
        void outputTextConcatenates() {
            server.replyJson(200, "{\"id\":\"r\",\"output\":[{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"a\"},"
                    + "{\"type\":\"refusal\",\"refusal\":\"no\"},{\"type\":\"output_text\",\"text\":\"b\"}]},"
                    + "{\"type\":\"reasoning\",\"summary\":[]},{\"type\":\"message\",\"content\":[{\"type\":\"output_text\",\"text\":\"c\"}]}]}")
                    .replyJson(200, "{\"id\":\"r2\",\"output\":[]}");
            ResponsesChatSession session = client.newResponsesChatSession();
            assertThat(session.send("x").outputText()).isEqualTo("abc");
            assertThat(session.send("y").outputText()).isEmpty();
        }

        @Test
        @DisplayName("J153: images returns b64_json for each image_generation_call with a result")
        void imagesFromImageGenerationCalls() {
            server.replyJson(200, "{\"id\":\"r\",\"output\":[{\"type\":\"image_generation_call\",\"result\":\"AAAA\"},"
                    + "{\"type\":\"image_generation_call\",\"status\":\"failed\"}]}").replyJson(200, response("r2", "x"));
            ResponsesChatSession session = client.newResponsesChatSession();
            assertThat(session.send("draw").images()).containsExactly(json("{\"b64_json\":\"AAAA\"}"));
            assertThat(session.send("text").images()).isEmpty();
        }

        @Test
        @DisplayName("J154-155 (Java decisions): every output item type and every field of the response is kept")
        void keepsEveryItemAndField() {
            server.replyJson(200, "{\"id\":\"r\",\"created_at\":1,\"instructions\":\"i\",\"metadata\":{\"k\":\"v\"},"
                    + "\"output\":[{\"type\":\"reasoning\"},{\"type\":\"web_search_call\"},{\"type\":\"message\",\"content\":"
                    + "[{\"type\":\"refusal\",\"refusal\":\"no\"}]}]}");
            SessionResponse r = client.newResponsesChatSession().send("x");
            assertThat(r.output()).hasSize(3);
            assertThat(r.get("created_at").asInt()).isEqualTo(1);
            assertThat(r.get("metadata").get("k").asText()).isEqualTo("v");
        }

        @Test
        @DisplayName("J156-157: a non-JSON 200 body fails to parse and changes neither the id nor the history")
        void nonJsonBodyFailsToParse() {
            server.replyJson(200, response("resp_1", "a")).reply(Reply.text(200, "not json"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("x");
            assertThatThrownBy(() -> session.send("y")).isInstanceOfSatisfying(SessionException.class, e -> {
                assertThat(e).hasMessage("Failed to parse response: expected a JSON object, got string");
                assertThat(e.rawBody().asText()).isEqualTo("not json");
            });
            assertThat(session.currentResponseId()).isEqualTo("resp_1");
            assertThat(session.responseHistory()).hasSize(1);
        }

        @Test
        @DisplayName("J156: a JSON body without an id fails to parse")
        void bodyWithoutIdFailsToParse() {
            server.replyJson(200, "{\"output\":[]}");
            assertThatThrownBy(() -> client.newResponsesChatSession().send("x"))
                    .hasMessage("Failed to parse response: field \"id\": expected a string, got nothing");
        }

        @Test
        void usageAddsUp() {
            server.replyJson(200, response("r1", "a")).replyJson(200, response("r2", "b"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("x");
            session.send("y");
            assertThat(session.usage()).isEqualTo(new Usage(6, 4, 0, 0));
        }

        @Test
        void createResponseWithStreamTrueButNoCallbackPointsToTheCallbackForm() {
            assertThatThrownBy(() -> client.newResponsesChatSession().createResponse("x", Map.of("stream", true)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onChunk");
            assertThat(server.received()).isZero();
        }
    }
}
