package io.github.javaopenai.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void floorCountsTheContentOfEveryChunk() throws Exception {
        byte[] stream = Payloads.chatStream(100);

        assertThat(FloorClient.readEvents(new ByteArrayInputStream(stream))).isEqualTo(Payloads.expectedChars(100));
    }

    @Test
    void streamHasNonAsciiTextAndEndsWithDone() {
        String stream = new String(Payloads.chatStream(40), java.nio.charset.StandardCharsets.UTF_8);

        assertThat(stream).contains("wörld", "日本語", "🙂", "\"finish_reason\":\"stop\"").endsWith("data: [DONE]\n\n");
    }

    @Test
    void shapeReadsThePathPrefix() {
        assertThat(LoopbackServer.Shape.of("/e300/p50/v1/chat/completions"))
                .isEqualTo(new LoopbackServer.Shape(300, 0, 50, 0));
        assertThat(LoopbackServer.Shape.of("/b1048576/v1/chat/completions"))
                .isEqualTo(new LoopbackServer.Shape(20_000, 1_048_576, 0, 0));
        assertThat(LoopbackServer.Shape.of("/h300/v1/chat/completions").holdMillis()).isEqualTo(300);
        assertThat(LoopbackServer.Shape.of("/v1/e5/chat/completions").events()).isEqualTo(20_000);
    }
}
