package io.github.javaopenai.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.async().files()}, {@code batches()} and {@code conversations()}: the requests of the blocking areas, as futures. */
class AsyncFilesAndBatchesTest {

    private RecordingServer server;
    private ExecutorService userExecutor;
    private OpenAI client;

    @BeforeEach
    void start() throws IOException {
        server = new RecordingServer();
        userExecutor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "user-async");
            thread.setDaemon(true);
            return thread;
        });
        client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl()).maxRetries(0)
                .asyncExecutor(userExecutor).build();
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    @Test
    void uploadsAFileFromAPathAsAMultipartForm(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("requests.jsonl"), "{\"custom_id\":\"a\"}\n");
        server.replyJson(200, "{\"id\":\"file-1\"}");

        ApiResponse response = client.async().files().upload(file, "batch").get(5, TimeUnit.SECONDS);

        assertThat(response.body().get("id").asText()).isEqualTo("file-1");
        RecordingServer.Recorded request = server.take();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/files");
        assertThat(request.headers().first("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("multipart/form-data; boundary="));
        assertThat(request.bodyText()).contains("name=\"purpose\"", "batch", "filename=\"requests.jsonl\"",
                "{\"custom_id\":\"a\"}");
    }

    @Test
    void uploadsBytesUnderAFileName() throws Exception {
        client.async().files().upload("notes.txt", "hello".getBytes(), "user_data").get(5, TimeUnit.SECONDS);
        assertThat(server.take().bodyText()).contains("filename=\"notes.txt\"", "hello", "user_data");
    }

    @Test
    void listsGetsAndDeletesFilesOnTheUsersExecutor() throws Exception {
        String thread = client.async().files().list(Map.of("purpose", "batch", "limit", 2))
                .thenApply(response -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        client.async().files().get("file-1").get(5, TimeUnit.SECONDS);
        client.async().files().delete("file-1").get(5, TimeUnit.SECONDS);

        assertThat(thread).isEqualTo("user-async");
        RecordingServer.Recorded list = server.take();
        assertThat(list.path()).isEqualTo("/v1/files");
        assertThat(list.query()).contains("purpose=batch").contains("limit=2");
        RecordingServer.Recorded get = server.take();
        assertThat(get.method() + " " + get.path()).isEqualTo("GET /v1/files/file-1");
        RecordingServer.Recorded delete = server.take();
        assertThat(delete.method() + " " + delete.path()).isEqualTo("DELETE /v1/files/file-1");
    }

    @Test
    void badArgumentsAreRefusedAtOnceWithNothingSent(@TempDir Path dir) {
        assertThatThrownBy(() -> client.async().files().upload(dir.resolve("missing.jsonl"), "batch"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.async().files().upload("a.txt", new byte[1], " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("purpose");
        assertThatThrownBy(() -> client.async().files().get(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file_id");
        assertThatThrownBy(() -> client.async().batches().create("", "/v1/chat/completions", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input_file_id");
        assertThat(server.received()).isZero();
    }

    @Test
    void createsGetsListsAndCancelsBatches() throws Exception {
        server.replyJson(200, "{\"id\":\"batch_1\",\"status\":\"validating\"}");
        ApiResponse created = client.async().batches()
                .create("file-1", "/v1/chat/completions", Map.of("metadata", Map.of("job", "nightly")))
                .get(5, TimeUnit.SECONDS);
        client.async().batches().get("batch_1").get(5, TimeUnit.SECONDS);
        client.async().batches().list(Map.of("limit", 5)).get(5, TimeUnit.SECONDS);
        client.async().batches().cancel("batch_1").get(5, TimeUnit.SECONDS);

        assertThat(created.body().get("id").asText()).isEqualTo("batch_1");
        RecordingServer.Recorded create = server.take();
        assertThat(create.method() + " " + create.path()).isEqualTo("POST /v1/batches");
        assertThat(create.json().get("input_file_id").asText()).isEqualTo("file-1");
        assertThat(create.json().get("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(create.json().get("completion_window").asText()).isEqualTo("24h");
        assertThat(create.json().at("/metadata/job").asText()).isEqualTo("nightly");
        assertThat(server.take().path()).isEqualTo("/v1/batches/batch_1");
        assertThat(server.take().query()).isEqualTo("limit=5");
        RecordingServer.Recorded cancel = server.take();
        assertThat(cancel.method() + " " + cancel.path()).isEqualTo("POST /v1/batches/batch_1/cancel");
    }

    @Test
    void sendsTheConversationCallsOfTheBlockingArea() throws Exception {
        AsyncConversations conversations = client.async().conversations();
        conversations.create(java.util.List.of(Map.of("role", "user", "content", "hi")), Map.of("metadata",
                Map.of("topic", "demo"))).get(5, TimeUnit.SECONDS);
        conversations.update("conv_1", Map.of("topic", "other")).get(5, TimeUnit.SECONDS);
        conversations.addItems("conv_1", java.util.List.of(Map.of("role", "user", "content", "more")))
                .get(5, TimeUnit.SECONDS);
        conversations.listItems("conv_1", Map.of("limit", 3)).get(5, TimeUnit.SECONDS);
        conversations.deleteItem("conv_1", "item_2").get(5, TimeUnit.SECONDS);

        RecordingServer.Recorded create = server.take();
        assertThat(create.method() + " " + create.path()).isEqualTo("POST /v1/conversations");
        assertThat(create.json().at("/items/0/content").asText()).isEqualTo("hi");
        assertThat(create.json().at("/metadata/topic").asText()).isEqualTo("demo");
        RecordingServer.Recorded update = server.take();
        assertThat(update.method() + " " + update.path()).isEqualTo("POST /v1/conversations/conv_1");
        assertThat(update.json().at("/metadata/topic").asText()).isEqualTo("other");
        RecordingServer.Recorded add = server.take();
        assertThat(add.path()).isEqualTo("/v1/conversations/conv_1/items");
        assertThat(add.json().at("/items/0/content").asText()).isEqualTo("more");
        RecordingServer.Recorded list = server.take();
        assertThat(list.method() + " " + list.path() + "?" + list.query()).isEqualTo("GET /v1/conversations/conv_1/items?limit=3");
        RecordingServer.Recorded delete = server.take();
        assertThat(delete.method() + " " + delete.path()).isEqualTo("DELETE /v1/conversations/conv_1/items/item_2");
        assertThatThrownBy(() -> conversations.addItems("conv_1", java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("items is empty");
        assertThatThrownBy(() -> conversations.get(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("conversation_id");
    }
}
