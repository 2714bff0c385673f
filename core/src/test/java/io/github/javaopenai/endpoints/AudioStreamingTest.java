package io.github.javaopenai.endpoints;

import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioStreamingTest {

    private static final byte[] FAKE_MP3 = {'I', 'D', '3', 3, 0, 0, 0};

    private static final String EVENTS = """
            data: {"type":"transcript.text.delta","delta":"Hel"}

            data: {"type":"transcript.text.delta","delta":"lo"}

            data: {"type":"transcript.text.done","text":"Hello"}

            """;

    private RecordingServer server;
    private Audio audio;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        audio = server.client("sk-test").audio();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStreamedTranscriptionHandsEachEventToTheCallback(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);
        server.reply(Reply.sse(EVENTS));
        List<JsonNode> events = new ArrayList<>();

        ApiResponse response = audio.transcription(mp3, Map.of("language", "en"), events::add);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEmpty();
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("transcript.text.delta", "transcript.text.delta", "transcript.text.done");
        assertThat(events.get(2).path("text").asText()).isEqualTo("Hello");
        Recorded sent = server.take();
        assertThat(sent.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(sent.headers().first("Accept")).hasValue("text/event-stream");
        assertThat(sent.headers().first("Content-Type").orElseThrow()).startsWith("multipart/form-data; boundary=");
        assertThat(sent.bodyText())
                .contains("name=\"model\"\r\n\r\ngpt-4o-mini-transcribe\r\n")
                .contains("name=\"stream\"\r\n\r\ntrue\r\n")
                .contains("name=\"language\"\r\n\r\nen\r\n")
                .contains("filename=\"hello.mp3\"\r\nContent-Type: audio/mpeg\r\n");
    }

    @Test
    void aStreamedTranscriptionCanBePulled() throws Exception {
        server.reply(Reply.sse(EVENTS));
        StringBuilder text = new StringBuilder();

        try (EventStream events = audio.streamTranscription("hello.wav", FAKE_MP3, Map.of("model", "gpt-4o-transcribe"))) {
            for (JsonNode event : events) {
                text.append(event.path("delta").asText(""));
            }
            assertThat(events.isEventStream()).isTrue();
        }

        assertThat(text).hasToString("Hello");
        String body = server.take().bodyText();
        assertThat(body).contains("name=\"model\"\r\n\r\ngpt-4o-transcribe\r\n").doesNotContain("gpt-4o-mini-transcribe");
    }

    @Test
    void anErrorStatusComesBackWholeToTheCallbackFormAndRaisesInThePullForm(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);
        server.replyJson(400, "{\"error\":{\"message\":\"model does not stream\"}}")
                .replyJson(400, "{\"error\":{\"message\":\"model does not stream\"}}");
        List<JsonNode> events = new ArrayList<>();

        ApiResponse response = audio.transcription(mp3, Map.of("model", "whisper-1"), events::add);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("error").path("message").asText()).isEqualTo("model does not stream");
        assertThat(events).isEmpty();
        assertThatThrownBy(() -> audio.streamTranscription(mp3, Map.of()))
                .isInstanceOf(io.github.javaopenai.errors.BadRequestException.class)
                .hasMessageContaining("model does not stream");
    }

    @Test
    void streamingOptionsAreOverriddenAndThePlainCallRefusesToStream(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);
        server.reply(Reply.sse(EVENTS));

        audio.transcription(mp3, Map.of("stream", false), event -> { });

        assertThat(server.take().bodyText()).contains("name=\"stream\"\r\n\r\ntrue\r\n").doesNotContain("false");
        assertThatThrownBy(() -> audio.transcription(mp3, Map.of("stream", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamTranscription");
        assertThat(server.received()).isZero();
    }
}
