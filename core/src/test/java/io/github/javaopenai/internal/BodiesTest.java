package io.github.javaopenai.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodiesTest {

    private static final byte[] BODY = "{\"answer\":\"grüß dich\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void readsExactlyTheAnnouncedLength() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream(BODY);

        assertThat(Bodies.readAll(in, BODY.length)).isEqualTo(BODY);
        assertThat(in.available()).isZero();
    }

    @Test
    void readsEverythingWhenTheBodyIsLongerThanAnnounced() throws Exception {
        assertThat(Bodies.readAll(new ByteArrayInputStream(BODY), 5)).isEqualTo(BODY);
    }

    @Test
    void returnsWhatArrivedWhenTheBodyIsShorterThanAnnounced() throws Exception {
        assertThat(Bodies.readAll(new ByteArrayInputStream(BODY), 1_000_000)).isEqualTo(BODY);
    }

    @Test
    void readsToTheEndWithoutALength() throws Exception {
        assertThat(Bodies.readAll(new ByteArrayInputStream(BODY), -1)).isEqualTo(BODY);
        assertThat(Bodies.readAll(new ByteArrayInputStream(new byte[0]), 0)).isEmpty();
    }

    @Test
    void contentLengthIgnoresMissingAndMalformedValues() {
        assertThat(Bodies.contentLength(" 42 ")).isEqualTo(42);
        assertThat(Bodies.contentLength(null)).isEqualTo(-1);
        assertThat(Bodies.contentLength("lots")).isEqualTo(-1);
    }
}
