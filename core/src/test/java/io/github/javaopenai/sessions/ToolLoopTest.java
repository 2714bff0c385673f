package io.github.javaopenai.sessions;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.Messages;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static io.github.javaopenai.sessions.ChatSessionTest.messageReply;
import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static io.github.javaopenai.sessions.ResponsesChatSessionTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ToolLoopException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The tool loop on Chat Completions (tool_calls) and on the Responses API (function_call). */
class ToolLoopTest {

    private static final Map<String, Object> NUMBERS = Map.of("type", "object", "properties",
            Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")));

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

    private static ToolFunction add() {
        return ToolFunction.of("add", "Adds two numbers", NUMBERS,
                args -> args.get("a").asInt() + args.get("b").asInt());
    }

    static String toolCalls(String... calls) {
        return messageReply("{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + String.join(",", calls) + "]}");
    }

    static String call(String id, String name, String arguments) {
        return "{\"id\":\"" + id + "\",\"type\":\"function\",\"function\":{\"name\":\"" + name
                + "\",\"arguments\":" + json("\"" + arguments.replace("\"", "\\\"") + "\"") + "}}";
    }

    @Nested
    class ChatCompletions {

        @Test
        void runsRequestedCallAndSendsResultBackUntilText() throws Exception {
            server.replyJson(200, toolCalls(call("call_1", "add", "{\"a\":2923,\"b\":20839}")))
                    .replyJson(200, textReply("The sum is 23762"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()));

            ChatReply reply = chat.send("What is 2923 + 20839?");

            assertThat(reply.toString()).isEqualTo("The sum is 23762");
            JsonNode first = server.take().json();
            assertThat(first.get("tools")).isEqualTo(json("[{\"type\":\"function\",\"function\":{\"name\":\"add\","
                    + "\"description\":\"Adds two numbers\",\"parameters\":" + json(Json(NUMBERS)) + "}}]"));
            JsonNode messages = server.take().json().get("messages");
            assertThat(messages).hasSize(3);
            assertThat(messages.get(1).at("/tool_calls/0/id").asText()).isEqualTo("call_1");
            assertThat(messages.get(2)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"call_1\",\"content\":\"23762\"}"));
            assertThat(chat.messages()).extracting(m -> m.get("role").asText())
                    .containsExactly("user", "assistant", "tool", "assistant");
            assertThat(chat.usage().inputTokens()).isEqualTo(20);
        }

        record Sum(double a, double b) {
        }

