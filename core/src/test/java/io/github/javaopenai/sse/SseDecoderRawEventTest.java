package io.github.javaopenai.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The byte view of events: {@link SseDecoder#nextRaw()} and {@link SseEventReader#readRaw()}. */
class SseDecoderRawEventTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String dataBytes(SseDecoder.RawEvent event) {
        return new String(Arrays.copyOf(event.dataArray(), event.dataLength()), StandardCharsets.UTF_8);
    }

    @Test
    void rawEventHoldsTheSameFieldsAsTheDecodedOne() {
        byte[] stream = utf8("event: delta\nid: 7\nretry: 1500\ndata: {\"text\":\"grüß 日本 🙂\"}\ndata: second\n\n");
        SseDecoder decoder = new SseDecoder();
        decoder.feed(stream, 0, stream.length);

        SseDecoder.RawEvent raw = decoder.nextRaw();

        assertThat(raw.type()).isEqualTo("delta");
        assertThat(dataBytes(raw)).isEqualTo("{\"text\":\"grüß 日本 🙂\"}\nsecond");
        assertThat(raw.data()).isEqualTo(dataBytes(raw));
        assertThat(raw.toEvent()).isEqualTo(new SseEvent("delta", "{\"text\":\"grüß 日本 🙂\"}\nsecond", "7",
                Duration.ofMillis(1500)));
        assertThat(decoder.nextRaw()).isNull();
    }

    @Test
    void decoderReusesOneRawEventWhoseBytesChangeWithTheNextEvent() {
        byte[] stream = utf8("data: first\n\ndata: second event\n\n");
        SseDecoder decoder = new SseDecoder();
        decoder.feed(stream, 0, stream.length);

        SseDecoder.RawEvent first = decoder.nextRaw();
        assertThat(dataBytes(first)).isEqualTo("first");
        SseDecoder.RawEvent second = decoder.nextRaw();

        assertThat(second).isSameAs(first);
        assertThat(dataBytes(second)).isEqualTo("second event");
    }

    @Test
    void isDoneOnlyForExactlyTheDoneMarker() {
        byte[] stream = utf8("data: [DONE]\n\ndata: [DONE] \n\ndata: [DONE\n\ndata:[DONE]\n\n");
        SseDecoder decoder = new SseDecoder();
        decoder.feed(stream, 0, stream.length);

        assertThat(decoder.nextRaw().isDone()).isTrue();
        assertThat(decoder.nextRaw().isDone()).isFalse();
        assertThat(decoder.nextRaw().isDone()).isFalse();
        assertThat(decoder.nextRaw().isDone()).isTrue();
    }

    @Test
    void finishRawDeliversTheLastEventWithoutABlankLine() {
        byte[] stream = utf8("data: tail");
        SseDecoder decoder = new SseDecoder();
        decoder.feed(stream, 0, stream.length);
        assertThat(decoder.nextRaw()).isNull();

        SseDecoder.RawEvent last = decoder.finishRaw();

        assertThat(last.type()).isEqualTo("message");
        assertThat(dataBytes(last)).isEqualTo("tail");
        assertThat(decoder.finishRaw()).isNull();
    }

    @Test
    void readerReadsRawEventsUntilTheEnd() throws Exception {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(utf8("data: a\n\nevent: x\ndata: b")));

        assertThat(reader.readRaw().data()).isEqualTo("a");
        SseDecoder.RawEvent last = reader.readRaw();
        assertThat(last.type()).isEqualTo("x");
        assertThat(last.data()).isEqualTo("b");
        assertThat(reader.readRaw()).isNull();
    }

    @Test
    void readerRefusesRawReadsAfterHasNextReadAhead() {
        SseEventReader reader = new SseEventReader(new ByteArrayInputStream(utf8("data: a\n\n")));
        assertThat(reader.hasNext()).isTrue();

        assertThatThrownBy(reader::readRaw)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("read ahead by hasNext()");
        assertThat(reader.next()).isEqualTo(SseEvent.of("a"));
    }
}
