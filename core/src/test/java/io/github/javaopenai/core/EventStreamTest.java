package io.github.javaopenai.core;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.StreamException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How {@link EventStream} parses event data, which it reads from the decoder's bytes. */
class EventStreamTest {

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

    private List<JsonNode> pull(byte[] stream) {
        server.reply(new Reply(200, Map.of("Content-Type", "text/event-stream"), stream));
        List<JsonNode> events = new ArrayList<>();
        try (EventStream pulled = client.streamChatCompletion(List.of(Messages.user("hi")), Map.of())) {
            pulled.forEach(events::add);
        }
        return events;
    }

    @Test
    void parsesNonAsciiTextFromTheBytes() {
        List<JsonNode> events = pull("data: {\"content\":\"grüß 日本語 🙂\"}\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("content").textValue()).isEqualTo("grüß 日本語 🙂");
    }

    @Test
    void malformedUtf8InsideJsonBecomesReplacementCharacters() {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes("data: {\"content\":\"a".getBytes(StandardCharsets.UTF_8));
        stream.write(0xFF);
        stream.writeBytes("b\"}\n\ndata: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));

        List<JsonNode> events = pull(stream.toByteArray());

        assertThat(events).hasSize(1);
        assertThat(events.get(0).get("content").textValue()).isEqualTo("a\uFFFDb");
    }

    @Test
    void dataThatIsNotJsonStopsTheStreamWithItsText() {
        assertThatThrownBy(() -> pull("data: {\"n\":1} trailing\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"
                .getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(StreamException.class)
                .satisfies(e -> assertThat(((StreamException) e).error().textValue()).isEqualTo("{\"n\":1} trailing"));
    }
}
