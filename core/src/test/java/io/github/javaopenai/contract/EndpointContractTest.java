package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sends every endpoint of the client to the Steady mock server serving the OpenAI spec, and checks
 * that the spec accepts each request as the path it is meant for.
 */
@ExtendWith(SteadyMockServer.class)
class EndpointContractTest {

    private static final List<Object> MESSAGES = List.of(
            Messages.system("You are a Lua programmer"),
            Messages.user("Write a 'Hello world' program in Lua"));

    private OpenAI client;

    @BeforeEach
    void connect(SteadyMockServer steady) {
        client = OpenAI.newBuilder().apiKey("sk-contract-test").baseUrl(steady.baseUrl().toString())
                .header("X-Steady-Seed", "7").build();
    }

    private static void assertValid(ApiResponse response, String specPath) {
        SteadyAssertions.assertValid(response.status(), response.headers().toMap(), specPath);
        System.out.println("contract ok: " + specPath + " (" + response.status() + ")");
    }

    @Test
    void createChatCompletion() {
        assertValid(client.createChatCompletion(MESSAGES, Map.of("model", "gpt-4.1", "temperature", 0.5)),
                "/chat/completions");
    }

    @Test
    @SuppressWarnings("deprecation")
    void chatAlias() {
        assertValid(client.chat(MESSAGES), "/chat/completions");
    }

    @Test
    void completion() {
        assertValid(client.completion("Say this is a test"), "/completions");
    }

    @Test
    void embedding() {
        assertValid(client.embedding("The food was delicious"), "/embeddings");
        assertValid(client.embedding(List.of("a", "b"), Map.of("dimensions", 8)), "/embeddings");
    }

    @Test
    void createResponse() {
        assertValid(client.createResponse(MESSAGES, Map.of("temperature", 0.5)), "/responses");
        assertValid(client.createResponse("Tell me a story"), "/responses");
    }

    @Test
    void getDeleteAndCancelResponse() {
        assertValid(client.response("resp_123"), "/responses/{response_id}");
        assertValid(client.deleteResponse("resp_123"), "/responses/{response_id}");
        assertValid(client.cancelResponse("resp_123"), "/responses/{response_id}/cancel");
    }

    @Test
    void moderation() {
        assertValid(client.moderation("I want to hug everyone"), "/moderations");
        assertValid(client.moderation(List.of("a", "b"), Map.of("model", "omni-moderation-latest")), "/moderations");
    }

    @Test
    void models() {
        ApiResponse response = client.models().list();
        assertValid(response, "/models");
        assertThat(response.body().get("object").asText()).isEqualTo("list");
    }

    @Test
    void filesFileAndDeleteFile() {
        assertValid(client.files().list(), "/files");
        assertValid(client.files().get("file-abc123"), "/files/{file_id}");
        assertValid(client.files().delete("file-abc123"), "/files/{file_id}");
    }

    @Test
    void imageGeneration() {
        assertValid(client.imageGeneration(Map.of("prompt", "A cute baby sea otter", "n", 1, "size", "1024x1024")),
                "/images/generations");
    }

    @Test
    void genericRequestReachesAnyEndpoint() {
        assertValid(client.request("GET", "/batches", null), "/batches");
    }

    @Test
    void streamedChatCompletionDecodesEveryEvent() {
        List<JsonNode> events = new ArrayList<>();
        ApiResponse response = streaming(5).createChatCompletion(MESSAGES, Map.of(), events::add);
        assertValid(response, "/chat/completions");
        assertThat(events.subList(0, 5)).allSatisfy(event ->
                assertThat(event.get("object").asText()).isEqualTo("chat.completion.chunk"));
        assertEndsWithSteadysDoneMarker(events, 5);
    }

    @Test
    void streamedResponseDecodesEveryEventInThePullForm() {
        try (EventStream events = streaming(4).streamResponse("Tell me a story", Map.of())) {
            SteadyAssertions.assertValid(events.status(), events.headers().toMap(), "/responses");
            List<JsonNode> all = new ArrayList<>();
            events.forEach(all::add);
            assertThat(all.subList(0, 4)).allSatisfy(event -> assertThat(event.get("type").isTextual()).isTrue());
            assertEndsWithSteadysDoneMarker(all, 4);
        }
    }

    private OpenAI streaming(int events) {
        return client.toBuilder().header("X-Steady-Stream-Count", String.valueOf(events))
                .header("X-Steady-Stream-Interval-Ms", "0").build();
    }

    /** Steady ends its streams with its own {@code event: done} carrying {@code {}}, not [DONE]. */
    private static void assertEndsWithSteadysDoneMarker(List<JsonNode> events, int generated) {
        assertThat(events).hasSize(generated + 1);
        assertThat(events.get(generated).isEmpty()).isTrue();
    }

    @Test
    void requestMissingARequiredFieldIsRejectedBySpec() {
        ApiResponse response = client.request("POST", "/chat/completions", Map.of("model", "gpt-4.1"));
        SteadyAssertions.assertRejected(response.status(), response.headers().toMap(), "E3007");
        assertThat(response.status()).isEqualTo(400);
    }
}
