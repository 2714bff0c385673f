package io.github.javaopenai.sessions;

import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.SessionException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md A7, F77-89, G90-98, G100-102 and H103-121: ChatSession without streaming. */
class ChatSessionTest {

    static final String USAGE = "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5}";

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

    static String textReply(String content) {
        return "{\"id\":\"c1\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
                + content + "\",\"refusal\":null,\"annotations\":[]},\"finish_reason\":\"stop\"}]," + USAGE + "}";
    }

    static String messageReply(String message) {
        return "{\"choices\":[{\"index\":0,\"message\":" + message + ",\"finish_reason\":\"tool_calls\"}]," + USAGE + "}";
    }

    static final String TOOL_CALL = "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"id\":\"call_1\","
            + "\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1,\\\"b\\\":2}\"}}]}";

    private static Map<String, Object> seeded(Object... messages) {
        return Map.of("messages", List.of(messages));
    }

    @Nested
    class ConstructionAndHistory {

        @Test
        @DisplayName("A7: newChatSession and newChatCompletionsSession both return a session bound to the client")
        void bothFactoriesReturnABoundSession() throws Exception {
            server.replyJson(200, textReply("a")).replyJson(200, textReply("b"));
            assertThat(client.newChatSession().send("x").text()).isEqualTo("a");
            assertThat(client.newChatCompletionsSession(Map.of()).send("y").text()).isEqualTo("b");
            assertThat(server.take().path()).isEqualTo("/v1/chat/completions");
        }

        @Test
        @DisplayName("F77: options.messages seeds the history in order")
        void messagesSeedTheHistoryInOrder() {
            ChatSession chat = client.newChatSession(seeded(Messages.system("sys"), Messages.user("hi")));
            assertThat(chat.messages()).containsExactly(json("{\"role\":\"system\",\"content\":\"sys\"}"),
                    json("{\"role\":\"user\",\"content\":\"hi\"}"));
        }

