package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.AuthenticationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.adapter.JdkFlowAdapter;

/** Streamed transcriptions and image edits, multipart uploads, as {@code Flow.Publisher}s. */
class AsyncMultipartStreamTest {

    private static final byte[] FAKE_MP3 = {'I', 'D', '3', 3, 0, 0, 0};

    private static final String TRANSCRIPT = """
            data: {"type":"transcript.text.delta","delta":"Hel"}

            data: {"type":"transcript.text.delta","delta":"lo"}

            data: {"type":"transcript.text.done","text":"Hello"}

            """;

    private static final String EDIT = """
            data: {"type":"image_edit.partial_image","b64_json":"AAAA","partial_image_index":0}

            data: {"type":"image_edit.completed","b64_json":"BBBB"}

            """;

    private RecordingServer server;
    private ExecutorService userExecutor;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        userExecutor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "user-stream");
            thread.setDaemon(true);
            return thread;
        });
        client = OpenAI.newBuilder().apiKey("sk-stream").baseUrl(server.baseUrl()).maxRetries(0)
                .asyncExecutor(userExecutor).build();
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private static List<JsonNode> collect(java.util.concurrent.Flow.Publisher<JsonNode> publisher) {
        return JdkFlowAdapter.flowPublisherToFlux(publisher).collectList().block(Duration.ofSeconds(5));
    }

    @Test
    void aTranscriptionStreamsItsEventsAfterUploadingTheFile(@TempDir Path dir) throws Exception {
        Path mp3 = Files.write(dir.resolve("hello.mp3"), FAKE_MP3);
        server.reply(Reply.sse(TRANSCRIPT));

        List<JsonNode> events = collect(client.async().audio().streamTranscription(mp3, Map.of("language", "en")));

        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("transcript.text.delta", "transcript.text.delta", "transcript.text.done");
        Recorded sent = server.take();
        assertThat(sent.path()).isEqualTo("/v1/audio/transcriptions");
        assertThat(sent.headers().first("Accept")).hasValue("text/event-stream");
        assertThat(sent.bodyText())
                .contains("name=\"model\"\r\n\r\ngpt-4o-mini-transcribe\r\n")
                .contains("name=\"stream\"\r\n\r\ntrue\r\n")
                .contains("name=\"language\"\r\n\r\nen\r\n")
                .contains("filename=\"hello.mp3\"\r\nContent-Type: audio/mpeg\r\n");
    }

    @Test
    void requestOneDeliversOneTranscriptionEventOnTheUsersExecutor() throws Exception {
        server.reply(Reply.sse(TRANSCRIPT));
        AsyncStreamTest.Recorder recorder = new AsyncStreamTest.Recorder();

        client.async().audio().streamTranscription("hello.wav", FAKE_MP3, Map.of()).subscribe(recorder);
        recorder.await().request(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (recorder.events.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(300);
        assertThat(recorder.events).hasSize(1);
        assertThat(recorder.ended).isNotDone();
        recorder.await().request(5);

        assertThat(recorder.ended.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(recorder.events).extracting(e -> e.path("delta").asText("")).containsExactly("Hel", "lo", "");
        assertThat(recorder.threads).allMatch(name -> name.equals("user-stream"));
    }

    @Test
    void anErrorStatusArrivesAsOnErrorWithTheTypedException() {
        server.replyJson(401, "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\"}}");
        assertThatThrownBy(() -> collect(client.async().audio().streamTranscription("a.wav", FAKE_MP3, Map.of())))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("bad key");
    }

    @Test
    void anImageEditStreamsItsEventsAndEachSubscriptionUploadsAgain(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("cat.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        server.reply(Reply.sse(EDIT)).reply(Reply.sse(EDIT));
        var publisher = client.async().images().streamEdit(List.of(png), "add a hat",
                Map.of("model", "gpt-image-1", "partial_images", 1, "stream", false));

        List<JsonNode> first = collect(publisher);
        List<JsonNode> second = collect(publisher);

        assertThat(first).extracting(e -> e.path("type").asText())
                .containsExactly("image_edit.partial_image", "image_edit.completed");
        assertThat(second).hasSize(2);
        for (int i = 0; i < 2; i++) {
            Recorded sent = server.take();
            assertThat(sent.path()).isEqualTo("/v1/images/edits");
            assertThat(sent.bodyText())
                    .contains("name=\"prompt\"\r\n\r\nadd a hat\r\n")
                    .contains("name=\"stream\"\r\n\r\ntrue\r\n")
                    .contains("name=\"partial_images\"\r\n\r\n1\r\n")
                    .contains("filename=\"cat.png\"");
        }
    }

    @Test
    void badEditArgumentsAreRefusedAtOnceWithNothingSent() {
        assertThatThrownBy(() -> client.async().images().streamEdit(List.of(), "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("images is empty");
        assertThatThrownBy(() -> client.async().audio().streamTranscription(Path.of("no-such.wav"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isZero();
    }
}
