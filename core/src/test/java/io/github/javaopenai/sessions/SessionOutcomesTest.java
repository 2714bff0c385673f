package io.github.javaopenai.sessions;

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
import io.github.javaopenai.errors.StreamException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a session returns or raises when a reply is cut short, refused, multiple or an error. */
class SessionOutcomesTest {

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

    private static String chunk(int index, String content) {
        return "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":" + index
                + ",\"delta\":{\"content\":\"" + content + "\"}}]}\n\n";
    }

    @Test
    void aChatReplyCutShortRaisesAndJoinsNeitherHistoryNorUsage() {
        server.reply(Reply.sse(chunk(0, "Half an ans")));
        ChatSession chat = client.newChatSession();
        List<String> streamed = new ArrayList<>();

        assertThatThrownBy(() -> chat.send("hi", (c, raw) -> streamed.add(c.toString())))
                .isInstanceOf(StreamException.class).hasMessageContaining("ended early");

        assertThat(streamed).containsExactly("Half an ans");
        assertThat(chat.messages()).extracting(m -> m.get("role").asText()).containsExactly("user");
        assertThat(chat.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    void aResponsesReplyCutShortRaisesAndLeavesTheChainAlone() {
        server.reply(Reply.sse("data: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\"}}\n\n"
                + "data: {\"type\":\"response.output_text.delta\",\"delta\":\"Half\"}\n\n"));
        ResponsesChatSession session = client.newResponsesChatSession(Map.of("previous_response_id", "resp_0"));

        assertThatThrownBy(() -> session.send("hi", (c, raw) -> { }))
                .isInstanceOf(StreamException.class).hasMessageContaining("ended early");

        assertThat(session.currentResponseId()).isEqualTo("resp_0");
        assertThat(session.responseHistory()).isEmpty();
    }

    @Test
    void withSeveralChoicesOnlyTheFirstChoicesDeltasAreStreamedSoTheyMatchTheReply() {
        server.reply(Reply.sse(chunk(0, "Red") + chunk(1, "Blue") + chunk(0, " sky") + chunk(1, " sea")
                + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
        ChatSession chat = client.newChatSession(Map.of("n", 2));
        StringBuilder streamed = new StringBuilder();

        ChatReply reply = chat.send("colors?", (c, raw) -> streamed.append(c));

        assertThat(streamed).hasToString("Red sky");
        assertThat(reply).hasToString("Red sky");
        assertThat(chat.lastMessage().get("content").asText()).isEqualTo("Red sky");
    }

    @Test
    void aNumericErrorCodeKeepsTheServersMessageAndTheCode() {
        server.replyJson(400, "{\"error\":{\"code\":400,\"message\":\"the request exceeds the context size\"}}");
        ChatSession chat = client.newChatSession();

        assertThatThrownBy(() -> chat.send("hi"))
                .isInstanceOf(ApiException.class)
                .hasMessage("Bad status: 400: the request exceeds the context size (400)")
                .isInstanceOfSatisfying(io.github.javaopenai.errors.BadRequestException.class,
                        e -> assertThat(e.code()).isEqualTo("400"));
    }

    @Test
    void aRefusalIsReturnedAsAReplyWhetherStreamedOrNot() {
        server.replyJson(200, "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":null,"
                + "\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}],"
                + ChatSessionTest.USAGE + "}");
        server.reply(Reply.sse("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{\"refusal\":\"I can't help with that.\"}}]}\n\n"
                + "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{},"
                + "\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n"));
        ChatSession plain = client.newChatSession();
        ChatSession streamed = client.newChatSession();

        ChatReply plainReply = plain.send("something bad");
        ChatReply streamedReply = streamed.send("something bad", (c, raw) -> { });

        JsonNode expected = json("{\"role\":\"assistant\",\"refusal\":\"I can't help with that.\"}");
        for (ChatReply reply : List.of(plainReply, streamedReply)) {
            assertThat(reply.refusal()).isEqualTo("I can't help with that.");
            assertThat(reply).hasToString("");
        }
        assertThat(plain.lastMessage()).isEqualTo(expected);
        assertThat(streamed.lastMessage()).isEqualTo(expected);
    }
}
