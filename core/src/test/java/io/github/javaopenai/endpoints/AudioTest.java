package io.github.javaopenai.endpoints;

import io.github.javaopenai.RecordingServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiException;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AudioTest {

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
    void speechSendsTheDefaultModelAndStreamsTheAudioOut() throws Exception {
        byte[] mp3 = {'I', 'D', '3', 1, 2, 3};
        server.reply(new Reply(200, Map.of("Content-Type", "audio/mpeg"), mp3));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        long written = audio.speech("Hi", "coral", Map.of("speed", 1.5), out);

        assertThat(written).isEqualTo(6);
        assertThat(out.toByteArray()).isEqualTo(mp3);
        Recorded sent = server.take();
        assertThat(sent.path()).isEqualTo("/v1/audio/speech");
        assertThat(sent.json().toString())
                .isEqualTo("{\"model\":\"gpt-4o-mini-tts\",\"input\":\"Hi\",\"voice\":\"coral\",\"speed\":1.5}");
    }

    @Test
    void refusedSpeechRaisesAndWritesNoFile(@TempDir Path dir) {
        server.replyJson(400, "{\"error\":{\"message\":\"bad voice\"}}");
        Path target = dir.resolve("out.mp3");

        assertThatThrownBy(() -> audio.speech("Hi", "nobody", Map.of(), target))
                .isInstanceOf(ApiException.class).hasMessageContaining("status 400: bad voice");
        assertThat(target).doesNotExist();
    }

    @Test
    void speechNeedsInputAndVoiceBeforeSending() {
        assertThatThrownBy(() -> audio.speech(null, "coral", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
        assertThatThrownBy(() -> audio.speech("Hi", "", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("voice must be provided");
        assertThat(server.received()).isZero();
    }

    @Test
    void transcriptionSendsTheDefaultModelUnlessTheOptionsNameOne() throws Exception {
        audio.transcription("a.wav", new byte[] {1}, Map.of());
        audio.transcription("a.wav", new byte[] {1}, Map.of("model", "gpt-4o-transcribe"));

        assertThat(server.take().bodyText()).contains("name=\"model\"\r\n\r\nwhisper-1\r\n")
                .contains("filename=\"a.wav\"\r\nContent-Type: audio/wav");
        assertThat(server.take().bodyText()).contains("name=\"model\"\r\n\r\ngpt-4o-transcribe\r\n")
                .doesNotContain("whisper-1");
    }
}
