package io.github.javaopenai.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole transcriptions, translations, image edits and variations in async form: the blocking forms' forms, as futures. */
class AsyncWholeFormsTest {

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
    void transcribesAndTranslatesAFileOrBytes(@TempDir Path dir) throws Exception {
        Path audio = Files.write(dir.resolve("hello.wav"), new byte[] {1, 2, 3});
        server.replyJson(200, "{\"text\":\"hello\"}");

        ApiResponse transcript = client.async().audio().transcription(audio, Map.of("language", "en"))
                .get(5, TimeUnit.SECONDS);
        client.async().audio().transcription("clip.mp3", new byte[] {4}, Map.of()).get(5, TimeUnit.SECONDS);
        client.async().audio().translation(audio, Map.of()).get(5, TimeUnit.SECONDS);
        client.async().audio().translation("clip.mp3", new byte[] {4}, Map.of("model", "whisper-2"))
                .get(5, TimeUnit.SECONDS);

        assertThat(transcript.body().get("text").asText()).isEqualTo("hello");
        RecordingServer.Recorded first = server.take();
        assertThat(first.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(first.bodyText()).contains("filename=\"hello.wav\"", "name=\"language\"", "whisper-1")
                .doesNotContain("name=\"stream\"");
        assertThat(server.take().bodyText()).contains("filename=\"clip.mp3\"");
        assertThat(server.take().path()).isEqualTo("/v1/audio/translations");
        RecordingServer.Recorded last = server.take();
        assertThat(last.path()).isEqualTo("/v1/audio/translations");
        assertThat(last.bodyText()).contains("whisper-2").doesNotContain("whisper-1");
    }

    @Test
    void editsAndVariesImagesWhole(@TempDir Path dir) throws Exception {
        Path one = Files.write(dir.resolve("a.png"), new byte[] {1});
        Path two = Files.write(dir.resolve("b.png"), new byte[] {2});

        client.async().images().edit(one, "add a hat", Map.of("size", "1024x1024")).get(5, TimeUnit.SECONDS);
        client.async().images().edit(List.of(one, two), "merge", Map.of()).get(5, TimeUnit.SECONDS);
        client.async().images().variation(one, Map.of("n", 2)).get(5, TimeUnit.SECONDS);

        RecordingServer.Recorded edit = server.take();
        assertThat(edit.path()).isEqualTo("/v1/images/edits");
        assertThat(edit.bodyText()).contains("name=\"image\"", "add a hat", "1024x1024").doesNotContain("stream");
        assertThat(server.take().bodyText()).contains("name=\"image[]\"", "filename=\"b.png\"");
        RecordingServer.Recorded variation = server.take();
        assertThat(variation.path()).isEqualTo("/v1/images/variations");
        assertThat(variation.bodyText()).contains("name=\"image\"", "name=\"n\"");
    }

    @Test
    void streamingAndBadArgumentsAreRefusedAtOnce(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("a.png"), new byte[] {1});
        assertThatThrownBy(() -> client.async().images().edit(image, "x", Map.of("stream", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
        assertThatThrownBy(() -> client.async().audio().transcription(image, Map.of("stream", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream");
        assertThatThrownBy(() -> client.async().images().edit(List.of(), "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images");
        assertThatThrownBy(() -> client.async().images().variation(dir.resolve("missing.png"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isZero();
    }
}
