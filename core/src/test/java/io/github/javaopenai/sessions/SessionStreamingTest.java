package io.github.javaopenai.sessions;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static io.github.javaopenai.sessions.ChatSessionTest.textReply;
import static io.github.javaopenai.sessions.ResponsesChatSessionTest.response;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.SessionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md G99-101, I122-134, J148 and J158-164: both sessions streaming. */
class SessionStreamingTest {

    private RecordingServer server;
    private OpenAI client;
    private final List<String> chunks = new ArrayList<>();
    private final List<JsonNode> raws = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void collect(ChatChunk chunk, JsonNode raw) {
        chunks.add(chunk.toString());
        raws.add(raw);
    }

    static String sse(String... events) {
        StringBuilder body = new StringBuilder();
        for (String event : events) {
            body.append("data: ").append(event).append("\n\n");
        }
        return body.append("data: [DONE]\n\n").toString();
    }

    static String delta(String content) {
        return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + content + "\"}}]}";
    }

    static String toolDelta(int index, String id, String name, String arguments) {
        return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":" + index
                + (id == null ? "" : ",\"id\":\"" + id + "\",\"type\":\"function\"") + ",\"function\":{"
                + (name == null ? "" : "\"name\":\"" + name + "\",") + "\"arguments\":" + json("\"" + arguments.replace("\"", "\\\"") + "\"")
                + "}}]}}]}";
    }

    static final String FINISH = "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}";

    @Nested
    class Chat {

        @Test
        @DisplayName("An error inside a streamed reply raises and leaves only the sent message in history")
        void errorInsideTheStreamRaisesAndAppendsNoReply() throws Exception {
            server.reply(Reply.sse(sse(delta("Par"), "{\"error\":{\"message\":\"overloaded\",\"code\":\"server_error\"}}")));
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("hi", SessionStreamingTest.this::collect))
                    .isInstanceOf(SessionException.class)
                    .hasMessage("Stream error: overloaded (server_error)");
            assertThat(chat.messages()).extracting(m -> m.get("role").asText()).containsExactly("user");
        }

        @Test
        @DisplayName("Streaming asks for usage (stream_options.include_usage) and counts it, unless the user set stream_options")
        void streamingAsksForUsageUnlessTheUserSetStreamOptions() throws Exception {
            String usage = "{\"object\":\"chat.completion.chunk\",\"choices\":[],"
                    + "\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}";
            server.reply(Reply.sse(sse(delta("Hi"), FINISH, usage)));
            server.reply(Reply.sse(sse(delta("Hi"), FINISH)));
            ChatSession chat = client.newChatSession();
            chat.send("hi", SessionStreamingTest.this::collect);
            chat.send("again", Map.of("stream_options", Map.of("include_obfuscation", false)),
                    SessionStreamingTest.this::collect);
            assertThat(server.take().json().at("/stream_options/include_usage").asBoolean()).isTrue();
            assertThat(server.take().json().get("stream_options")).isEqualTo(json("{\"include_obfuscation\":false}"));
            assertThat(chat.usage().inputTokens()).isEqualTo(7);
            assertThat(chat.usage().outputTokens()).isEqualTo(3);
        }

        @Test
        @DisplayName("G99, G100, I122: with a callback, stream: true is sent and each valid chunk reaches the callback")
        void callbackGetsEachChunkAndStreamIsSent() throws Exception {
            server.reply(Reply.sse(sse(delta("This is "), "{\"object\":\"other\"}", delta("a chat "), delta("response."), FINISH)));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", SessionStreamingTest.this::collect);
            assertThat(server.take().json().get("stream").asBoolean()).isTrue();
            assertThat(chunks).containsExactly("This is ", "a chat ", "response.", "");
            assertThat(raws.get(0)).isEqualTo(json(delta("This is ")));
            assertThat(reply.body()).isNull();
        }

