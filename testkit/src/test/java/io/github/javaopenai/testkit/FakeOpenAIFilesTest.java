package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Files kept in memory, and batches that run their JSONL through the server's own endpoints. */
class FakeOpenAIFilesTest {

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

    private JsonNode upload(String name, String purpose, String content) throws Exception {
        return Wire.MAPPER.readTree(Http.upload(server.baseUrl() + "/files", name, purpose,
                content.getBytes(StandardCharsets.UTF_8)).body());
    }

    @Test
    void uploadsListsGetsReadsAndDeletesFiles() throws Exception {
        JsonNode file = upload("notes.txt", "user_data", "hello file");
        String id = file.get("id").asText();
        assertThat(file.get("bytes").asInt()).isEqualTo(10);
        assertThat(file.get("filename").asText()).isEqualTo("notes.txt");
        assertThat(client.files().list().body().get("data").findValuesAsText("id")).containsExactly(id);
        assertThat(client.files().get(id).body().get("purpose").asText()).isEqualTo("user_data");
        assertThat(client.request("GET", "/files/" + id + "/content", null).body().asText()).isEqualTo("hello file");
        assertThat(client.files().delete(id).body().get("deleted").asBoolean()).isTrue();
        assertThat(client.files().get(id).status()).isEqualTo(404);
        assertThat(client.files().list().body().get("data")).isEmpty();
    }

    @Test
    void uploadWithAnUnknownPurposeIsABadRequest() throws Exception {
        JsonNode answer = upload("x.txt", "nonsense", "x");
        assertThat(answer.at("/error/param").asText()).isEqualTo("purpose");
    }

    @Test
    void batchRunsEveryLineThroughItsEndpointAndReportsProgress() throws Exception {
        server.enqueue(FakeReply.text("scripted answer"));
        String jsonl = """
                {"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1","messages":[{"role":"user","content":"one"}]}}
                {"custom_id":"b","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1","messages":[{"role":"user","content":"two"}]}}
                {"custom_id":"c","method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4.1"}}
                """;
        String input = upload("batch.jsonl", "batch", jsonl).get("id").asText();
        JsonNode batch = client.request("POST", "/batches", Map.of("input_file_id", input,
                "endpoint", "/v1/chat/completions", "completion_window", "24h")).body();
        assertThat(batch.get("status").asText()).isEqualTo("validating");
        assertThat(batch.at("/request_counts/total").asInt()).isEqualTo(3);
        String id = batch.get("id").asText();
        JsonNode polled = batch;
        int polls = 0;
        while (!polled.get("status").asText().equals("completed") && polls++ < 20) {
            polled = client.request("GET", "/batches/" + id, null).body();
            assertThat(polled.at("/request_counts/completed").asInt() + polled.at("/request_counts/failed").asInt())
                    .isLessThanOrEqualTo(3);
        }
        assertThat(polled.get("status").asText()).isEqualTo("completed");
        assertThat(polls).isGreaterThan(2);
        assertThat(polled.at("/request_counts/completed").asInt()).isEqualTo(2);
        assertThat(polled.at("/request_counts/failed").asInt()).isEqualTo(1);
        String output = client.request("GET", "/files/" + polled.get("output_file_id").asText() + "/content", null)
                .bodyText();
        String[] lines = output.split("\n");
        assertThat(lines).hasSize(2);
        JsonNode first = Wire.MAPPER.readTree(lines[0]);
        assertThat(first.get("custom_id").asText()).isEqualTo("a");
        assertThat(first.at("/response/status_code").asInt()).isEqualTo(200);
        assertThat(first.at("/response/body/choices/0/message/content").asText()).isEqualTo("scripted answer");
        assertThat(Wire.MAPPER.readTree(lines[1]).at("/response/body/choices/0/message/content").asText())
                .endsWith("You said: two");
        String errors = client.request("GET", "/files/" + polled.get("error_file_id").asText() + "/content", null)
                .bodyText();
        assertThat(Wire.MAPPER.readTree(errors.trim()).at("/response/status_code").asInt()).isEqualTo(400);
        assertThat(client.request("GET", "/batches", null).body().get("data").findValuesAsText("id")).contains(id);
    }

    @Test
    void batchWithALineForAnotherEndpointFailsValidation() throws Exception {
        String input = upload("bad.jsonl", "batch",
                "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{}}\n").get("id").asText();
        JsonNode batch = client.request("POST", "/batches", Map.of("input_file_id", input,
                "endpoint", "/v1/chat/completions", "completion_window", "24h")).body();
        assertThat(batch.get("status").asText()).isEqualTo("failed");
        assertThat(batch.at("/errors/data/0/line").asInt()).isEqualTo(1);
    }

    @Test
    void batchCanBeCancelledWhileRunning() throws Exception {
        String input = upload("b.jsonl", "batch", "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\","
                + "\"body\":{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}}\n").get("id").asText();
        String id = client.request("POST", "/batches", Map.of("input_file_id", input, "endpoint", "/v1/embeddings",
                "completion_window", "24h")).body().get("id").asText();
        assertThat(client.request("POST", "/batches/" + id + "/cancel", null).body().get("status").asText())
                .isEqualTo("cancelled");
        assertThat(client.request("GET", "/batches/" + id, null).body().get("status").asText()).isEqualTo("cancelled");
    }
}
