package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.Uploads;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SteadyMockServer.class)
class UploadsContractTest {

    private SteadyClient steady;
    private Uploads uploads;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        uploads = steady.client().uploads();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void createsAnUploadWithAnExpiryPolicy() {
        ApiResponse created = uploads.create("train.jsonl", "fine-tune", 2_147_483_648L, "text/jsonl",
                Map.of("expires_after", Map.of("anchor", "created_at", "seconds", 3600)));

        assertThat(created.status()).isEqualTo(200);
        steady.assertLastValid("/uploads");
    }

    @Test
    void addsAPartAsAStreamedForm() {
        byte[] bytes = "{\"messages\":[]}\n".getBytes(StandardCharsets.UTF_8);

        uploads.addPart("upload_abc123", RequestBody.ofStream(() -> new java.io.ByteArrayInputStream(bytes), bytes.length));

        steady.assertLastValid("/uploads/{upload_id}/parts");
        assertThat(steady.last().request().uri().getPath()).isEqualTo("/uploads/upload_abc123/parts");
    }

    @Test
    void completesWithOrderedPartIdsAndAChecksum() {
        uploads.complete("upload_abc123", List.of("part_def456", "part_ghi789"), "d41d8cd98f00b204e9800998ecf8427e");

        steady.assertLastValid("/uploads/{upload_id}/complete");
    }

    @Test
    void cancels() {
        uploads.cancel("upload_abc123");

        steady.assertLastValid("/uploads/{upload_id}/cancel");
    }

    @Test
    void uploadsAWholeFileInPartsWhereEveryStepIsValid(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("requests.jsonl"), "{\"custom_id\":\"a\"}\n{\"custom_id\":\"b\"}\n");

        ApiResponse done = uploads.upload(file, "batch", 16, 1);

        assertThat(done.status()).isEqualTo(200);
        List<SteadyClient.Exchange> sent = steady.exchanges();
        assertThat(sent).hasSize(5);
        SteadyAssertions.assertValid(sent.get(0).status(), sent.get(0).headers().toMap(), "/uploads");
        for (SteadyClient.Exchange part : sent.subList(1, 4)) {
            SteadyAssertions.assertValid(part.status(), part.headers().toMap(), "/uploads/{upload_id}/parts");
        }
        steady.assertLastValid("/uploads/{upload_id}/complete");
    }

    @Test
    void steadyRejectsAPartWithoutItsDataSoThePartTestsCanFail(SteadyMockServer server) throws Exception {
        Multipart form = Multipart.newBuilder().field("other", "x").build();
        TransportRequest request = new TransportRequest("POST", server.uri("/uploads/upload_abc123/parts"),
                Headers.ofSingle(Map.of("Content-Type", form.contentType())), form, Duration.ofSeconds(10));

        try (TransportResponse response = steady.send(request)) {
            SteadyAssertions.assertRejected(response.status(), response.headers().toMap(), "E3007");
        }
    }
}
