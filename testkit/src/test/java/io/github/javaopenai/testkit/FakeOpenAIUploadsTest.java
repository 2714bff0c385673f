package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.Uploads;
import io.github.javaopenai.transport.RequestBody;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads in parts, joined in the order the completion names into a stored file. */
class FakeOpenAIUploadsTest {

    private FakeOpenAI server;
    private OpenAI client;

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
        client = server.client();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aFileUploadedInParallelPartsReadsBackByteForByte(@TempDir Path dir) throws Exception {
        byte[] content = new byte[100_003];
        new Random(42).nextBytes(content);
        Path file = Files.write(dir.resolve("train.jsonl"), content);

        ApiResponse done = client.files().uploadLarge(file, "fine-tune", 8_192, 4);

        assertThat(done.body().path("status").asText()).isEqualTo("completed");
        String fileId = done.body().path("file").path("id").asText();
        assertThat(client.files().get(fileId).body().path("bytes").asLong()).isEqualTo(content.length);
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        client.files().download(fileId, copy);
        assertThat(copy.toByteArray()).isEqualTo(content);
    }

    @Test
    void partsAreJoinedInTheOrderTheCompletionNamesAndSizesMustMatch() {
        Uploads uploads = client.uploads();
        String id = uploads.create("ab.txt", "assistants", 4, "text/plain", Map.of()).body().path("id").asText();
        String first = uploads.addPart(id, RequestBody.ofBytes("ab".getBytes())).body().path("id").asText();
        String second = uploads.addPart(id, RequestBody.ofBytes("cd".getBytes())).body().path("id").asText();

        assertThat(uploads.complete(id, List.of(first), null).status()).isEqualTo(400);
        ApiResponse done = uploads.complete(id, List.of(second, first), null);

        String fileId = done.body().path("file").path("id").asText();
        assertThat(client.request("GET", "/files/" + fileId + "/content", null).body().asText()).isEqualTo("cdab");
    }

    @Test
    void aCancelledUploadTakesNoMoreParts() {
        Uploads uploads = client.uploads();
        String id = uploads.create("x.jsonl", "batch", 1, "text/jsonl", Map.of()).body().path("id").asText();

        assertThat(uploads.cancel(id).body().path("status").asText()).isEqualTo("cancelled");

        ApiResponse refused = uploads.addPart(id, RequestBody.ofBytes(new byte[] {1}));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(uploads.cancel("upload_missing").status()).isEqualTo(404);
    }
}
