package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Responses API and both kinds of stream, against the embedded server. */
class FakeOpenAIResponsesTest {

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
    void createsAResponseThatEchoesTheLastUserMessage() {
        ApiResponse r = client.createResponse(List.of(Messages.system("You are a Lua programmer"),
                Messages.user("Write a 'Hello world' program in Lua")), Map.of("model", "gpt-4.1"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/object").asText()).isEqualTo("response");
        assertThat(r.body().at("/status").asText()).isEqualTo("completed");
        assertThat(r.body().at("/output/0/content/0/text").asText())
                .isEqualTo("[offline java-openai server] You said: Write a 'Hello world' program in Lua");
    }

    @Test
    void storesResponsesByIdUntilDeleted() {
        String id = client.createResponse("Hello").body().get("id").asText();
        assertThat(client.response(id).body().at("/output/0/content/0/text").asText()).endsWith("You said: Hello");
        JsonNode deleted = client.deleteResponse(id).body();
        assertThat(deleted.get("deleted").asBoolean()).isTrue();
        assertThat(client.response(id).status()).isEqualTo(404);
        assertThat(client.deleteResponse(id).status()).isEqualTo(404);
    }

    @Test
    void chainsWithPreviousResponseIdAndListsInputItems() {
        String first = client.createResponse("What is the capital of France?").body().get("id").asText();
        JsonNode second = client.createResponse("What is its population?", Map.of("previous_response_id", first)).body();
        assertThat(second.get("previous_response_id").asText()).isEqualTo(first);
        assertThat(second.at("/usage/input_tokens").asInt())
                .isGreaterThan(Wire.tokens("What is its population?"));
        JsonNode items = client.request("GET", "/responses/" + second.get("id").asText() + "/input_items", null).body();
        assertThat(items.at("/data/0/content/0/text").asText()).isEqualTo("What is its population?");
    }

    @Test
    void unknownPreviousResponseIdIsABadRequest() {
        ApiResponse r = client.createResponse("Hi", Map.of("previous_response_id", "resp_missing"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/code").asText()).isEqualTo("previous_response_not_found");
    }

    @Test
    void notStoredResponsesCannotBeFetched() {
        String id = client.createResponse("Hi", Map.of("store", false)).body().get("id").asText();
        assertThat(client.response(id).status()).isEqualTo(404);
    }

    @Test
    void onlyBackgroundResponsesCanBeCancelled() {
        String plain = client.createResponse("Hi").body().get("id").asText();
        assertThat(client.cancelResponse(plain).status()).isEqualTo(400);
        JsonNode queued = client.createResponse("Hi", Map.of("background", true)).body();
        assertThat(queued.get("status").asText()).isEqualTo("queued");
        JsonNode cancelled = client.cancelResponse(queued.get("id").asText()).body();
        assertThat(cancelled.get("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void backgroundResponseCompletesWhenPolled() {
        String id = client.createResponse("Hi", Map.of("background", true)).body().get("id").asText();
        assertThat(client.response(id).body().get("status").asText()).isEqualTo("completed");
    }

    @Test
    void queuedToolCallBecomesAFunctionCallItem() {
        server.enqueue(FakeReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        JsonNode item = client.createResponse("Weather?").body().at("/output/0");
        assertThat(item.get("type").asText()).isEqualTo("function_call");
        assertThat(item.get("name").asText()).isEqualTo("get_weather");
        assertThat(item.get("call_id").asText()).startsWith("call_");
        JsonNode next = client.createResponse(List.of(Map.of("type", "function_call_output",
                "call_id", item.get("call_id").asText(), "output", "18C"))).body();
        assertThat(next.at("/output/0/content/0/text").asText()).contains("18C");
    }

    @Test
    void streamedChatCompletionSendsRoleThenDeltasThenFinishThenDone() throws Exception {
        String sse = Http.post(server.baseUrl() + "/chat/completions", """
                {"model":"gpt-4.1","stream":true,"stream_options":{"include_usage":true},
                 "messages":[{"role":"user","content":"Who do you work for?"}]}""").body();
        List<JsonNode> events = Http.dataEvents(sse);
        assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
        assertThat(events.get(events.size() - 1).asText()).isEqualTo("[DONE]");
        JsonNode usage = events.get(events.size() - 2);
        assertThat(usage.get("choices")).isEmpty();
        assertThat(usage.at("/usage/total_tokens").asInt()).isPositive();
        assertThat(events.get(events.size() - 3).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        StringBuilder text = new StringBuilder();
        events.forEach(e -> text.append(e.at("/choices/0/delta/content").asText("")));
        assertThat(text.toString()).isEqualTo("[offline java-openai server] You said: Who do you work for?");
        assertThat(events.subList(0, events.size() - 1)).allSatisfy(e ->
                assertThat(e.get("object").asText()).isEqualTo("chat.completion.chunk"));
    }

    @Test
    void streamedToolCallArgumentsArriveInPieces() throws Exception {
        server.enqueue(FakeReply.toolCall("add", "{\"a\": 1, \"b\": 2}"));
        List<JsonNode> events = Http.dataEvents(Http.post(server.baseUrl() + "/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body());
        StringBuilder arguments = new StringBuilder();
        events.forEach(e -> arguments.append(e.at("/choices/0/delta/tool_calls/0/function/arguments").asText("")));
        assertThat(arguments.toString()).isEqualTo("{\"a\": 1, \"b\": 2}");
        assertThat(events.get(1).at("/choices/0/delta/tool_calls/0/function/name").asText()).isEqualTo("add");
        assertThat(events.get(events.size() - 2).at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void streamedResponseSendsEventsInTheApisOrderEndingWithCompleted() throws Exception {
        String sse = Http.post(server.baseUrl() + "/responses",
                "{\"model\":\"gpt-4.1\",\"stream\":true,\"input\":\"Who do you work for?\"}").body();
        List<JsonNode> events = Http.dataEvents(sse);
        List<String> types = events.stream().map(e -> e.get("type").asText()).distinct().toList();
        assertThat(types).containsExactly("response.created", "response.in_progress", "response.output_item.added",
                "response.content_part.added", "response.output_text.delta", "response.output_text.done",
                "response.content_part.done", "response.output_item.done", "response.completed");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).get("sequence_number").asInt()).isEqualTo(i);
        }
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.get("type").asText().equals("response.output_text.delta"))
                .forEach(e -> text.append(e.get("delta").asText()));
        JsonNode completed = events.get(events.size() - 1).get("response");
        assertThat(text.toString()).isEqualTo(completed.at("/output/0/content/0/text").asText());
        assertThat(sse).contains("event: response.completed\n").doesNotContain("[DONE]");
        assertThat(client.response(completed.get("id").asText()).status()).isEqualTo(200);
    }

    @Test
    void clientStreamsChatCompletionsThroughACallback() {
        StringBuilder text = new StringBuilder();
        List<JsonNode> events = new java.util.ArrayList<>();
        ApiResponse r = client.createChatCompletion(List.of(Messages.user("Stream me")), Map.of(), event -> {
            events.add(event);
            text.append(event.at("/choices/0/delta/content").asText(""));
        });
        assertThat(r.status()).isEqualTo(200);
        assertThat(text.toString()).isEqualTo("[offline java-openai server] You said: Stream me");
        assertThat(events.get(events.size() - 1).at("/choices/0/finish_reason").asText()).isEqualTo("stop");
    }

    @Test
    void clientPullsAResponseStreamEndingWithCompleted() throws Exception {
        List<String> types = new java.util.ArrayList<>();
        try (io.github.javaopenai.core.EventStream stream = client.streamResponse("Pull me", Map.of())) {
            for (JsonNode event : stream) {
                types.add(event.get("type").asText());
            }
        }
        assertThat(types).startsWith("response.created").endsWith("response.completed");
    }
}
