package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RecordingTransport writes what really happened; ReplayTransport serves it back offline. */
class RecordAndReplayTest {

    private static final String KEY = "sk-live-very-secret-key-123";

    @TempDir
    Path dir;

    private FakeOpenAI server;

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAI recordingClient(Path fixture) {
        return OpenAI.newBuilder().baseUrl(server.baseUrl()).apiKey(KEY).organization("org-private")
                .transport(new RecordingTransport(JdkHttpTransport.create(), fixture)).build();
    }

    private static OpenAI replayingClient(Path fixture) {
        return OpenAI.newBuilder().baseUrl("https://api.openai.com/v1").apiKey("another-key")
                .transport(ReplayTransport.of(fixture)).build();
    }

    @Test
    void replaysARecordedExchangeWithoutTheServer() throws Exception {
        Path fixture = dir.resolve("chat.json");
        ApiResponse live = recordingClient(fixture).createChatCompletion(List.of(Messages.user("Hello")));
        server.close();
        ApiResponse replayed = replayingClient(fixture).createChatCompletion(List.of(Messages.user("Hello")));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).isEqualTo(live.body());
        assertThat(replayed.requestId()).isEqualTo(live.requestId());
    }

    @Test
    void fixtureNeverContainsTheKeyOrAccountHeaders() throws Exception {
        Path fixture = dir.resolve("secret.json");
        recordingClient(fixture).models().list();
        String text = Files.readString(fixture);
        assertThat(text).doesNotContain(KEY).doesNotContain("org-private").contains("<redacted>");
    }

    @Test
    void recordsAnUploadWhoseBodyCanBeReadOnlyOnce() throws Exception {
        Path fixture = dir.resolve("upload.json");
        var upload = recordingClient(fixture).withMaxRetries(0).files().upload("notes.jsonl",
                new java.io.ByteArrayInputStream("{\"a\":1}\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "batch");
        assertThat(upload.status()).isEqualTo(200);
        assertThat(Files.readString(fixture)).contains("notes.jsonl");
    }

    @Test
    void providerKeyHeadersAreRedactedToo() throws Exception {
        Path fixture = dir.resolve("provider.json");
        OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl()).apiKey(KEY)
                .provider(io.github.javaopenai.providers.Provider.of("portkey", server.baseUrl())
                        .withAuth(io.github.javaopenai.providers.Auth.header("X-Portkey-Api-Key")))
                .transport(new RecordingTransport(JdkHttpTransport.create(), fixture)).build();
        client.models().list();
        assertThat(Files.readString(fixture)).doesNotContain(KEY).contains("X-Portkey-Api-Key").contains("<redacted>");
    }

    @Test
    void redactsKeysPassedInTheQuery() throws Exception {
        Path fixture = dir.resolve("query.json");
        recordingClient(fixture).request("GET", "/models?key=" + KEY + "&limit=2", null);
        String text = Files.readString(fixture);
        assertThat(text).doesNotContain(KEY).contains("/v1/models?key=<redacted>&limit=2");
        assertThat(replayingClient(fixture).request("GET", "/models?key=other&limit=2", null).status()).isEqualTo(200);
    }

    @Test
    void recordsAStreamAsTheCallerReadsItAndReplaysTheSameBytes() throws Exception {
        Path fixture = dir.resolve("stream.json");
        RecordingTransport recording = new RecordingTransport(JdkHttpTransport.create(), fixture);
        byte[] live;
        try (TransportResponse response = recording.send(streamRequest(server.baseUrl()))) {
            InputStream body = response.body();
            byte[] first = body.readNBytes(10);
            assertThat(Files.exists(fixture)).isFalse();
            live = concat(first, body.readAllBytes());
        }
        assertThat(new String(live, StandardCharsets.UTF_8)).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
        try (TransportResponse replayed = ReplayTransport.of(fixture).send(streamRequest("https://api.openai.com/v1"))) {
            assertThat(replayed.body().readAllBytes()).isEqualTo(live);
            assertThat(replayed.headers().first("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
        }
    }

    @Test
    void recordsAStreamClosedEarlyWithWhatWasRead() throws Exception {
        Path fixture = dir.resolve("partial.json");
        try (TransportResponse response = new RecordingTransport(JdkHttpTransport.create(), fixture)
                .send(streamRequest(server.baseUrl()))) {
            response.body().readNBytes(5);
        }
        try (TransportResponse replayed = ReplayTransport.of(fixture).send(streamRequest("http://x/v1"))) {
            assertThat(replayed.body().readAllBytes()).hasSize(5);
        }
    }

    @Test
    void servesIdenticalRequestsInTheRecordedOrder() throws Exception {
        Path fixture = dir.resolve("order.json");
        server.enqueue(FakeReply.text("first"), FakeReply.text("second"));
        OpenAI recorder = recordingClient(fixture);
        recorder.createChatCompletion(List.of(Messages.user("Same")));
        recorder.createChatCompletion(List.of(Messages.user("Same")));
        ReplayTransport replay = ReplayTransport.of(fixture);
        OpenAI client = OpenAI.newBuilder().transport(replay).build();
        assertThat(client.createChatCompletion(List.of(Messages.user("Same"))).body()
                .at("/choices/0/message/content").asText()).isEqualTo("first");
        assertThat(client.createChatCompletion(List.of(Messages.user("Same"))).body()
                .at("/choices/0/message/content").asText()).isEqualTo("second");
        assertThat(replay.remaining()).isZero();
    }

    @Test
    void matchesJsonBodiesByValueNotByKeyOrder() throws Exception {
        Path fixture = dir.resolve("json.json");
        recordingClient(fixture).request("POST", "/embeddings", Map.of("model", "text-embedding-3-small", "input", "x"));
        ApiResponse replayed = OpenAI.newBuilder().transport(ReplayTransport.of(fixture)).build()
                .request("POST", "/embeddings", new java.util.TreeMap<>(Map.of("input", "x",
                        "model", "text-embedding-3-small")));
        assertThat(replayed.body().at("/data/0/embedding").size()).isEqualTo(1536);
    }

    @Test
    void requestThatMatchesNothingNamesItself() throws Exception {
        Path fixture = dir.resolve("none.json");
        recordingClient(fixture).models().list();
        OpenAI client = OpenAI.newBuilder().transport(ReplayTransport.of(fixture)).build();
        assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("Unrecorded"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("POST /v1/chat/completions").hasMessageContaining("1 recorded");
    }

    @Test
    void keepsBinaryBodiesIntact() throws Exception {
        Path fixture = dir.resolve("binary.json");
        byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        String id = Wire.MAPPER.readTree(Http.upload(server.baseUrl() + "/files", "x.bin", "user_data", bytes)
                .body()).get("id").asText();
        recordingClient(fixture).request("GET", "/files/" + id + "/content", null);
        assertThat(Files.readString(fixture)).contains("bodyBase64");
        try (TransportResponse replayed = ReplayTransport.of(fixture).send(new TransportRequest("GET",
                URI.create("http://x/v1/files/" + id + "/content"), Headers.empty(), null, null))) {
            assertThat(replayed.body().readAllBytes()).isEqualTo(bytes);
        }
    }

    private static TransportRequest streamRequest(String baseUrl) {
        String json = "{\"model\":\"gpt-4.1\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Stream\"}]}";
        return new TransportRequest("POST", URI.create(baseUrl + "/chat/completions"),
                Headers.ofSingle(Map.of("Content-Type", "application/json", "Authorization", "Bearer " + KEY)),
                RequestBody.ofBytes(json.getBytes(StandardCharsets.UTF_8)), null);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
