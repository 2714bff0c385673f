package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.FileStore;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SteadyMockServer.class)
class FileStoreContractTest {

    private SteadyClient steady;
    private FileStore files;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        files = steady.client().files();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void uploadsAFileFromAPath(@TempDir Path dir) throws Exception {
        Path jsonl = Files.writeString(dir.resolve("requests.jsonl"), "{\"custom_id\":\"a\"}\n");

        ApiResponse response = files.upload(jsonl, "batch");

        assertThat(response.status()).isEqualTo(200);
        steady.assertLastValid("/files");
        assertThat(steady.last().request().headers().first("Content-Type").orElseThrow())
                .startsWith("multipart/form-data; boundary=");
    }

    @Test
    void uploadsBytesWithAnExpiryPolicy() {
        files.upload("notes.txt", RequestBody.ofBytes("hello".getBytes(StandardCharsets.UTF_8)), "user_data",
                Map.of("expires_after", Map.of("anchor", "created_at", "seconds", 3600)));

        steady.assertLastValid("/files");
    }

    @Test
    void uploadsAStreamOfUnknownLength() {
        InputStream in = new ByteArrayInputStream("{}\n".getBytes(StandardCharsets.UTF_8));

        files.upload("stream.jsonl", in, "batch");

        steady.assertLastValid("/files");
        assertThat(steady.last().request().body().contentLength()).isEqualTo(-1);
    }

    @Test
    void steadyRejectsAFormWithoutItsFileSoTheUploadTestsCanFail(SteadyMockServer server) throws Exception {
        Multipart form = Multipart.newBuilder().field("purpose", "batch").build();
        TransportRequest request = new TransportRequest("POST", server.uri("/files"),
                Headers.ofSingle(Map.of("Content-Type", form.contentType())), form, Duration.ofSeconds(10));

        try (TransportResponse response = steady.send(request)) {
            SteadyAssertions.assertRejected(response.status(), response.headers().toMap(), "E3007");
        }
    }

    @Test
    void downloadsContent() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        files.download("file-abc123", out);

        steady.assertLastValid("/files/{file_id}/content");
        assertThat(steady.last().request().uri().getPath()).isEqualTo("/files/file-abc123/content");
    }

    @Test
    void listsWithQueryParameters() {
        files.list(Map.of("purpose", "batch", "limit", 2, "order", "asc"));

        steady.assertLastValid("/files");
        assertThat(steady.last().request().uri().getRawQuery()).contains("purpose=batch").contains("limit=2");
    }

    @Test
    void iteratesAFirstPageLazily() {
        files.iterate(Map.of("limit", 1)).iterator().hasNext();

        steady.assertLastValid("/files");
        assertThat(steady.last().request().uri().getRawQuery()).isEqualTo("limit=1");
    }
}
