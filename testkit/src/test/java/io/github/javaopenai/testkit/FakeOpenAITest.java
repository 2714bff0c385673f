package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ConnectionException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's own endpoints, run against the embedded server. */
class FakeOpenAITest {

    private FakeOpenAI server;
    private OpenAI client;

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
        // Faults must reach the test as sent, so this client does not retry.
        client = server.client().toBuilder().maxRetries(0).build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void listensOnLoopbackWithAV1BaseUrl() {
        assertThat(server.baseUrl()).isEqualTo("http://127.0.0.1:" + server.port() + "/v1");
        assertThat(server.port()).isPositive();
    }

    @Test
    void chatCompletionEchoesTheLastUserMessageAndSaysItIsOffline() {
        ApiResponse r = client.createChatCompletion(List.of(Messages.system("You are a Lua programmer"),
                Messages.user("Write a 'Hello world' program in Lua")), Map.of("model", "gpt-4.1"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/object").asText()).isEqualTo("chat.completion");
        assertThat(r.body().at("/model").asText()).isEqualTo("gpt-4.1");
        assertThat(r.body().at("/choices/0/message/content").asText())
                .isEqualTo("[offline java-openai server] You said: Write a 'Hello world' program in Lua");
        assertThat(r.body().at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(r.body().at("/usage/total_tokens").asInt()).isPositive();
        assertThat(r.requestId()).startsWith("req_");
    }

    @Test
    void chatCompletionAnswersWithTheQueuedText() {
        server.enqueue(FakeReply.text("Hello from the script"));
        ApiResponse first = client.createChatCompletion(List.of(Messages.user("Hi")));
        ApiResponse second = client.createChatCompletion(List.of(Messages.user("Again")));
        assertThat(first.body().at("/choices/0/message/content").asText()).isEqualTo("Hello from the script");
        assertThat(second.body().at("/choices/0/message/content").asText()).endsWith("You said: Again");
    }

    @Test
    void chatCompletionAnswersWithQueuedToolCalls() {
        server.enqueue(FakeReply.toolCalls(List.of(new FakeReply.ToolCall("add", "{\"a\":1,\"b\":2}"),
                new FakeReply.ToolCall("mul", "{\"a\":3}"))));
        JsonNode body = client.createChatCompletion(List.of(Messages.user("Add"))).body();
        JsonNode message = body.at("/choices/0/message");
        assertThat(message.get("content").isNull()).isTrue();
        assertThat(message.at("/tool_calls/0/function/name").asText()).isEqualTo("add");
        assertThat(message.at("/tool_calls/0/function/arguments").asText()).isEqualTo("{\"a\":1,\"b\":2}");
        assertThat(message.at("/tool_calls/1/function/name").asText()).isEqualTo("mul");
        assertThat(message.at("/tool_calls/0/id").asText()).startsWith("call_");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("tool_calls");
    }

    @Test
    void chatCompletionAnswersWithALegacyFunctionCall() {
        server.enqueue(FakeReply.functionCall("add", "{\"a\":2923,\"b\":20839}"));
        JsonNode body = client.createChatCompletion(List.of(Messages.user("Sum"))).body();
        assertThat(body.at("/choices/0/message/function_call/name").asText()).isEqualTo("add");
        assertThat(body.at("/choices/0/finish_reason").asText()).isEqualTo("function_call");
    }

    @Test
    void chatCompletionAfterAToolResultSaysWhatTheToolReturned() {
        JsonNode body = client.createChatCompletion(List.of(Messages.user("Sum"),
                Map.of("role", "function", "name", "add", "content", "23762"))).body();
        assertThat(body.at("/choices/0/message/content").asText()).contains("23762");
    }

    @Test
    void structuredOutputRequestsGetJsonThatFitsTheSchema() throws Exception {
        Map<String, Object> schema = Map.of("type", "object", "properties", Map.of(
                "name", Map.of("type", "string"), "age", Map.of("type", "integer"),
                "tags", Map.of("type", "array", "items", Map.of("type", "string"))), "required", List.of("name"));
        JsonNode body = client.createChatCompletion(List.of(Messages.user("Describe")), Map.of("response_format",
                Map.of("type", "json_schema", "json_schema", Map.of("name", "person", "schema", schema)))).body();
        JsonNode parsed = Wire.MAPPER.readTree(body.at("/choices/0/message/content").asText());
        assertThat(parsed.get("age").isInt()).isTrue();
        assertThat(parsed.get("name").asText()).contains("offline");
        assertThat(parsed.get("tags").isArray()).isTrue();
    }

    @Test
    void chatCompletionWithoutMessagesIsABadRequest() {
        ApiResponse r = client.request("POST", "/chat/completions", Map.of("model", "gpt-4.1"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().at("/error/type").asText()).isEqualTo("invalid_request_error");
        assertThat(r.body().at("/error/param").asText()).isEqualTo("messages");
    }

    @Test
    void legacyCompletionEchoesThePrompt() {
        ApiResponse r = client.completion("Say this is a test");
        assertThat(r.body().at("/object").asText()).isEqualTo("text_completion");
        assertThat(r.body().at("/choices/0/text").asText()).endsWith("You said: Say this is a test");
    }

    @Test
    void recordsEveryRequestWithPathHeadersAndBody() {
        client.models().list();
        client.createChatCompletion(List.of(Messages.user("Hi")));
        List<ReceivedRequest> requests = server.requests();
        assertThat(requests).extracting(ReceivedRequest::path).containsExactly("/models", "/chat/completions");
        ReceivedRequest last = server.lastRequest();
        assertThat(last.method()).isEqualTo("POST");
        assertThat(last.header("Authorization")).isEqualTo("Bearer " + FakeOpenAI.API_KEY);
        assertThat(last.json().at("/messages/0/content").asText()).isEqualTo("Hi");
        assertThat(last.toString()).doesNotContain(FakeOpenAI.API_KEY);
    }

    @Test
    void lastRequestBeforeAnyRequestIsAnError() {
        assertThatThrownBy(server::lastRequest).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no request");
    }

    @Test
    void queuedErrorIsSentWithItsStatusBodyAndHeaders() {
        server.enqueue(FakeReply.error(429, "Rate limit reached").withHeader("Retry-After", "0"));
        ApiResponse r = client.createChatCompletion(List.of(Messages.user("Hi")));
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.body().at("/error/message").asText()).isEqualTo("Rate limit reached");
        assertThat(r.body().at("/error/type").asText()).isEqualTo("requests");
        assertThat(r.body().at("/error/code").asText()).isEqualTo("rate_limit_exceeded");
        assertThat(r.headers().first("Retry-After")).contains("0");
        assertThat(client.createChatCompletion(List.of(Messages.user("Hi"))).status()).isEqualTo(200);
    }

    @Test
    void faultsApplyToAnyEndpointButContentWaitsForAGenerationRequest() {
        server.enqueue(FakeReply.status(503), FakeReply.text("scripted"));
        assertThat(client.models().list().status()).isEqualTo(503);
        assertThat(client.models().list().status()).isEqualTo(200);
        assertThat(server.pendingReplies()).isEqualTo(1);
        assertThat(client.createChatCompletion(List.of(Messages.user("x"))).body()
                .at("/choices/0/message/content").asText()).isEqualTo("scripted");
        assertThat(server.pendingReplies()).isZero();
    }

    @Test
    void rawFaultSendsExactlyTheGivenBody() {
        server.enqueue(FakeReply.raw(502, "text/html", "<html>Bad gateway</html>"));
        ApiResponse r = client.models().list();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body().asText()).isEqualTo("<html>Bad gateway</html>");
    }

    @Test
    void disconnectFaultClosesTheConnectionWithoutAnAnswer() {
        server.enqueue(FakeReply.disconnect(), FakeReply.disconnect());
        assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("x"))))
                .isInstanceOf(ConnectionException.class);
    }

    @Test
    void resetForgetsRequestsAndScript() {
        server.enqueue(FakeReply.text("never used"));
        client.models().list();
        server.reset();
        assertThat(server.requests()).isEmpty();
        assertThat(server.pendingReplies()).isZero();
    }

    @Test
    void unknownPathIsNotFoundInTheApisWords() {
        ApiResponse r = client.request("GET", "/nothing/here", null);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body().at("/error/message").asText()).isEqualTo("Invalid URL (GET /v1/nothing/here)");
    }

    @Test
    void embeddingsAreDeterministicUnitVectors() {
        JsonNode first = client.embedding("Hello world").body();
        JsonNode again = client.embedding("Hello world").body();
        JsonNode other = client.embedding(List.of("Hello world", "Goodbye"), Map.of("dimensions", 8)).body();
        assertThat(first.at("/data/0/embedding")).isEqualTo(again.at("/data/0/embedding"));
        assertThat(first.at("/data/0/embedding").size()).isEqualTo(1536);
        assertThat(other.at("/data").size()).isEqualTo(2);
        assertThat(other.at("/data/1/index").asInt()).isEqualTo(1);
        assertThat(other.at("/data/0/embedding").size()).isEqualTo(8);
        assertThat(other.at("/data/1/embedding")).isNotEqualTo(other.at("/data/0/embedding"));
        double norm = 0;
        for (JsonNode v : first.at("/data/0/embedding")) {
            norm += v.asDouble() * v.asDouble();
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(first.at("/model").asText()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void moderationFlagsViolentTextOnly() {
        JsonNode body = client.moderation(List.of("I will kill the process", "I like tea")).body();
        assertThat(body.at("/results/0/flagged").asBoolean()).isTrue();
        assertThat(body.at("/results/0/categories/violence").asBoolean()).isTrue();
        assertThat(body.at("/results/1/flagged").asBoolean()).isFalse();
    }

    @Test
    void modelsListsTheDefaultModelAndRetrievesOne() {
        JsonNode body = client.models().list().body();
        assertThat(body.at("/object").asText()).isEqualTo("list");
        assertThat(body.get("data").findValuesAsText("id")).contains(Providers.openAi().defaultModel(), Providers.openAi().defaultEmbeddingModel());
        assertThat(client.request("GET", "/models/gpt-4.1", null).body().at("/owned_by").asText()).isEqualTo("openai");
        assertThat(client.request("GET", "/models/nope", null).status()).isEqualTo(404);
    }

    @Test
    void imageGenerationReturnsAValidPng() {
        ApiResponse r = client.imageGeneration(Map.of("model", "gpt-image-1", "prompt", "A cat", "n", 2));
        assertThat(r.body().at("/data").size()).isEqualTo(2);
        byte[] png = java.util.Base64.getDecoder().decode(r.body().at("/data/0/b64_json").asText());
        assertThat(PngCheck.isValid(png)).isTrue();
        assertThat(client.imageGeneration(Map.of("n", 1)).status()).isEqualTo(400);
    }

    @Test
    void streamCutShortStopsAfterTheGivenEventsWithoutDone() throws Exception {
        server.enqueue(FakeReply.text("one two three four").withStreamCutAfter(2));
        List<JsonNode> events = Http.dataEvents(Http.post(server.baseUrl() + "/chat/completions",
                "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").body());
        assertThat(events).hasSize(2);
        assertThat(events.get(1).at("/choices/0/delta/content").asText()).isEqualTo("one ");
    }

    @Test
    void badScriptValuesAreRejectedAtOnce() {
        assertThatThrownBy(() -> FakeReply.error(99, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("99");
        assertThatThrownBy(() -> FakeReply.text("x").withStreamCutAfter(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("events");
        assertThatThrownBy(() -> FakeReply.toolCalls(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calls");
    }

    @Test
    void theDefaultClientRetriesAScriptedOverloadAndSucceeds() {
        server.enqueue(FakeReply.status(503).withHeader("Retry-After", "0"), FakeReply.text("after the retry"));
        ApiResponse r = server.client().createChatCompletion(List.of(Messages.user("x")));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().at("/choices/0/message/content").asText()).isEqualTo("after the retry");
        assertThat(server.requests()).hasSize(2);
    }
}