        @Test
        @DisplayName("F77: an invalid seeded message raises")
        void invalidSeededMessageRaises() {
            assertThatThrownBy(() -> client.newChatSession(seeded(Messages.user("ok"), Map.of("role", "developer"))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("messages[1].role").hasMessageContaining("developer");
        }

        @Test
        @DisplayName("F78: a function with name, description and parameters is accepted and sent")
        void validFunctionsAreAcceptedAndSent() throws Exception {
            Map<String, Object> add = Map.of("name", "add", "description", "Adds",
                    "parameters", Map.of("type", "object"));
            server.replyJson(200, textReply("ok"));
            client.newChatSession(Map.of("functions", List.of(add, Map.of("name", "now")))).send("hi");
            assertThat(server.take().json().get("functions")).isEqualTo(json(
                    "[{\"name\":\"add\",\"description\":\"Adds\",\"parameters\":{\"type\":\"object\"}},{\"name\":\"now\"}]"));
        }

        @Test
        @DisplayName("F78: any other key on a function raises with extra fields")
        void extraFunctionKeyRaises() {
            assertThatThrownBy(() -> client.newChatSession(Map.of("functions",
                    List.of(Map.of("name", "add", "strict", true)))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("functions[0]").hasMessageContaining("extra fields: \"strict\"");
        }

        @Test
        @DisplayName("F78: a function without a name, or with a bad description or parameters, raises")
        void functionWithoutNameRaises() {
            assertThatThrownBy(() -> client.newChatSession(Map.of("functions", List.of(Map.of("description", "x")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field \"name\"");
            assertThatThrownBy(() -> client.newChatSession(Map.of("functions", List.of(Map.of("name", "a", "description", 3)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field \"description\"");
            assertThatThrownBy(() -> client.newChatSession(Map.of("functions", List.of(Map.of("name", "a", "parameters", "x")))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("field \"parameters\"");
        }

        @Test
        @DisplayName("F79: tools are stored without validation and sent unchanged")
        void toolsAreSentUnchanged() throws Exception {
            List<Object> tools = List.of(Map.of("type", "anything", "odd", List.of(1, 2)));
            server.replyJson(200, textReply("ok"));
            client.newChatSession(Map.of("tools", tools)).send("hi");
            assertThat(server.take().json().get("tools")).isEqualTo(json("[{\"type\":\"anything\",\"odd\":[1,2]}]"));
        }

        @Test
        @DisplayName("F80: the history mirrors exactly what was sent and received")
        void historyMirrorsTheExchange() throws Exception {
            server.replyJson(200, textReply("Hello!"));
            ChatSession chat = client.newChatSession(seeded(Messages.system("sys")));
            chat.send("Hi");
            assertThat(server.take().json().get("messages")).isEqualTo(json(
                    "[{\"role\":\"system\",\"content\":\"sys\"},{\"role\":\"user\",\"content\":\"Hi\"}]"));
            assertThat(chat.messages()).hasSize(3);
            assertThat(chat.messages().get(2)).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"Hello!\"}"));
        }

        @Test
        @DisplayName("F81: appendMessage validates and appends in order, stopping at the first invalid one")
        void appendMessageStopsAtFirstInvalid() {
            ChatSession chat = client.newChatSession();
            chat.appendMessage(Messages.user("a"), Messages.assistant("b"));
            assertThatThrownBy(() -> chat.appendMessage(Messages.user("c"), Map.of("role", "user", "content", 5),
                    Messages.user("never")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("more[0].content");
            assertThat(chat.messages()).extracting(m -> m.get("content").asText()).containsExactly("a", "b", "c");
            assertThat(server.received()).isZero();
        }

        @Test
        @DisplayName("F82: lastMessage returns the last entry, or null when the history is empty")
        void lastMessageOrNull() {
            ChatSession chat = client.newChatSession();
            assertThat(chat.lastMessage()).isNull();
            chat.appendMessage(Messages.user("a"), Messages.user("z"));
            assertThat(chat.lastMessage().get("content").asText()).isEqualTo("z");
        }

        @Test
        @DisplayName("F83-89: the session applies the chat message schema (accepted and rejected shapes)")
        void sessionAppliesTheMessageSchema() {
            ChatSession chat = client.newChatSession();
            chat.appendMessage(json("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},"
                    + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\"}}]}"));
            chat.appendMessage(json("{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":\"1\"}"));
            chat.appendMessage(json("{\"role\":\"function\",\"name\":\"f\",\"content\":null}"));
            chat.appendMessage(json("{\"role\":\"user\",\"content\":\"x\",\"extra\":{\"kept\":true}}"));
            assertThat(chat.lastMessage().at("/extra/kept").asBoolean()).isTrue();
            for (String bad : List.of(
                    "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"x\",\"cache_control\":{}}]}",
                    "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}",
                    "{\"role\":\"function\",\"content\":\"x\"}",
                    "{\"role\":\"tool\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}],\"tool_call_id\":\"c\"}",
                    "{\"role\":\"developer\",\"content\":\"x\"}", "\"just text\"", "{\"role\":\"user\",\"content\":1}")) {
                assertThatThrownBy(() -> chat.appendMessage(json(bad))).as(bad).isInstanceOf(IllegalArgumentException.class);
            }
            assertThat(chat.messages()).hasSize(4);
        }
    }

    @Nested
    class Requests {

        @Test
        @DisplayName("G90: send(text) wraps a string as a user message")
        void sendWrapsStringAsUserMessage() throws Exception {
            server.replyJson(200, textReply("ok"));
            client.newChatSession().send("text");
            assertThat(server.take().json().get("messages")).isEqualTo(json("[{\"role\":\"user\",\"content\":\"text\"}]"));
        }

        @Test
        @DisplayName("G91: send(message) appends the object as given, function and tool messages included")
        void sendAppendsObjectsAsGiven() throws Exception {
            server.replyJson(200, textReply("ok")).replyJson(200, textReply("ok"));
            ChatSession chat = client.newChatSession();
            chat.send(Messages.function("add", "3"));
            chat.send(Map.of("role", "user", "content", "x", "name", "John"));
            assertThat(chat.messages().get(0)).isEqualTo(json("{\"role\":\"function\",\"name\":\"add\",\"content\":\"3\"}"));
            assertThat(chat.messages().get(2).get("name").asText()).isEqualTo("John");
        }

        @Test
        @DisplayName("G92, H121: the sent message stays in history when the request fails; no reply is added")
        void sentMessageStaysWhenRequestFails() {
            server.replyJson(500, "{\"error\":{\"message\":\"down\"}}");
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("hello")).isInstanceOf(ApiException.class);
            assertThat(chat.messages()).containsExactly(json("{\"role\":\"user\",\"content\":\"hello\"}"));
        }

        @Test
        @DisplayName("G93-94 (Java decision): every session option is sent, max_tokens included")
        void everySessionOptionIsSent() throws Exception {
            server.replyJson(200, textReply("ok"));
            client.newChatSession(Map.of("model", "gpt-x", "temperature", 0.2, "tool_choice", "auto",
                    "parallel_tool_calls", false, "response_format", Map.of("type", "json_object"), "max_tokens", 99,
                    "function_call", "auto")).send("hi");
            JsonNode body = server.take().json();
            assertThat(body.get("model").asText()).isEqualTo("gpt-x");
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.2);
            assertThat(body.get("max_tokens").asInt()).isEqualTo(99);
            assertThat(body.get("tool_choice").asText()).isEqualTo("auto");
            assertThat(body.get("parallel_tool_calls").asBoolean()).isFalse();
            assertThat(body.at("/response_format/type").asText()).isEqualTo("json_object");
            assertThat(body.get("function_call").asText()).isEqualTo("auto");
        }

        @Test
        @DisplayName("G95: a session with only temperature sends model (client default), messages and temperature")
        void sessionWithoutModelUsesClientDefault() throws Exception {
            server.replyJson(200, textReply("ok"));
            client.newChatSession(Map.of("temperature", 0.75)).send("hi");
            JsonNode body = server.take().json();
            assertThat(RecordingServer.names(body)).containsExactlyInAnyOrder("model", "messages", "temperature");
            assertThat(body.get("model").asText()).isEqualTo(Providers.openAi().defaultModel());
            assertThat(body.get("temperature").asDouble()).isEqualTo(0.75);
        }

        @Test
        @DisplayName("G96-97: per-request options override the session for one request and may add unknown keys")
        void perRequestOptionsOverrideOnce() throws Exception {
            server.replyJson(200, textReply("a")).replyJson(200, textReply("b"));
            ChatSession chat = client.newChatSession(Map.of("model", "m1", "temperature", 0.5));
            chat.send("one", Map.of("model", "m2", "allowed_tools", List.of("x")));
            chat.generateResponse(true, new HashMap<>(Map.of()));
            JsonNode first = server.take().json();
            JsonNode second = server.take().json();
            assertThat(first.get("model").asText()).isEqualTo("m2");
            assertThat(first.get("allowed_tools")).isEqualTo(json("[\"x\"]"));
            assertThat(second.get("model").asText()).isEqualTo("m1");
            assertThat(second.has("allowed_tools")).isFalse();
        }

        @Test
        @DisplayName("G96: a null per-request value removes a session option for that request")
        void nullOverrideRemovesOption() throws Exception {
            server.replyJson(200, textReply("a"));
            Map<String, Object> overrides = new HashMap<>();
            overrides.put("temperature", null);
            client.newChatSession(Map.of("temperature", 0.5)).send("one", overrides);
            assertThat(server.take().json().has("temperature")).isFalse();
        }

        @Test
        @DisplayName("G98, G100: no stream_callback and no stream key go on the wire without a callback")
        void streamCallbackIsNeverSent() throws Exception {
            server.replyJson(200, textReply("a"));
            client.newChatSession().send("one", Map.of("stream_callback", "ignored"));
            JsonNode body = server.take().json();
            assertThat(body.has("stream_callback")).isFalse();
            assertThat(body.has("stream")).isFalse();
        }

        @Test
        @DisplayName("G101: generateResponse appends by default; generateResponse(false) does not")
        void generateResponseAppendsUnlessFalse() throws Exception {
            server.replyJson(200, textReply("kept")).replyJson(200, textReply("not kept"));
            ChatSession chat = client.newChatSession(seeded(Messages.user("q")));
            assertThat(chat.generateResponse().text()).isEqualTo("kept");
            assertThat(chat.messages()).hasSize(2);
            assertThat(chat.generateResponse(false).text()).isEqualTo("not kept");
            assertThat(chat.messages()).hasSize(2);
        }

        @Test
        @DisplayName("G102: the whole history is sent on every request, in order")
        void wholeHistoryIsSentEveryTime() throws Exception {
            server.replyJson(200, textReply("r1")).replyJson(200, textReply("r2"));
            ChatSession chat = client.newChatSession(seeded(Messages.system("s")));
            chat.send("q1");
            chat.send("q2");
            server.take();
            assertThat(server.take().json().get("messages")).extracting(m -> m.get("content").asText())
                    .containsExactly("s", "q1", "r1", "q2");
        }
    }

    @Nested
    class Results {

        @Test
        @DisplayName("H103: a plain text reply returns its content; toString is the text")
        void textReplyReturnsContent() {
            server.replyJson(200, textReply("Blue"));
            ChatReply reply = client.newChatSession().send("color?");
            assertThat(reply.toString()).isEqualTo("Blue");
            assertThat(reply.content()).isEqualTo("Blue");
            assertThat(reply.hasCalls()).isFalse();
            assertThat(reply.usage()).isEqualTo(new Usage(10, 5, 0, 0));
            assertThat(reply.finishReason()).isEqualTo("stop");
            assertThat(reply.body().get("id").asText()).isEqualTo("c1");
        }

        @Test
        @DisplayName("H104: an empty-string content returns the empty string, not the message")
        void emptyContentReturnsEmptyString() {
            server.replyJson(200, textReply(""));
            ChatReply reply = client.newChatSession().send("x");
            assertThat(reply.toString()).isEmpty();
            assertThat(reply.content()).isEmpty();
            assertThat(reply.hasCalls()).isFalse();
        }

        @Test
        @DisplayName("H105: a text reply is appended as {role, content} only; refusal and annotations are dropped")
        void textReplyHistoryDropsExtras() {
            server.replyJson(200, textReply("hi"));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("x");
            assertThat(reply.message().has("annotations")).isTrue();
            assertThat(chat.lastMessage()).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"hi\"}"));
        }

        @Test
        @DisplayName("H106: a function_call reply returns the whole original message, content null included")
        void functionCallReplyReturnsMessage() {
            String message = "{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"add\",\"arguments\":\"{}\"},\"refusal\":null}";
            server.replyJson(200, messageReply(message));
            ChatReply reply = client.newChatSession().send("x");
            assertThat(reply.message()).isEqualTo(json(message));
            assertThat(reply.hasCalls()).isTrue();
            assertThat(reply.functionCall().get("name").asText()).isEqualTo("add");
            assertThat(reply.toString()).isEmpty();
        }

        @Test
        @DisplayName("H107: a tool_calls reply returns the whole original message")
        void toolCallsReplyReturnsMessage() {
            server.replyJson(200, messageReply(TOOL_CALL));
            ChatReply reply = client.newChatSession().send("x");
            assertThat(reply.message()).isEqualTo(json(TOOL_CALL));
            assertThat(reply.toolCalls()).hasSize(1);
            assertThat(reply.toolCalls().get(0).at("/function/name").asText()).isEqualTo("add");
        }

        @Test
        @DisplayName("H108: text content with tool_calls still returns the message")
        void textAndCallsReturnMessage() {
            server.replyJson(200, messageReply("{\"role\":\"assistant\",\"content\":\"Adding\",\"tool_calls\":[]}"));
            ChatReply reply = client.newChatSession().send("x");
            assertThat(reply.message().has("tool_calls")).isTrue();
            assertThat(reply.content()).isEqualTo("Adding");
        }

        @Test
        @DisplayName("H109: a call reply keeps content null as JSON null, and absent when the reply had none")
        void callReplyHistoryKeepsNullOrAbsentContent() {
            server.replyJson(200, messageReply(TOOL_CALL)).replyJson(200, messageReply(
                    "{\"role\":\"assistant\",\"function_call\":{\"name\":\"f\",\"arguments\":\"{}\"}}"));
            ChatSession chat = client.newChatSession();
            chat.send("x");
            assertThat(chat.lastMessage().has("content")).isTrue();
            assertThat(chat.lastMessage().get("content").isNull()).isTrue();
            chat.send("y");
            assertThat(RecordingServer.names(chat.lastMessage())).containsExactly("role", "function_call");
        }

        @Test
        @DisplayName("H110: after a tool call, the follow-up carries the assistant tool_calls and the tool message")
        void followUpAfterToolCall() throws Exception {
            server.replyJson(200, messageReply(TOOL_CALL)).replyJson(200, textReply("It is 3"));
            ChatSession chat = client.newChatSession();
            chat.send("1+2?");
            ChatReply reply = chat.send(Messages.tool("call_1", "3"));
            assertThat(reply.toString()).isEqualTo("It is 3");
            server.take();
            JsonNode messages = server.take().json().get("messages");
            assertThat(messages.get(1)).isEqualTo(json(TOOL_CALL));
            assertThat(messages.get(2)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"3\"}"));
        }

        @Test
        @DisplayName("H111: after a function call, the follow-up carries the function_call and the function message")
        void followUpAfterFunctionCall() throws Exception {
            String call = "{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"add\",\"arguments\":\"{}\"}}";
            server.replyJson(200, messageReply(call)).replyJson(200, textReply("Sum is 3"));
            ChatSession chat = client.newChatSession();
            chat.send("1+2?");
            assertThat(chat.send(Messages.function("add", "3")).toString()).isEqualTo("Sum is 3");
            server.take();
            JsonNode messages = server.take().json().get("messages");
            assertThat(messages.get(1)).isEqualTo(json(call));
            assertThat(messages.get(2).get("role").asText()).isEqualTo("function");
        }

        @Test
        @DisplayName("H112: with several choices, the first is used")
        void firstChoiceIsUsed() {
            server.replyJson(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"first\"}},"
                    + "{\"message\":{\"role\":\"assistant\",\"content\":\"second\"}}]," + USAGE + "}");
            assertThat(client.newChatSession().send("x").toString()).isEqualTo("first");
        }

        @Test
        @DisplayName("H113: any status other than 200 fails with Bad status: N and the raw body")
        void non200IsBadStatus() {
            server.replyJson(201, "{\"ok\":true}");
            assertThatThrownBy(() -> client.newChatSession().send("x"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e).hasMessage("Bad status: 201");
                        assertThat(e.status()).isEqualTo(201);
                        assertThat(e.body()).isEqualTo(json("{\"ok\":true}"));
                    });
        }

        @Test
        @DisplayName("An error status keeps lua-openai's text and carries the typed ApiException as the cause")
        void errorStatusRaisesTheTypedExceptionForIt() {
            server.replyJson(429, "{\"error\":{\"message\":\"Slow down\",\"code\":\"rate_limit_exceeded\"}}");
            assertThatThrownBy(() -> client.withMaxRetries(0).newChatSession().send("x"))
                    .hasMessage("Bad status: 429: Slow down (rate_limit_exceeded)")
                    .isInstanceOfSatisfying(io.github.javaopenai.errors.RateLimitException.class, e ->
                            assertThat(e.code()).isEqualTo("rate_limit_exceeded"));
        }

        @Test
        @DisplayName("H114-115: error.message and a string error.code go into the text")
        void errorMessageAndCode() {
            server.replyJson(400, "{\"error\":{\"message\":\"Bad input\"}}")
                    .replyJson(400, "{\"error\":{\"message\":\"Too long\",\"code\":\"context_length_exceeded\"}}");
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("x")).hasMessage("Bad status: 400: Bad input");
            assertThatThrownBy(() -> chat.send("x")).hasMessage("Bad status: 400: Too long (context_length_exceeded)");
        }

        @Test
        @DisplayName("H116: a null code is left out; a code without a message gives plain Bad status")
        void nullCodeOrMissingMessage() {
            server.replyJson(400, "{\"error\":{\"message\":\"Bad\",\"code\":null}}")
                    .replyJson(429, "{\"error\":{\"code\":\"rate_limited\"}}");
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("x")).hasMessage("Bad status: 400: Bad");
            assertThatThrownBy(() -> chat.send("x")).hasMessage("Bad status: 429");
        }

        @Test
        @DisplayName("H117: a non-JSON failure body is kept as the raw string")
        void nonJsonFailureBodyIsRaw() {
            server.reply(Reply.text(502, "<html>Bad Gateway</html>"));
            assertThatThrownBy(() -> client.newChatSession().send("x"))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e).hasMessage("Bad status: 502");
                        assertThat(e.body().textValue()).isEqualTo("<html>Bad Gateway</html>");
                    });
        }

        @Test
        @DisplayName("H118: a 200 body without choices fails to parse, naming the field")
        void missingChoicesFailsToParse() {
            server.replyJson(200, "{" + USAGE + "}");
            assertThatThrownBy(() -> client.newChatSession().send("x"))
                    .isInstanceOfSatisfying(SessionException.class, e -> {
                        assertThat(e).hasMessage("Failed to parse response from server: field \"choices\": "
                                + "expected an array, got nothing");
                        assertThat(e.status()).isEqualTo(200);
                        assertThat(e.rawBody().has("usage")).isTrue();
                    });
        }

        @Test
        @DisplayName("H119: a 200 body without usage fails to parse")
        void missingUsageFailsToParse() {
            server.replyJson(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}]}");
            assertThatThrownBy(() -> client.newChatSession().send("x"))
                    .hasMessageStartingWith("Failed to parse response from server: field \"usage\": ");
        }

