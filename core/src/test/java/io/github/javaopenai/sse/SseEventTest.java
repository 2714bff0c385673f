package io.github.javaopenai.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SseEventTest {

    @Test
    void ofMakesAMessageWithoutIdOrRetry() {
        assertThat(SseEvent.of("{}")).isEqualTo(new SseEvent("message", "{}", null, null));
        assertThat(SseEvent.of("delta", "{}")).isEqualTo(new SseEvent("delta", "{}", null, null));
    }

    @Test
    void isDoneOnlyForTheExactDoneMarker() {
        assertThat(SseEvent.of("[DONE]").isDone()).isTrue();
        assertThat(SseEvent.of("[DONE] ").isDone()).isFalse();
        assertThat(SseEvent.of("[done]").isDone()).isFalse();
        assertThat(SseEvent.of("{}").isDone()).isFalse();
    }

    @Test
    void idAndRetryMayBeNull() {
        SseEvent event = new SseEvent("message", "", "7", Duration.ofSeconds(1));
        assertThat(event.id()).isEqualTo("7");
        assertThat(event.retry()).isEqualTo(Duration.ofSeconds(1));
        assertThat(SseEvent.of("").id()).isNull();
    }

    @Test
    void typeAndDataAreRequired() {
        assertThatThrownBy(() -> new SseEvent(null, "", null, null))
                .isInstanceOf(NullPointerException.class).hasMessage("type == null");
        assertThatThrownBy(() -> SseEvent.of(null))
                .isInstanceOf(NullPointerException.class).hasMessage("data == null");
    }
}
