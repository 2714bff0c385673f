package io.github.javaopenai.core;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.transport.Headers;
import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.RateLimitException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ApiResponse#outputText()}: the model's text from either response shape, as openai-python reads it. */
class ApiResponseOutputTextTest {

    private static ApiResponse ok(String body) {
        return new ApiResponse(200, json(body), Headers.empty());
    }

    @Test
    void aResponsesResultJoinsTheOutputTextPartsOfItsMessageItemsOnly() {
        ApiResponse response = ok("""
                {"id":"resp_1","object":"response","output":[
                  {"type":"reasoning","summary":[],"content":[{"type":"output_text","text":"not a message"}]},
                  {"type":"message","role":"assistant","content":[
                    {"type":"output_text","text":"Hello, "},{"type":"refusal","refusal":"no"},
                    {"type":"output_text","text":"world"}]},
                  {"type":"function_call","name":"f","arguments":"{}","call_id":"c1"},
                  {"type":"message","role":"assistant","content":[{"type":"output_text","text":"!"}]}]}""");

        assertThat(response.outputText()).isEqualTo("Hello, world!");
    }

    @Test
    void aChatCompletionGivesTheFirstChoicesContent() {
        ApiResponse response = ok("""
                {"object":"chat.completion","choices":[
                  {"index":0,"message":{"role":"assistant","content":"first"}},
                  {"index":1,"message":{"role":"assistant","content":"second"}}]}""");

        assertThat(response.outputText()).isEqualTo("first");
    }

    @Test
    void refusalsAndCallsWithoutTextGiveAnEmptyString() {
        assertThat(ok("""
                {"choices":[{"message":{"role":"assistant","content":null,"refusal":"I can't help with that"}}]}""")
                .outputText()).isEmpty();
        assertThat(ok("""
                {"choices":[{"message":{"role":"assistant","content":null,
                  "tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{}"}}]}}]}""")
                .outputText()).isEmpty();
        assertThat(ok("""
                {"id":"r","output":[{"type":"message","content":[{"type":"refusal","refusal":"no"}]}]}""")
                .outputText()).isEmpty();
        assertThat(ok("{\"choices\":[]}").outputText()).isEmpty();
        assertThat(ok("{\"id\":\"r\",\"output\":[]}").outputText()).isEmpty();
    }

    @Test
    void anErrorStatusThrowsItsApiExceptionInsteadOfReturningNoText() {
        ApiResponse limited = new ApiResponse(429, json("{\"error\":{\"message\":\"slow down\"}}"), Headers.empty());

        assertThatThrownBy(limited::outputText).isInstanceOf(RateLimitException.class)
                .isInstanceOf(ApiException.class).hasMessageContaining("slow down");
    }

    @Test
    void aBodyOfAnotherShapeIsRefusedWithWhatWasExpected() {
        assertThatThrownBy(() -> ok("{\"object\":\"list\",\"data\":[]}").outputText())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("outputText() reads a chat completion (\"choices\") or a Responses API response (\"output\"),"
                        + " but the body has neither");
        ApiResponse streamed = new ApiResponse(200, TextNode.valueOf(""), Headers.empty());
        assertThatThrownBy(streamed::outputText).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ChatCompletionAccumulator or ResponseAccumulator");
    }

    @Test
    void itReadsWhatTheClientReturnsFromTheServer() throws Exception {
        try (RecordingServer server = new RecordingServer()) {
            OpenAI client = server.client("sk-test");
            server.replyJson(200, "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"Paris\"}}]}");
            server.replyJson(200, "{\"id\":\"r\",\"output\":[{\"type\":\"message\",\"content\":"
                    + "[{\"type\":\"output_text\",\"text\":\"Lyon\"}]}]}");

            assertThat(client.createChatCompletion(List.of(Messages.user("Capital?")), Map.of()).outputText())
                    .isEqualTo("Paris");
            assertThat(client.createResponse("Second city?").outputText()).isEqualTo("Lyon");
        }
    }
}