        @Test
        void recordTypedToolGetsAGeneratedSchemaAndParsedArgumentsAndMismatchesBecomeErrors() throws Exception {
            server.replyJson(200, toolCalls(call("call_1", "add", "{\"a\":2,\"b\":3}")))
                    .replyJson(200, toolCalls(call("call_2", "add", "{\"a\":\"two\"}")))
                    .replyJson(200, textReply("5"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(ToolFunction.ofType("add", "Adds two numbers", Sum.class,
                    sum -> sum.a() + sum.b())));

            assertThat(chat.send("2 + 3?")).hasToString("5");

            JsonNode first = server.take().json();
            assertThat(first.at("/tools/0/function/strict").asBoolean()).isTrue();
            assertThat(first.at("/tools/0/function/parameters")).isEqualTo(json(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"},\"b\":{\"type\":\"number\"}},"
                    + "\"required\":[\"a\",\"b\"],\"additionalProperties\":false}"));
            JsonNode second = server.take().json().get("messages");
            assertThat(second.get(2).get("content").asText()).isEqualTo("5.0");
            JsonNode third = server.take().json().get("messages");
            assertThat(third.get(4).get("content").asText()).startsWith("Error: the JSON does not match Sum at \"a\"");
        }

        @Test
        void sessionToolsAndRegisteredFunctionsAreSentTogether() throws Exception {
            server.replyJson(200, textReply("ok"));
            ChatSession chat = client.newChatSession(Map.of("tools", List.of(Map.of("type", "function",
                    "function", Map.of("name", "own")))));
            chat.setToolLoop(ToolLoop.of(add()));
            chat.send("x");
            assertThat(server.take().json().get("tools")).extracting(t -> t.at("/function/name").asText())
                    .containsExactly("own", "add");
        }

        @Test
        void parallelCallsRunConcurrentlyAndResultsKeepTheirOrder() throws Exception {
            CyclicBarrier bothRunning = new CyclicBarrier(2);
            ToolFunction wait = ToolFunction.of("wait", null, Map.of("type", "object"), args -> {
                bothRunning.await(5, TimeUnit.SECONDS); // fails unless the two calls overlap
                return "done " + args.get("n").asInt();
            });
            server.replyJson(200, toolCalls(call("c1", "wait", "{\"n\":1}"), call("c2", "wait", "{\"n\":2}")))
                    .replyJson(200, textReply("both done"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(wait));

            assertThat(chat.send("go").toString()).isEqualTo("both done");
            server.take();
            JsonNode messages = server.take().json().get("messages");
            assertThat(messages.get(2)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"done 1\"}"));
            assertThat(messages.get(3)).isEqualTo(json("{\"role\":\"tool\",\"tool_call_id\":\"c2\",\"content\":\"done 2\"}"));
        }

        @Test
        void stopsAfterMaxRoundsWithAClearException() {
            for (int i = 0; i < 5; i++) {
                server.replyJson(200, toolCalls(call("c" + i, "add", "{\"a\":1,\"b\":1}")));
            }
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()).withMaxRounds(2));
            assertThatThrownBy(() -> chat.send("loop forever"))
                    .isInstanceOf(ToolLoopException.class)
                    .hasMessage("tool loop stopped after 2 rounds: the model still asks for add");
            assertThat(server.received()).isEqualTo(3);
            assertThat(chat.lastMessage().has("tool_calls")).isTrue();
        }

        @Test
        void defaultRoundLimitIsTen() {
            for (int i = 0; i < 12; i++) {
                server.replyJson(200, toolCalls(call("c" + i, "add", "{\"a\":1,\"b\":1}")));
            }
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()));
            assertThatThrownBy(() -> chat.send("x")).hasMessageContaining("after 10 rounds");
            assertThat(server.received()).isEqualTo(11);
        }

        @Test
        void handlerExceptionBecomesAToolResultWithItsText() throws Exception {
            ToolFunction broken = ToolFunction.of("broken", null, Map.of("type", "object"), args -> {
                throw new IllegalStateException("disk full");
            });
            server.replyJson(200, toolCalls(call("c1", "broken", "{}"))).replyJson(200, textReply("sorry"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(broken));
            assertThat(chat.send("x").toString()).isEqualTo("sorry");
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText()).isEqualTo("Error: disk full");
        }

        @Test
        void errorTextIsConfigurable() throws Exception {
            ToolFunction broken = ToolFunction.of("broken", null, Map.of("type", "object"), args -> {
                throw new IllegalStateException("disk full");
            });
            server.replyJson(200, toolCalls(call("c1", "broken", "{}"))).replyJson(200, textReply("ok"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(broken).withErrorText(e -> "{\"failed\":\"" + e.getMessage() + "\"}"));
            chat.send("x");
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText()).isEqualTo("{\"failed\":\"disk full\"}");
        }

        @Test
        void errorsCanEndTheLoop() {
            ToolFunction broken = ToolFunction.of("broken", null, Map.of("type", "object"), args -> {
                throw new IllegalStateException("disk full");
            });
            server.replyJson(200, toolCalls(call("c1", "broken", "{}")));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(broken).withErrorsThrown());
            assertThatThrownBy(() -> chat.send("x")).isInstanceOf(ToolLoopException.class)
                    .hasMessageContaining("disk full").hasCauseInstanceOf(IllegalStateException.class);
            assertThat(server.received()).isEqualTo(1);
        }

        @Test
        void malformedArgumentsBecomeAnErrorResult() throws Exception {
            server.replyJson(200, toolCalls(call("c1", "add", "{not json"))).replyJson(200, textReply("ok"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()));
            chat.send("x");
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText())
                    .startsWith("Error: arguments of tool call \"add\" are not valid JSON");
        }

        @Test
        void approvalHookCanRejectACall() throws Exception {
            AtomicInteger runs = new AtomicInteger();
            ToolFunction delete = ToolFunction.of("delete_all", null, Map.of("type", "object"), args -> {
                runs.incrementAndGet();
                return "deleted";
            });
            List<ToolCall> asked = Collections.synchronizedList(new ArrayList<>());
            server.replyJson(200, toolCalls(call("c1", "delete_all", "{}"))).replyJson(200, textReply("ok, not deleted"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(delete).withApproval(c -> {
                asked.add(c);
                return false;
            }));
            chat.send("clean up");
            assertThat(runs).hasValue(0);
            assertThat(asked).containsExactly(new ToolCall("c1", "delete_all", "{}"));
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText()).isEqualTo("Tool call rejected: delete_all");
        }

        @Test
        void unknownToolEndsTheLoopAndReturnsTheCallsAsLuaDoes() {
            server.replyJson(200, toolCalls(call("c1", "unknown", "{}")));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()));
            ChatReply reply = chat.send("x");
            assertThat(reply.hasCalls()).isTrue();
            assertThat(server.received()).isEqualTo(1);
        }

        @Test
        void legacyFunctionCallsGetAFunctionMessage() throws Exception {
            server.replyJson(200, messageReply("{\"role\":\"assistant\",\"content\":null,\"function_call\":"
                    + "{\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1,\\\"b\\\":2}\"}}")).replyJson(200, textReply("3"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(add()));
            chat.send("x");
            server.take();
            assertThat(server.take().json().at("/messages/2")).isEqualTo(json(
                    "{\"role\":\"function\",\"name\":\"add\",\"content\":\"3\"}"));
        }

        @Test
        void structuredResultsAreSentAsJson() throws Exception {
            ToolFunction weather = ToolFunction.of("weather", null, Map.of("type", "object"),
                    args -> Map.of("temp", 21));
            server.replyJson(200, toolCalls(call("c1", "weather", ""))).replyJson(200, textReply("21 degrees"));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(weather));
            chat.send("weather?");
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText()).isEqualTo("{\"temp\":21}");
        }

        @Test
        void noLoopWithoutAppending() {
            server.replyJson(200, toolCalls(call("c1", "add", "{\"a\":1,\"b\":1}")));
            ChatSession chat = client.newChatSession(Map.of("messages", List.of(Messages.user("x"))));
            chat.setToolLoop(ToolLoop.of(add()));
            assertThat(chat.generateResponse(false).hasCalls()).isTrue();
            assertThat(chat.messages()).hasSize(1);
        }
    }

    @Nested
    class Responses {

        static String functionCall(String id, String callId, String name, String arguments) {
            return "{\"id\":\"" + id + "\",\"output\":[{\"type\":\"function_call\",\"id\":\"fc\",\"call_id\":\"" + callId
                    + "\",\"name\":\"" + name + "\",\"arguments\":" + json("\"" + arguments.replace("\"", "\\\"") + "\"")
                    + "}],\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}";
        }

        @Test
        void runsFunctionCallsAndSendsOutputsChainedToTheResponse() throws Exception {
            server.replyJson(200, functionCall("resp_1", "call_9", "add", "{\"a\":1,\"b\":2}"))
                    .replyJson(200, response("resp_2", "It is 3"));
            ResponsesChatSession session = client.newResponsesChatSession(Map.of("instructions", "math"));
            session.setToolLoop(ToolLoop.of(add()));

            SessionResponse reply = session.send("1+2?");

            assertThat(reply.toString()).isEqualTo("It is 3");
            JsonNode first = server.take().json();
            assertThat(first.at("/tools/0/name").asText()).isEqualTo("add");
            assertThat(first.at("/tools/0/type").asText()).isEqualTo("function");
            JsonNode second = server.take().json();
            assertThat(second.get("previous_response_id").asText()).isEqualTo("resp_1");
            assertThat(second.get("instructions").asText()).isEqualTo("math");
            assertThat(second.get("input")).isEqualTo(json(
                    "[{\"type\":\"function_call_output\",\"call_id\":\"call_9\",\"output\":\"3\"}]"));
            assertThat(session.responseHistory()).hasSize(2);
            assertThat(session.currentResponseId()).isEqualTo("resp_2");
        }

        @Test
        void parallelFunctionCallsRunConcurrently() throws Exception {
            CyclicBarrier bothRunning = new CyclicBarrier(2);
            ToolFunction wait = ToolFunction.of("wait", null, Map.of("type", "object"), args -> {
                bothRunning.await(5, TimeUnit.SECONDS);
                return "ok";
            });
            server.replyJson(200, "{\"id\":\"r1\",\"output\":[{\"type\":\"function_call\",\"call_id\":\"a\",\"name\":\"wait\","
                    + "\"arguments\":\"{}\"},{\"type\":\"function_call\",\"call_id\":\"b\",\"name\":\"wait\",\"arguments\":\"{}\"}]}")
                    .replyJson(200, response("r2", "done"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.setToolLoop(ToolLoop.of(wait));
            session.send("go");
            server.take();
            assertThat(server.take().json().get("input")).extracting(i -> i.get("output").asText() + i.get("call_id").asText())
                    .containsExactly("oka", "okb");
        }

        @Test
        void stopsAfterMaxRounds() {
            for (int i = 0; i < 4; i++) {
                server.replyJson(200, functionCall("r" + i, "c" + i, "add", "{\"a\":1,\"b\":1}"));
            }
            ResponsesChatSession session = client.newResponsesChatSession();
            session.setToolLoop(ToolLoop.of(add()).withMaxRounds(1));
            assertThatThrownBy(() -> session.send("x")).isInstanceOf(ToolLoopException.class)
                    .hasMessageContaining("after 1 rounds");
            assertThat(server.received()).isEqualTo(2);
            assertThat(session.currentResponseId()).isEqualTo("r1");
        }

        @Test
        void handlerErrorBecomesOutput() throws Exception {
            ToolFunction broken = ToolFunction.of("broken", null, Map.of("type", "object"), args -> {
                throw new RuntimeException("nope");
            });
            server.replyJson(200, functionCall("r1", "c1", "broken", "{}")).replyJson(200, response("r2", "ok"));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.setToolLoop(ToolLoop.of(broken));
            session.send("x");
            server.take();
            assertThat(server.take().json().at("/input/0/output").asText()).isEqualTo("Error: nope");
        }

        @Test
        void withoutALoopFunctionCallsAreReturned() throws Exception {
            server.replyJson(200, functionCall("r1", "c1", "add", "{}"));
            SessionResponse response = client.newResponsesChatSession().send("x");
            assertThat(response.functionCalls()).hasSize(1);
            assertThat(server.take().json().has("tools")).isFalse();
        }
    }

    @Nested
    class Declarations {

        @Test
        void rejectsBadNamesAndSchemas() {
            assertThatThrownBy(() -> ToolFunction.of("has space", null, Map.of("type", "object"), a -> null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has space");
            assertThatThrownBy(() -> ToolFunction.of("f", null, List.of(1), a -> null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be a JSON schema object");
            assertThatThrownBy(() -> ToolLoop.of(add(), add()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two tools are named \"add\"");
            assertThatThrownBy(() -> ToolLoop.of(add()).withMaxRounds(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRounds");
        }

        @Test
        void withAddsAFunctionAndKeepsSettings() {
            ToolLoop loop = ToolLoop.of(add()).withMaxRounds(3)
                    .with(ToolFunction.of("sub", null, NUMBERS, a -> 0));
            assertThat(loop.functions()).extracting(ToolFunction::name).containsExactly("add", "sub");
            assertThat(loop.maxRounds()).isEqualTo(3);
        }
    }

    private static String Json(Object value) {
        return io.github.javaopenai.internal.Json.toTree(value, "value").toString();
    }
}
