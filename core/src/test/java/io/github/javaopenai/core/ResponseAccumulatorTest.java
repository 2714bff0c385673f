package io.github.javaopenai.core;

import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md J159-162: how streamed Responses events become text and a final response. */
class ResponseAccumulatorTest {

    private static ResponseAccumulator feed(String... events) {
        ResponseAccumulator acc = new ResponseAccumulator();
        for (String event : events) {
            acc.accept(json(event));
        }
        return acc;
    }

    @Test
    @DisplayName("J159-160: text deltas are returned by accept and concatenated")
    void concatenatesTextDeltas() {
        ResponseAccumulator acc = new ResponseAccumulator();
        assertThat(acc.accept(json("{\"type\":\"response.created\",\"response\":{\"id\":\"r\"}}"))).isNull();
        assertThat(acc.accept(json("{\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}"))).isEqualTo("Hel");
        assertThat(acc.accept(json("{\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}"))).isEqualTo("lo");
        assertThat(acc.accept(json("{\"type\":\"response.output_text.delta\",\"delta\":5}"))).isNull();
        assertThat(acc.text()).isEqualTo("Hello");
        assertThat(acc.eventCount()).isEqualTo(4);
    }

    @Test
    @DisplayName("J161: response.completed gives the final response and its usage")
    void completedEventGivesTheResponse() {
        ResponseAccumulator acc = feed(
                "{\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}",
                "{\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\",\"output\":[],"
                        + "\"usage\":{\"input_tokens\":4,\"output_tokens\":2,\"output_tokens_details\":{\"reasoning_tokens\":1}}}}");
        assertThat(acc.isCompleted()).isTrue();
        assertThat(acc.response().get("id").asText()).isEqualTo("resp_1");
        assertThat(acc.usage()).isEqualTo(new Usage(4, 2, 0, 1));
    }

    @Test
    @DisplayName("J162: a failed or cut-short stream keeps the partial text and has no response")
    void failedStreamKeepsPartialText() {
        ResponseAccumulator acc = feed(
                "{\"type\":\"response.output_text.delta\",\"delta\":\"part\"}",
                "{\"type\":\"response.failed\",\"response\":{\"id\":\"r\",\"error\":{\"message\":\"boom\"}}}");
        assertThat(acc.isCompleted()).isFalse();
        assertThat(acc.response()).isNull();
        assertThat(acc.text()).isEqualTo("part");
        assertThat(acc.error().get("message").asText()).isEqualTo("boom");
        assertThat(acc.usage()).isEqualTo(Usage.ZERO);
    }

    @Test
    @DisplayName("J162: a response.completed without a string id does not count")
    void completedWithoutIdDoesNotCount() {
        ResponseAccumulator acc = feed("{\"type\":\"response.completed\",\"response\":{\"output\":[]}}");
        assertThat(acc.isCompleted()).isFalse();
    }
}
