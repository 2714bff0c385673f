package io.github.javaopenai.core;

import io.github.javaopenai.RecordingServer;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md I123, I125-130 and I133-134: how streamed chat chunks become one assistant message. */
public class ChatCompletionAccumulatorTest {

    public static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ChatCompletionAccumulator feed(String... events) {
        ChatCompletionAccumulator acc = new ChatCompletionAccumulator();
        for (String event : events) {
            acc.accept(json(event));
        }
        return acc;
    }

    private static String content(String text) {
        return "{\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}";
    }

    @Test
    @DisplayName("I123: the text is the concatenation of every content delta")
    void concatenatesContentDeltas() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\"}}]}",
                content("This is "), content("a chat "), content("response."),
                "{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        assertThat(acc.text()).isEqualTo("This is a chat response.");
        assertThat(acc.finishReason()).isEqualTo("stop");
        assertThat(acc.message()).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"This is a chat response.\"}"));
    }

    @Test
    @DisplayName("I123: accept returns the content delta of the event, or null")
    void acceptReturnsTheDelta() {
        ChatCompletionAccumulator acc = new ChatCompletionAccumulator();
        assertThat(acc.accept(json(content("hi")))).isEqualTo("hi");
        assertThat(acc.accept(json("{\"choices\":[]}"))).isNull();
        assertThat(acc.eventCount()).isEqualTo(2);
    }

    @Test
    @DisplayName("I125: tool-call deltas merge by index; last non-null id, type and name win; arguments concatenate")
    void mergesToolCallDeltasByIndex() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"a\\\":\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"id\":null,\"function\":{\"name\":\"sum\",\"arguments\":\"1}\"}}]}}]}");
        assertThat(acc.toolCalls()).isEqualTo(json(
                "[{\"id\":\"call_1\",\"type\":\"function\",\"function\":{\"name\":\"sum\",\"arguments\":\"{\\\"a\\\":1}\"}}]"));
    }

    @Test
    @DisplayName("I126: a tool call with no type gets type function")
    void toolCallWithoutTypeBecomesFunction() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
        assertThat(acc.toolCalls().get(0).get("type").asText()).isEqualTo("function");
    }

    @Test
    @DisplayName("I127: tool calls and no text give {role, tool_calls} with no content key")
    void toolCallsWithoutTextHaveNoContentKey() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
        assertThat(RecordingServer.names(acc.message())).containsExactly("role", "tool_calls");
        assertThat(acc.hasText()).isFalse();
    }

    @Test
    @DisplayName("I128: text and tool calls are both kept")
    void textAndToolCallsAreBothKept() {
        ChatCompletionAccumulator acc = feed(content("Let me add."),
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
        assertThat(RecordingServer.names(acc.message())).containsExactly("role", "content", "tool_calls");
        assertThat(acc.message().get("content").asText()).isEqualTo("Let me add.");
    }

    @Test
    @DisplayName("I129: several tool calls come out ordered by index")
    void severalToolCallsAreOrderedByIndex() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":1,\"id\":\"second\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"first\",\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
        assertThat(acc.toolCalls()).extracting(call -> call.get("id").asText()).containsExactly("first", "second");
    }

    @Test
    @DisplayName("I130: no text and no tool calls give {role: assistant}")
    void emptyStreamGivesBareAssistantMessage() {
        ChatCompletionAccumulator acc = feed("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        assertThat(acc.message()).isEqualTo(json("{\"role\":\"assistant\"}"));
    }

    @Test
    @DisplayName("I133 (Java decision): a delta with tool_calls null counts as absent")
    void nullToolCallsAreAbsent() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\",\"tool_calls\":null}}]}");
        assertThat(acc.message()).isEqualTo(json("{\"role\":\"assistant\",\"content\":\"ok\"}"));
    }

    @Test
    @DisplayName("I134 (Java decision): a streamed tool call with no arguments gets the empty string")
    void missingArgumentsBecomeEmptyString() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"c\",\"type\":\"function\",\"function\":{\"name\":\"now\"}}]}}]}");
        assertThat(acc.toolCalls().get(0).at("/function/arguments").textValue()).isEmpty();
    }

    @Test
    void gathersRefusalUsageIdModelAndErrors() {
        ChatCompletionAccumulator acc = feed(
                "{\"id\":\"chatcmpl-1\",\"model\":\"gpt-x\",\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"I can't \"}}]}",
                "{\"choices\":[{\"index\":0,\"delta\":{\"refusal\":\"help.\"}}]}",
                "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"prompt_tokens_details\":{\"cached_tokens\":2}}}",
                "{\"error\":{\"message\":\"overloaded\"}}");
        assertThat(acc.refusal()).isEqualTo("I can't help.");
        assertThat(acc.message().get("refusal").asText()).isEqualTo("I can't help.");
        assertThat(acc.usage()).isEqualTo(new Usage(7, 3, 2, 0));
        assertThat(acc.id()).isEqualTo("chatcmpl-1");
        assertThat(acc.model()).isEqualTo("gpt-x");
        assertThat(acc.error().get("message").asText()).isEqualTo("overloaded");
    }

    @Test
    void onlyTheFirstChoiceIsGathered() {
        ChatCompletionAccumulator acc = feed(
                "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"a\"}},{\"index\":1,\"delta\":{\"content\":\"b\"}}]}",
                "{\"choices\":[{\"index\":1,\"delta\":{\"content\":\"c\"}}]}");
        assertThat(acc.text()).isEqualTo("a");
    }

    @Test
    void nonObjectEventsAreIgnored() {
        ChatCompletionAccumulator acc = feed("\"just a string\"", "42", content("x"));
        assertThat(acc.text()).isEqualTo("x");
        assertThat(acc.eventCount()).isEqualTo(3);
    }
}
