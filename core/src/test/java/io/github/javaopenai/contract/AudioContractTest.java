package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.endpoints.Audio;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SteadyMockServer.class)
class AudioContractTest {

    private static final byte[] FAKE_MP3 = {'I', 'D', '3', 3, 0, 0, 0, 0, 0, 0};

    private SteadyClient steady;
    private Audio audio;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        audio = steady.client().audio();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void speechStreamsIntoAnOutputStream() {
        audio.speech("Hello there", "coral", Map.of("response_format", "mp3"), new ByteArrayOutputStream());

        steady.assertLastValid("/audio/speech");
    }

    @Test
    void speechStreamsIntoAFile(@TempDir Path dir) {
        Path target = dir.resolve("hello.mp3");

        long written = audio.speech("Hello there", "alloy", Map.of(), target);

        steady.assertLastValid("/audio/speech");
        assertThat(target).exists().hasSize(written);
    }

    @Test
    void transcribesAFile(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);

        audio.transcription(mp3, Map.of("language", "en", "temperature", 0));

        steady.assertLastValid("/audio/transcriptions");
    }

    @Test
    void transcribesBytesWithTimestampGranularities() {
        audio.transcription("hello.wav", FAKE_MP3, Map.of("response_format", "verbose_json",
                "timestamp_granularities", java.util.List.of("word", "segment")));

        steady.assertLastValid("/audio/transcriptions");
    }

    @Test
    void streamsATranscriptionAsEvents(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);
        java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();

        audio.transcription(mp3, Map.of("language", "en"), events::add);

        steady.assertLastValid("/audio/transcriptions");
        assertThat(steady.last().headers().first("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events).isNotEmpty().allSatisfy(event -> assertThat(event.isObject()).isTrue());
    }

    @Test
    void translatesAFile(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hallo.mp3"), FAKE_MP3);

        audio.translation(mp3, Map.of("prompt", "A greeting"));

        steady.assertLastValid("/audio/translations");
    }
}
