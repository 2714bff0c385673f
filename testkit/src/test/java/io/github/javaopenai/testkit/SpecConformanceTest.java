package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of answer FakeOpenAI gives fits the OpenAPI spec's schema for it. */
class SpecConformanceTest {

    private FakeOpenAI server;
    private OpenAI client;

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
        client = server.client().toBuilder().maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static void assertFits(String component, JsonNode value) {
        assertThat(SpecSchemas.problems(component, value)).as("%s against %s", value, component).isEmpty();
    }

    @Test
    void validatorRejectsWhatTheSpecForbids() {
        JsonNode broken = Wire.object().put("object", "chat.completion").put("id", 7);
        assertThat(SpecSchemas.problems("CreateChatCompletionResponse", broken)).isNotEmpty();
    }

    @Test
    void chatCompletionsFitTheSpec() {
        assertFits("CreateChatCompletionResponse", client.createChatCompletion(List.of(Messages.user("Hi"))).body());
        server.enqueue(FakeReply.toolCall("add", "{\"a\":1}"), FakeReply.functionCall("add", "{}"));
        assertFits("CreateChatCompletionResponse", client.createChatCompletion(List.of(Messages.user("Hi"))).body());
        assertFits("CreateChatCompletionResponse", client.createChatCompletion(List.of(Messages.user("Hi"))).body());
        assertFits("CreateCompletionResponse", client.completion("Hi").body());
    }

    @Test
    void chatCompletionChunksFitTheSpec() throws Exception {
        server.enqueue(FakeReply.text("a b c"), FakeReply.toolCall("add", "{\"a\": 1}"));
        for (int i = 0; i < 2; i++) {
            List<JsonNode> events = Http.dataEvents(Http.post(server.baseUrl() + "/chat/completions",
                    "{\"model\":\"m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                            + "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body());
            events.subList(0, events.size() - 1).forEach(e -> assertFits("CreateChatCompletionStreamResponse", e));
        }
    }

    @Test
    void responsesFitTheSpec() {
        JsonNode text = client.createResponse("Hi", Map.of("instructions", "Be brief")).body();
        assertFits("Response", text);
        server.enqueue(FakeReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        assertFits("Response", client.createResponse("Weather?").body());
        assertFits("Response", client.createResponse("Hi", Map.of("background", true)).body());
        assertFits("ResponseItemList", client.request("GET", "/responses/" + text.get("id").asText()
                + "/input_items", null).body());
    }

    @Test
    void responseStreamEventsFitTheSpec() throws Exception {
        server.enqueue(FakeReply.text("one two"), FakeReply.toolCall("f", "{\"x\": 1}"));
        for (int i = 0; i < 2; i++) {
            List<JsonNode> events = Http.dataEvents(Http.post(server.baseUrl() + "/responses",
                    "{\"model\":\"m\",\"stream\":true,\"input\":\"x\"}").body());
            assertThat(events).isNotEmpty();
            assertThat(events.get(events.size() - 1).get("type").asText()).isEqualTo("response.completed");
            events.forEach(e -> assertFits("ResponseStreamEvent", e));
        }
    }

    @Test
    void embeddingsModerationsModelsAndImagesFitTheSpec() {
        assertFits("CreateEmbeddingResponse", client.embedding(List.of("a", "b"), Map.of("dimensions", 4)).body());
        assertFits("CreateModerationResponse", client.moderation("kill it").body());
        assertFits("ListModelsResponse", client.models().list().body());
        assertFits("Model", client.request("GET", "/models/gpt-4.1", null).body());
        assertFits("ImagesResponse", client.imageGeneration(Map.of("prompt", "A cat")).body());
    }

    @Test
    void filesBatchesAndErrorsFitTheSpec() throws Exception {
        String line = "{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\","
                + "\"body\":{\"model\":\"text-embedding-3-small\",\"input\":\"x\"}}\n";
        JsonNode file = Wire.MAPPER.readTree(Http.upload(server.baseUrl() + "/files", "b.jsonl", "batch",
                line.getBytes(java.nio.charset.StandardCharsets.UTF_8)).body());
        assertFits("OpenAIFile", file);
        assertFits("ListFilesResponse", client.files().list().body());
        JsonNode batch = client.request("POST", "/batches", Map.of("input_file_id", file.get("id").asText(),
                "endpoint", "/v1/embeddings", "completion_window", "24h")).body();
        assertFits("Batch", batch);
        for (int i = 0; i < 3; i++) {
            assertFits("Batch", client.request("GET", "/batches/" + batch.get("id").asText(), null).body());
        }
        assertFits("ListBatchesResponse", client.request("GET", "/batches", null).body());
        assertFits("DeleteFileResponse", client.files().delete(file.get("id").asText()).body());
        assertFits("ErrorResponse", client.files().get("file-missing").body());
        server.enqueue(FakeReply.status(500));
        assertFits("ErrorResponse", client.models().list().body());
    }
}
