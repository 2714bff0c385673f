package io.github.javaopenai.sessions;

import io.github.javaopenai.core.Messages;
import io.github.javaopenai.RecordingServer.Reply;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import static io.github.javaopenai.sessions.SessionStreamingTest.FINISH;
import static io.github.javaopenai.sessions.SessionStreamingTest.delta;
import static io.github.javaopenai.sessions.SessionStreamingTest.sse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.BooleanNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one rule for the {@code stream} option, everywhere: a call streams when it has a callback
 * or its options say {@code stream} is the JSON boolean true; any value that is not a boolean
 * (nor null) is refused before anything is sent.
 */
class StreamOptionTest {

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

    @Test
    void aJsonTrueMakesThePlainImageEditAndTranscriptionRefuseToSend(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("otter.png"), new byte[] {1});
        Path mp3 = Files.write(dir.resolve("hello.mp3"), new byte[] {'I', 'D', '3'});

        // A BooleanNode is how a stream flag read from JSON (a config file, a saved session) arrives.
        assertThatThrownBy(() -> client.images().edit(png, "Add a hat", Map.of("stream", BooleanNode.TRUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onEvent callback");
        assertThatThrownBy(() -> client.audio().transcription(mp3, Map.of("stream", BooleanNode.TRUE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamTranscription");
        assertThat(server.received()).isZero();
    }

    @Test
    void theStringTrueIsRefusedBySessionsAndTheClientAlikeWithTheValueGiven() {
        String expected = "option \"stream\" must be true or false, got string \"true\"";

        assertThatThrownBy(() -> client.newChatSession().send("hi", Map.of("stream", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> client.newResponsesChatSession().createResponse("hi", Map.of("stream", "true"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("stream", "true")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
        assertThat(server.received()).isZero();
    }

    @Test
    void aNumberOrTheStringFalseIsRefusedNotSentToTheServer(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("otter.png"), new byte[] {1});

        assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("stream", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("option \"stream\" must be true or false, got number 1");
        assertThatThrownBy(() -> client.newResponsesChatSession().createResponse("hi", Map.of("stream", "false"), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got string \"false\"");
        assertThatThrownBy(() -> client.images().edit(png, "Add a hat", Map.of("stream", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got number 1");
        assertThat(server.received()).isZero();
    }

    @Test
    void aCallbackStreamsEvenWhenTheOptionsSayStreamFalse() throws Exception {
        server.reply(Reply.sse(sse(delta("Hi"), FINISH)));
        List<String> chunks = new ArrayList<>();

        ChatReply reply = client.newChatSession().send("hi", Map.of("stream", false), (chunk, event) -> chunks.add(chunk.toString()));

        assertThat(reply.toString()).isEqualTo("Hi");
        assertThat(String.join("", chunks)).isEqualTo("Hi");
        assertThat(server.take().json().get("stream").booleanValue()).isTrue();
    }

    @Test
    void aSessionWideStreamTrueStreamsEachSendOfAChatSession() throws Exception {
        server.reply(Reply.sse(sse(delta("a"), delta("b"), FINISH)));
        ChatSession chat = client.newChatSession(Map.of("stream", BooleanNode.TRUE));

        assertThat(chat.send("hi").toString()).isEqualTo("ab");
        assertThat(server.take().json().get("stream").booleanValue()).isTrue();
    }
}
