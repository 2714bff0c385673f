package io.github.javaopenai.endpoints;

import io.github.javaopenai.CapturingLogger;
import io.github.javaopenai.FakeRetryClock;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.TestClients;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.ApiException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStoreTest {

    private RecordingServer server;
    private FileStore files;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        files = server.client("sk-test").files();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploadsAPathAsAStreamedFormWithItsLength(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "{\"a\":1}\n");
        server.replyJson(200, "{\"id\":\"file-1\"}");

        ApiResponse response = files.upload(file, "batch", Map.of("expires_after", Map.of("anchor", "created_at", "seconds", 3600)));

        assertThat(response.body().path("id").asText()).isEqualTo("file-1");
        Recorded sent = server.take();
        assertThat(sent.path()).isEqualTo("/v1/files");
        assertThat(sent.headers().first("Content-Length")).hasValue(Integer.toString(sent.body().length));
        assertThat(sent.bodyText())
                .contains("name=\"purpose\"\r\n\r\nbatch\r\n")
                .contains("name=\"expires_after[anchor]\"\r\n\r\ncreated_at\r\n")
                .contains("name=\"expires_after[seconds]\"\r\n\r\n3600\r\n")
                .contains("filename=\"data.jsonl\"\r\nContent-Type: application/jsonl\r\n\r\n{\"a\":1}\n\r\n");
    }

    @Test
    void rejectsAMissingPurposeBeforeSending(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");

        assertThatThrownBy(() -> files.upload(file, " ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("purpose is required");
        assertThat(server.received()).isZero();
    }

    @Test
    void uploadsAStreamOnceAndClosesIt() throws Exception {
        boolean[] closed = {false};
        ByteArrayInputStream in = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };

        files.upload("s.txt", in, "user_data");

        assertThat(server.take().bodyText()).contains("\r\n\r\nstreamed\r\n");
        assertThat(closed[0]).isTrue();
    }

    @Test
    void aStreamUploadAnswered429ReturnsThe429WithANoteInsteadOfFailingToResend() throws Exception {
        server.replyJson(429, "{\"error\":{\"message\":\"Rate limit reached\",\"code\":\"rate_limit_exceeded\"}}");
        FileStore retrying = TestClients.withRetryClock(OpenAI.newBuilder().baseUrl(server.baseUrl()).maxRetries(2).build(),
                new FakeRetryClock()).files();
        ByteArrayInputStream in = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8));

        try (CapturingLogger log = new CapturingLogger(java.lang.System.Logger.Level.WARNING)) {
            ApiResponse response = retrying.upload("s.txt", in, "user_data");

            assertThat(response.status()).isEqualTo(429);
            assertThatThrownBy(response::orThrow).isInstanceOf(io.github.javaopenai.errors.RateLimitException.class)
                    .hasMessageContaining("Rate limit reached");
            assertThat(log.lines).singleElement().asString()
                    .contains("Not retrying POST", "status 429", "one-shot stream", "cannot be sent again");
        }
        assertThat(server.received()).isEqualTo(1);
    }

    @Test
    void downloadsContentIntoAFile(@TempDir Path dir) throws Exception {
        server.reply(new Reply(200, Map.of("Content-Type", "application/octet-stream"), "line1\nline2\n".getBytes(StandardCharsets.UTF_8)));
        Path target = dir.resolve("out.jsonl");

        long written = files.download("file-1", target);

        assertThat(written).isEqualTo(12);
        assertThat(target).hasContent("line1\nline2");
        assertThat(server.take().path()).isEqualTo("/v1/files/file-1/content");
    }

    @Test
    void aRefusedDownloadRaisesTheStatusExceptionAndLeavesNoFile(@TempDir Path dir) throws Exception {
        server.reply(new Reply(404, Map.of("Content-Type", "application/json", "x-request-id", "req_9"),
                "{\"error\":{\"message\":\"No such File object: file-x\"}}".getBytes(StandardCharsets.UTF_8)));
        Path target = dir.resolve("out.jsonl");

        assertThatThrownBy(() -> files.download("file-x", target)).isInstanceOf(io.github.javaopenai.errors.NotFoundException.class)
                .hasMessage("GET /files/file-x/content failed with status 404: No such File object: file-x (request id req_9)")
                .isInstanceOf(io.github.javaopenai.errors.ApiException.class)
                .satisfies(e -> {
                    var api = (io.github.javaopenai.errors.ApiException) e;
                    assertThat(api.status()).isEqualTo(404);
                    assertThat(api.requestId()).isEqualTo("req_9");
                    assertThat(api.errorMessage()).isEqualTo("No such File object: file-x");
                });
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }

    @Test
    void encodesTheFileIdInThePath() throws Exception {
        server.reply(Reply.text(200, "x"));

        files.download("../models", new java.io.ByteArrayOutputStream());

        assertThat(server.take().path()).isEqualTo("/v1/files/..%2Fmodels/content");
    }
}
