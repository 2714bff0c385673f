package io.github.javaopenai;

import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.sse.SseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's cap on one streamed event, and the error that points to it. */
class MaxEventBytesTest {

    private static final String BIG_EVENT = "data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
            + "\"delta\":{\"content\":\"" + "x".repeat(4_000) + "\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n";

    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAI client(int maxEventBytes) {
        return OpenAI.newBuilder().baseUrl(server.baseUrl()).maxRetries(0).maxEventBytes(maxEventBytes).build();
    }

    @Test
    void anEventOverTheConfiguredCapFailsNamingTheSettingThatRaisesIt() {
        server.reply(Reply.sse(BIG_EVENT));
        assertThatThrownBy(() -> client(1_024).createChatCompletion(List.of(Messages.user("hi")), Map.of(), e -> { }))
                .isInstanceOf(SseException.class)
                .hasMessageContaining("limit of 1024 bytes")
                .hasMessageContaining("OpenAI.Builder.maxEventBytes(int)");
    }

    @Test
    void aRaisedCapLetsTheEventThroughAndSurvivesToBuilder() {
        server.reply(Reply.sse(BIG_EVENT));
        OpenAI client = client(1_024).toBuilder().maxEventBytes(8_192).build();
        List<JsonNode> events = new ArrayList<>();
        try (EventStream stream = client.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            stream.forEach(events::add);
        }
        assertThat(events).hasSize(1);
    }

    @Test
    void aCapThatIsNotPositiveIsRefused() {
        assertThatThrownBy(() -> OpenAI.newBuilder().maxEventBytes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxEventBytes must be positive: 0");
    }
}
