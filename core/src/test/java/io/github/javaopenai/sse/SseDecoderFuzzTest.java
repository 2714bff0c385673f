package io.github.javaopenai.sse;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Feeds arbitrary bytes, cut arbitrarily, to {@link SseDecoder}.
 *
 * <p>{@code mvn verify} runs the seeds under {@code SseDecoderFuzzTestInputs/} once each. To
 * fuzz, run {@code JAZZER_FUZZ=1 mvn -pl core test -Dtest=SseDecoderFuzzTest}; findings land in
 * the same directory and are then replayed by every build.
 */
class SseDecoderFuzzTest {

    /** What decoding a stream gave: the events, then the cap failure that stopped it, if any. */
    record Outcome(List<SseEvent> events, String failure) {}

    @FuzzTest(maxDuration = "2m")
    void cutAndWholeStreamsDecodeAlike(FuzzedDataProvider input) {
        int maxEventBytes = input.consumeInt(1, 512);
        int[] cuts = input.consumeInts(input.consumeInt(0, 16));
        byte[] stream = input.consumeRemainingAsBytes();
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = Math.floorMod(cuts[i], stream.length + 1);
        }
        Arrays.sort(cuts);

        // Only SseException is caught: anything else thrown fails the test.
        Outcome whole = decode(stream, maxEventBytes);
        Outcome cut = decode(stream, maxEventBytes, cuts);
        assertThat(cut).isEqualTo(whole);
        if (whole.failure() == null) {
            assertThat(whole.events()).isEqualTo(SseReference.parse(stream));
        }
    }

    private static Outcome decode(byte[] stream, int maxEventBytes, int... cuts) {
        SseDecoder decoder = new SseDecoder(maxEventBytes);
        List<SseEvent> events = new ArrayList<>();
        try {
            int from = 0;
            for (int i = 0; i <= cuts.length; i++) {
                int to = i < cuts.length ? cuts[i] : stream.length;
                decoder.feed(Arrays.copyOfRange(stream, from, to), 0, to - from);
                for (SseEvent event; (event = decoder.next()) != null; ) {
                    events.add(event);
                }
                from = to;
            }
            SseEvent last = decoder.finish();
            if (last != null) {
                events.add(last);
            }
            return new Outcome(events, null);
        } catch (SseException e) {
            assertThat(decoder.bufferCapacity()).isZero();
            return new Outcome(events, e.getMessage());
        }
    }
}