        @Test
        @DisplayName("I123-124: the streamed text is returned and appended as {role: assistant, content}")
        void streamedTextIsReturnedAndAppended() {
            server.reply(Reply.sse(sse(delta("This is "), delta("a chat "), delta("response."), FINISH)));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", (c, e) -> { });
            assertThat(reply.toString()).isEqualTo("This is a chat response.");
            assertThat(reply.finishReason()).isEqualTo("stop");
            assertThat(chat.lastMessage()).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"This is a chat response.\"}"));
        }

        @Test
        @DisplayName("I125-127, I129: merged tool calls without text give {role, tool_calls}, also the last history entry")
        void streamedToolCallsBecomeTheMessage() {
            server.reply(Reply.sse(sse(toolDelta(0, "call_a", "add", "{\"a\":"), toolDelta(0, null, null, "1}"),
                    toolDelta(1, "call_b", "now", ""), FINISH)));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", SessionStreamingTest.this::collect);
            JsonNode expected = json("{\"role\":\"assistant\",\"tool_calls\":["
                    + "{\"id\":\"call_a\",\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1}\"}},"
                    + "{\"id\":\"call_b\",\"type\":\"function\",\"function\":{\"name\":\"now\",\"arguments\":\"\"}}]}");
            assertThat(reply.message()).isEqualTo(expected);
            assertThat(reply.hasCalls()).isTrue();
            assertThat(chat.lastMessage()).isEqualTo(expected);
        }

        @Test
        @DisplayName("I128: text and tool calls return the text; the history entry holds both")
        void textAndToolCalls() {
            server.reply(Reply.sse(sse(delta("Adding"), toolDelta(0, "c", "add", "{}"))));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", (c, e) -> { });
            assertThat(reply.toString()).isEqualTo("Adding");
            assertThat(RecordingServer.names(chat.lastMessage())).containsExactly("role", "content", "tool_calls");
        }

        @Test
        @DisplayName("I130: no text and no tool calls give {role: assistant}, which is appended")
        void emptyStream() {
            server.reply(Reply.sse(sse(FINISH)));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", (c, e) -> { });
            assertThat(reply.message()).isEqualTo(json("{\"role\":\"assistant\"}"));
            assertThat(chat.lastMessage()).isEqualTo(json("{\"role\":\"assistant\"}"));
            assertThat(reply.toString()).isEmpty();
        }

        @Test
        @DisplayName("I131: a non-200 streaming response fails with the same Bad status text")
        void non200Streaming() {
            server.replyJson(400, "{\"error\":{\"message\":\"Bad\",\"code\":\"x\"}}");
            ChatSession chat = client.newChatSession();
            assertThatThrownBy(() -> chat.send("hi", (c, e) -> { })).isInstanceOf(ApiException.class)
                    .hasMessage("Bad status: 400: Bad (x)");
            assertThat(chat.messages()).hasSize(1);
        }

        @Test
        @DisplayName("I132 (Java decision): a JSON body on a streaming request is read as a normal reply")
        void jsonBodyOnStreamingRequest() {
            server.replyJson(200, textReply("not streamed"));
            ChatSession chat = client.newChatSession();
            ChatReply reply = chat.send("hi", SessionStreamingTest.this::collect);
            assertThat(reply.toString()).isEqualTo("not streamed");
            assertThat(chunks).isEmpty();
            assertThat(chat.lastMessage().get("content").asText()).isEqualTo("not streamed");
        }

        @Test
        @DisplayName("I133-134 (Java decisions): tool_calls null is absent, missing arguments become \"\" and history accepts it")
        void quirksAreFixed() {
            server.reply(Reply.sse(sse(
                    "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":null,\"tool_calls\":null}}]}",
                    "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"now\"}}]}}]}")));
            ChatSession chat = client.newChatSession();
            chat.send("hi", (c, e) -> { });
            assertThat(chat.lastMessage().at("/tool_calls/0/function/arguments").textValue()).isEmpty();
        }

        @Test
        void streamingUsageCountsTowardsTheTotals() {
            server.reply(Reply.sse(sse(delta("x"),
                    "{\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1,"
                            + "\"completion_tokens_details\":{\"reasoning_tokens\":1}}}")));
            ChatSession chat = client.newChatSession(Map.of("stream_options", Map.of("include_usage", true)));
            ChatReply reply = chat.send("hi", (c, e) -> { });
            assertThat(reply.usage()).isEqualTo(new Usage(4, 1, 0, 1));
            assertThat(chat.usage()).isEqualTo(new Usage(4, 1, 0, 1));
        }

        @Test
        void streamTrueWithoutCallbackStillStreamsAndAccumulates() throws Exception {
            server.reply(Reply.sse(sse(delta("a"), delta("b"))));
            ChatSession chat = client.newChatSession();
            assertThat(chat.send("hi", Map.of("stream", true)).toString()).isEqualTo("ab");
        }

        @Test
        void streamingToolLoopRunsCallsAndStreamsTheAnswer() throws Exception {
            server.reply(Reply.sse(sse(toolDelta(0, "c1", "add", "{\"a\":1,\"b\":2}"))))
                    .reply(Reply.sse(sse(delta("It is "), delta("3"))));
            ChatSession chat = client.newChatSession();
            chat.setToolLoop(ToolLoop.of(ToolFunction.of("add", null, Map.of("type", "object"),
                    a -> a.get("a").asInt() + a.get("b").asInt())));
            ChatReply reply = chat.send("1+2", SessionStreamingTest.this::collect);
            assertThat(reply.toString()).isEqualTo("It is 3");
            assertThat(chunks).containsSubsequence("It is ", "3");
            assertThat(String.join("", chunks)).isEqualTo("It is 3");
            server.take();
            assertThat(server.take().json().at("/messages/2/content").asText()).isEqualTo("3");
        }

        @Test
        @DisplayName("G101: generateResponse(false, callback) streams without appending")
        void generateWithoutAppendStreams() {
            server.reply(Reply.sse(sse(delta("x"))));
            ChatSession chat = client.newChatSession(Map.of("messages", List.of(Messages.user("q"))));
            assertThat(chat.generateResponse(false, SessionStreamingTest.this::collect).toString()).isEqualTo("x");
            assertThat(chunks).containsExactly("x");
            assertThat(chat.messages()).hasSize(1);
        }
    }

    @Nested
    class Responses {

        static String textDelta(String text) {
            return "{\"type\":\"response.output_text.delta\",\"delta\":\"" + text + "\"}";
        }

        static String completed(String id) {
            return "{\"type\":\"response.completed\",\"response\":" + response(id, "Hello") + "}";
        }

        @Test
        @DisplayName("J158-160: send with a callback sends stream: true, gets text deltas only, returns the text")
        void streamingSendReturnsText() throws Exception {
            server.reply(Reply.sse(sse("{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}",
                    textDelta("Hel"), textDelta("lo"), completed("resp_1"))));
            ResponsesChatSession session = client.newResponsesChatSession();
            String text = session.send("hi", SessionStreamingTest.this::collect);
            assertThat(text).isEqualTo("Hello");
            assertThat(chunks).containsExactly("Hel", "lo");
            assertThat(raws.get(0).get("type").asText()).isEqualTo("response.output_text.delta");
            assertThat(server.take().json().get("stream").asBoolean()).isTrue();
        }

        @Test
        @DisplayName("J161: the completed response becomes the current id and joins the history with helpers")
        void completedResponseIsRecorded() throws Exception {
            server.reply(Reply.sse(sse(textDelta("Hello"), completed("resp_1"))))
                    .reply(Reply.sse(sse(textDelta("again"), completed("resp_2"))));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.send("hi", (c, e) -> { });
            assertThat(session.currentResponseId()).isEqualTo("resp_1");
            assertThat(session.responseHistory()).singleElement()
                    .satisfies(r -> assertThat(r.outputText()).isEqualTo("Hello"));
            assertThat(session.usage()).isEqualTo(new Usage(3, 2, 0, 0));
            session.send("more", (c, e) -> { });
            server.take();
            assertThat(server.take().json().get("previous_response_id").asText()).isEqualTo("resp_1");
        }

        @Test
        @DisplayName("J162: a stream without a valid response.completed returns partial text, id and history unchanged")
        void incompleteStreamKeepsState() {
            server.reply(Reply.sse(sse(textDelta("par"), textDelta("tial"),
                    "{\"type\":\"response.failed\",\"response\":{\"id\":\"r\",\"error\":{\"message\":\"x\"}}}")));
            ResponsesChatSession session = client.newResponsesChatSession(Map.of("previous_response_id", "resp_0"));
            assertThat(session.send("hi", (c, e) -> { })).isEqualTo("partial");
            assertThat(session.currentResponseId()).isEqualTo("resp_0");
            assertThat(session.responseHistory()).isEmpty();
        }

        @Test
        @DisplayName("J163: stream: true in the options without a callback still accumulates and returns the text")
        void streamOptionWithoutCallback() throws Exception {
            server.reply(Reply.sse(sse(textDelta("a"), textDelta("b"), completed("resp_1"))));
            ResponsesChatSession session = client.newResponsesChatSession();
            assertThat(session.createResponse("hi", Map.of("stream", true), null)).isEqualTo("ab");
            assertThat(session.currentResponseId()).isEqualTo("resp_1");
        }

        @Test
        @DisplayName("J164: createResponse applies the same merging and reads previous_response_id from the current id")
        void createResponseMergesLikeSend() throws Exception {
            server.replyJson(200, response("resp_1", "a")).reply(Reply.sse(sse(textDelta("b"), completed("resp_2"))));
            ResponsesChatSession session = client.newResponsesChatSession(Map.of("model", "m", "instructions", "i"));
            assertThat(session.createResponse("x", Map.of("temperature", 0.1), null)).isEqualTo("a");
            assertThat(session.createResponse("y", Map.of("top_p", 0.5), (c, e) -> { })).isEqualTo("b");
            JsonNode first = server.take().json();
            assertThat(first.get("temperature").asDouble()).isEqualTo(0.1);
            assertThat(first.has("stream")).isFalse();
            JsonNode second = server.take().json();
            assertThat(second.get("previous_response_id").asText()).isEqualTo("resp_1");
            assertThat(second.get("model").asText()).isEqualTo("m");
            assertThat(second.get("instructions").asText()).isEqualTo("i");
            assertThat(second.get("top_p").asDouble()).isEqualTo(0.5);
        }

        @Test
        @DisplayName("J148 streaming: a non-200 answer fails with Request failed with status: N")
        void non200Streaming() {
            server.replyJson(500, "{\"error\":{\"message\":\"x\"}}");
            assertThatThrownBy(() -> client.newResponsesChatSession().send("hi", (c, e) -> { }))
                    .isInstanceOf(io.github.javaopenai.errors.InternalServerException.class).hasMessage("Request failed with status: 500");
        }

        @Test
        void jsonAnswerToAStreamingRequestIsReadAsAResponse() {
            server.replyJson(200, response("resp_1", "whole"));
            ResponsesChatSession session = client.newResponsesChatSession();
            assertThat(session.send("hi", SessionStreamingTest.this::collect)).isEqualTo("whole");
            assertThat(session.currentResponseId()).isEqualTo("resp_1");
            assertThat(chunks).isEmpty();
        }

        @Test
        void streamingToolLoopSendsOutputsAndStreamsTheAnswer() throws Exception {
            String call = "{\"type\":\"response.completed\",\"response\":{\"id\":\"r1\",\"output\":[{\"type\":\"function_call\","
                    + "\"call_id\":\"c1\",\"name\":\"add\",\"arguments\":\"{\\\"a\\\":1,\\\"b\\\":2}\"}]}}";
            server.reply(Reply.sse(sse(call))).reply(Reply.sse(sse(textDelta("3"), completed("r2"))));
            ResponsesChatSession session = client.newResponsesChatSession();
            session.setToolLoop(ToolLoop.of(ToolFunction.of("add", null, Map.of("type", "object"),
                    a -> a.get("a").asInt() + a.get("b").asInt())));
            assertThat(session.send("1+2", SessionStreamingTest.this::collect)).isEqualTo("3");
            assertThat(chunks).containsExactly("3");
            server.take();
            JsonNode second = server.take().json();
            assertThat(second.get("previous_response_id").asText()).isEqualTo("r1");
            assertThat(second.at("/input/0/output").asText()).isEqualTo("3");
        }
    }
}