        @Test
        @DisplayName("H120: null content with no refusal, tool or function call fails to parse (a refusal is a reply)")
        void nullContentWithoutRefusalOrCallsFailsToParse() {
            server.replyJson(200, messageReply("{\"role\":\"assistant\",\"content\":null,\"refusal\":null}"));
            assertThatThrownBy(() -> client.newChatSession().send("x"))
                    .hasMessage("Failed to parse response from server: field \"choices[0].message\": expected string"
                            + " content, a refusal, a function_call with string name and arguments, or tool_calls");
        }

        @Test
        @DisplayName("H121: nothing is appended when the response fails to parse")
        void nothingAppendedOnParseFailure() {
            server.replyJson(200, "{}");
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("x")).isInstanceOf(SessionException.class);
            assertThat(chat.messages()).hasSize(1);
            assertThat(chat.usage()).isEqualTo(Usage.ZERO);
        }

        @Test
        void usageAddsUpOverRequests() {
            server.replyJson(200, textReply("a")).replyJson(200, textReply("b"));
            ChatSession chat = client.newChatSession();
            chat.send("1");
            chat.send("2");
            assertThat(chat.usage()).isEqualTo(new Usage(20, 10, 0, 0));
        }

        @Test
        void exceptionMessagesNeverContainTheApiKey() {
            server.replyJson(401, "{\"error\":{\"message\":\"Incorrect API key provided\",\"code\":\"invalid_api_key\"}}");
            List<Throwable> thrown = new ArrayList<>();
            try {
                client.newChatSession().send("x");
            } catch (ApiException e) {
                thrown.add(e);
            }
            assertThat(thrown).singleElement().satisfies(e -> assertThat(e.getMessage()).doesNotContain("sk-test"));
        }
    }

    @Test
    void requestsGoToChatCompletions() throws Exception {
        server.replyJson(200, textReply("a"));
        client.newChatSession().send("x");
        Recorded recorded = server.take();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
    }
}
