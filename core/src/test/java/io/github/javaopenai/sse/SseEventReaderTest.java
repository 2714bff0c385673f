package io.github.javaopenai.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class SseEventReaderTest {

    @Test
    void readsEventsUntilTheEndOfTheStream() throws IOException {
        try (SseEventReader reader = reader("""
                data: {"n":1}

                : keep-alive
                event: delta
                data: {"n":2}

                """)) {
            assertThat(reader.read()).isEqualTo(SseEvent.of("{\"n\":1}"));
            assertThat(reader.read()).isEqualTo(SseEvent.of("delta", "{\"n\":2}"));
            assertThat(reader.read()).isNull();
            assertThat(reader.read()).isNull();
        }
    }

    @Test
    void lastEventWithoutBlankLineIsDeliveredAtTheEndOfTheStream() throws IOException {
        try (SseEventReader reader = reader("data: a\n\ndata: b")) {
            assertThat(readAll(reader)).containsExactly(SseEvent.of("a"), SseEvent.of("b"));
        }
    }

    @Test
    void decodesTheSameWhateverTheStreamReturnsPerRead() throws IOException {
        byte[] stream = SseDecoderTest.FIXTURE.getBytes(UTF_8);
        for (int step = 1; step <= 9; step++) {
            try (SseEventReader reader = new SseEventReader(new Trickle(stream, step))) {
                assertThat(readAll(reader)).as("%d bytes per read", step)
                        .isEqualTo(SseDecoderTest.FIXTURE_EVENTS);
            }
        }
    }

    @Test
    void iteratesOverTheEvents() {
        SseEventReader reader = reader("data: a\n\ndata: b\n\n");
        List<SseEvent> events = new ArrayList<>();
        reader.forEachRemaining(events::add);
        assertThat(events).containsExactly(SseEvent.of("a"), SseEvent.of("b"));
        assertThat(reader.hasNext()).isFalse();
        assertThatThrownBy(reader::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void hasNextDoesNotSkipAnEvent() throws IOException {
        SseEventReader reader = reader("data: a\n\ndata: b\n\n");
        assertThat(reader.hasNext()).isTrue();
        assertThat(reader.hasNext()).isTrue();
        assertThat(reader.read()).isEqualTo(SseEvent.of("a"));
        assertThat(reader.next()).isEqualTo(SseEvent.of("b"));
    }

    @Test
    void readFailureIsAnIOExceptionFromReadAndUncheckedFromTheIterator() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        assertThatThrownBy(() -> new SseEventReader(failing).read())
                .isInstanceOf(IOException.class).hasMessage("connection reset");
        assertThatThrownBy(() -> new SseEventReader(failing).hasNext())
                .isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void eventLargerThanTheCapRaisesSseExceptionAndEndsReading() throws IOException {
        SseEventReader reader = new SseEventReader(new ChatStream(2), 64);
        assertThatThrownBy(reader::read)
                .isInstanceOf(SseException.class)
                .hasMessageContaining("64 bytes");
        assertThat(reader.read()).isNull();
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void closeClosesTheStreamAndEndsReading() throws IOException {
        boolean[] closed = {false};
        InputStream stream = new ByteArrayInputStream("data: a\n\n".getBytes(UTF_8)) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        SseEventReader reader = new SseEventReader(stream);
        reader.close();
        reader.close();
        assertThat(closed[0]).isTrue();
        assertThat(reader.read()).isNull();
        assertThat(reader.hasNext()).isFalse();
    }

    @Test
    void readsOnlyAsFarAsTheEventsAskedFor() throws IOException {
        ChatStream endless = new ChatStream(Long.MAX_VALUE);
        try (SseEventReader reader = new SseEventReader(endless)) {
            for (int i = 0; i < 3; i++) {
                assertThat(reader.read()).isNotNull();
            }
            assertThat(endless.produced).isEqualTo(SseEventReader.BUFFER_SIZE);
            assertThat(endless.largestRequest).isEqualTo(SseEventReader.BUFFER_SIZE);
        }
    }

    @Test
    void decodesA200MegabyteStreamInBoundedMemory() throws IOException {
        long cycles = 200L * 1024 * 1024 / ChatStream.CYCLE_BYTES + 1;
        ChatStream stream = new ChatStream(cycles);
        long count = 0;
        int largestCapacity = 0;
        try (SseEventReader reader = new SseEventReader(stream)) {
            for (SseEvent event; (event = reader.read()) != null; count++) {
                ChatStream.Expected expected = ChatStream.EVENTS.get((int) (count % ChatStream.EVENTS.size()));
                if (!event.data().equals(expected.data()) || !event.type().equals(expected.type())) {
                    throw new AssertionError("event " + count + " was " + event);
                }
                largestCapacity = Math.max(largestCapacity, reader.bufferCapacity());
            }
        }
        assertThat(stream.produced).isGreaterThan(200L * 1024 * 1024);
        assertThat(count).isEqualTo(cycles * ChatStream.EVENTS.size());
        // Lines are a few hundred bytes, so the buffers never grow past their first sizes.
        assertThat(largestCapacity).isLessThanOrEqualTo(2 * 1024);
    }

    private static SseEventReader reader(String stream) {
        return new SseEventReader(new ByteArrayInputStream(stream.getBytes(UTF_8)));
    }

    private static List<SseEvent> readAll(SseEventReader reader) throws IOException {
        List<SseEvent> events = new ArrayList<>();
        for (SseEvent event; (event = reader.read()) != null; ) {
            events.add(event);
        }
        return events;
    }

    /** Returns at most {@code step} bytes per read, as a slow network would. */
    private static final class Trickle extends ByteArrayInputStream {
        private final int step;

        Trickle(byte[] bytes, int step) {
            super(bytes);
            this.step = step;
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, step));
        }
    }

    /**
     * Generates a chat completion stream of {@code cycles} repetitions of a few events, on the fly,
     * so that no test holds the whole stream in memory.
     */
    private static final class ChatStream extends InputStream {

        record Expected(String type, String data) {}

        static final List<Expected> EVENTS = List.of(
                new Expected("message", chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null")),
                new Expected("message", chunk("{\"content\":\"héllo ✓ 日本 🎉\"}", "null")),
                new Expected("message", chunk("{\"content\":\" plain ascii text\"}", "null")),
                new Expected("delta", chunk("{}", "\"stop\"")));

        static final byte[] CYCLE = (": keep-alive\n\n"
                + "data: " + EVENTS.get(0).data() + "\n\n"
                + "data: " + EVENTS.get(1).data() + "\r\n\r\n"
                + "data:" + EVENTS.get(2).data() + "\r\r"
                + "event: delta\ndata: " + EVENTS.get(3).data() + "\n\n").getBytes(UTF_8);

        static final int CYCLE_BYTES = CYCLE.length;

        private final long cycles;
        private long cycle;
        private int position;
        long produced;
        int largestRequest;

        ChatStream(long cycles) {
            this.cycles = cycles;
        }

        private static String chunk(String delta, String finishReason) {
            return "{\"id\":\"chatcmpl-AbC123\",\"object\":\"chat.completion.chunk\","
                    + "\"created\":1718000000,\"model\":\"gpt-4o-mini-2024-07-18\","
                    + "\"system_fingerprint\":\"fp_0123456789\",\"choices\":[{\"index\":0,\"delta\":"
                    + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}]}";
        }

        @Override
        public int read(byte[] b, int off, int len) {
            largestRequest = Math.max(largestRequest, len);
            if (cycle == cycles) {
                return -1;
            }
            int count = 0;
            while (count < len && cycle < cycles) {
                int n = Math.min(len - count, CYCLE.length - position);
                System.arraycopy(CYCLE, position, b, off + count, n);
                count += n;
                position += n;
                if (position == CYCLE.length) {
                    position = 0;
                    cycle++;
                }
            }
            produced += count;
            return count;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }
    }
}
