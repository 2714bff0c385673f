package io.github.javaopenai.core;

import static io.github.javaopenai.core.ChatCompletionAccumulatorTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsageTest {

    @Test
    void readsChatCompletionsUsage() {
        assertThat(Usage.from(json("{\"prompt_tokens\":10,\"completion_tokens\":5,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":4},\"completion_tokens_details\":{\"reasoning_tokens\":2}}")))
                .isEqualTo(new Usage(10, 5, 4, 2));
    }

    @Test
    void readsResponsesUsage() {
        assertThat(Usage.from(json("{\"input_tokens\":8,\"output_tokens\":3,"
                + "\"input_tokens_details\":{\"cached_tokens\":1},\"output_tokens_details\":{\"reasoning_tokens\":2}}")))
                .isEqualTo(new Usage(8, 3, 1, 2));
    }

    @Test
    void missingUsageIsZero() {
        assertThat(Usage.from(null)).isEqualTo(Usage.ZERO);
        assertThat(Usage.from(json("\"text\""))).isEqualTo(Usage.ZERO);
    }

    @Test
    void addsUp() {
        assertThat(new Usage(1, 2, 3, 4).plus(new Usage(10, 20, 30, 40))).isEqualTo(new Usage(11, 22, 33, 44));
        assertThat(new Usage(1, 2, 0, 0).totalTokens()).isEqualTo(3);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> new Usage(-1, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }
}
