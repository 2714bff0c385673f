package io.github.javaopenai.sse;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SseDecoderTest {

    /** Every line ending, comments, a BOM, multi-line data and multi-byte text, in ~200 bytes. */
    static final String FIXTURE = "\uFEFF" + """
            : welcome\r
            event: greeting\rdata: héllo ✓\r
            data:日本 🎉\r
            \r
            id: 7
            data: {"a":1}\r\r: ping
            data

            retry: 2500
            event: x
            data:  two spaces
            data: ∑\r
            \r
            data: [DONE]

            data: tail 🎉""";

    static final List<SseEvent> FIXTURE_EVENTS = List.of(
            new SseEvent("greeting", "héllo ✓\n日本 🎉", null, null),
            new SseEvent("message", "{\"a\":1}", "7", null),
            new SseEvent("message", "", "7", null),
            new SseEvent("x", " two spaces\n∑", "7", Duration.ofMillis(2500)),
            new SseEvent("message", "[DONE]", "7", Duration.ofMillis(2500)),
            new SseEvent("message", "tail 🎉", "7", Duration.ofMillis(2500)));

    // Line endings

    @Test
    void lfCrAndCrlfEachEndALine() {
        assertThat(decode("data: a\ndata: b\rdata: c\r\n\n")).containsExactly(SseEvent.of("a\nb\nc"));
        assertThat(decode("data: a\r\rdata: b\r\n\r\ndata: c\n\n")).containsExactly(
                SseEvent.of("a"), SseEvent.of("b"), SseEvent.of("c"));
    }

    @Test
    void crAndLfSplitAcrossFeedsCountAsOneLineEnd() {
        // Were the LF a second line end, it would dispatch "a" alone.
        assertThat(decodeInPieces("data: a\r", "\ndata: b\n\n")).containsExactly(SseEvent.of("a\nb"));
        assertThat(decodeInPieces("data: a\r", "", "\n", "\r\n")).containsExactly(SseEvent.of("a"));
    }

    @Test
    void crAtEndOfFeedThenOtherTextStartsTheNextLine() {
        assertThat(decodeInPieces("data: a\r", "data: b\r", "\r")).containsExactly(SseEvent.of("a\nb"));
    }

    @Test
    void lfAfterCrLfIsABlankLine() {
        assertThat(decode("data: a\r\n\ndata: b\n\n"))
                .containsExactly(SseEvent.of("a"), SseEvent.of("b"));
    }

    // Byte order mark

    @Test
    void leadingByteOrderMarkIsSkipped() {
        assertThat(decode("\uFEFFdata: x\n\n")).containsExactly(SseEvent.of("x"));
    }

    @Test
    void byteOrderMarkSplitAcrossFeedsIsSkipped() {
        byte[] stream = bytes("\uFEFFdata: x\n\n");
        assertThat(decodeAt(stream, 1, 2)).containsExactly(SseEvent.of("x"));
        assertThat(decodeAt(stream, 1)).containsExactly(SseEvent.of("x"));
        assertThat(decodeAt(stream, 2, 3)).containsExactly(SseEvent.of("x"));
    }

    @Test
    void onlyOneLeadingByteOrderMarkIsSkipped() {
        // The second one is part of the field name "\uFEFFdata", which is unknown.
        assertThat(decode("\uFEFF\uFEFFdata: x\n\n")).isEmpty();
        assertThat(decode("data: x\n\n\uFEFFdata: y\n\n")).containsExactly(SseEvent.of("x"));
    }

    @Test
    void partialByteOrderMarkIsLineContent() {
        byte[] partial = {(byte) 0xEF, (byte) 0xBB, 'd', 'a', 't', 'a', ':', 'x', '\n', '\n'};
        assertThat(decodeAt(partial, 1)).isEmpty();
        byte[] thenData = {(byte) 0xEF, '\n', 'd', 'a', 't', 'a', ':', 'x', '\n', '\n'};
        assertThat(decodeAt(thenData, 1)).containsExactly(SseEvent.of("x"));
        assertThat(decodeAt(new byte[] {(byte) 0xEF, (byte) 0xBB})).isEmpty();
    }

    // Comments and fields

    @Test
    void commentLinesAreIgnored() {
        assertThat(decode("""
                : this is a comment
                :
                data: a
                :data: b

                """)).containsExactly(SseEvent.of("a"));
    }

    @Test
    void eventFieldSetsTheTypeOfThisEventOnly() {
        assertThat(decode("""
                event: add
                data: 1

                data: 2

                """)).containsExactly(SseEvent.of("add", "1"), SseEvent.of("message", "2"));
    }

    @Test
    void emptyEventFieldMeansMessage() {
        assertThat(decode("event: add\nevent:\ndata: 1\n\n")).containsExactly(SseEvent.of("1"));
        assertThat(decode("event\ndata: 1\n\n")).containsExactly(SseEvent.of("1"));
    }

    @Test
    void repeatedEventTypesDecodeAlike() {
        assertThat(decode("""
                event: response.output_text.delta
                data: a

                event: response.output_text.delta
                data: b

                event: response.completed
                data: c

                """)).extracting(SseEvent::type).containsExactly(
                        "response.output_text.delta", "response.output_text.delta", "response.completed");
    }

    @Test
    void dataIsTakenWithOrWithoutASpaceAfterTheColon() {
        assertThat(decode("data: {\"a\":1}\n\ndata:{\"a\":1}\n\n"))
                .containsExactly(SseEvent.of("{\"a\":1}"), SseEvent.of("{\"a\":1}"));
    }

    @Test
    void onlyOneSpaceAfterTheColonIsDropped() {
        assertThat(decode("data:  x \n\n")).containsExactly(SseEvent.of(" x "));
        assertThat(decode("data:\tx\n\n")).containsExactly(SseEvent.of("\tx"));
    }

    @Test
    void colonsInTheValueAreKept() {
        assertThat(decode("data: a:b: c\n\n")).containsExactly(SseEvent.of("a:b: c"));
    }

    @Test
    void dataLinesOfOneEventJoinWithLineFeed() {
        assertThat(decode("""
                data: first
                data:
                data: third

                """)).containsExactly(SseEvent.of("first\n\nthird"));
    }

    @Test
    void fieldWithoutColonHasAnEmptyValue() {
        assertThat(decode("data\n\n")).containsExactly(SseEvent.of(""));
        assertThat(decode("data\ndata\n\n")).containsExactly(SseEvent.of("\n"));
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertThat(decode("""
                foo: bar
                Data: upper case
                data : space before colon
                dataX: longer name
                dat: shorter name
                data: kept

                """)).containsExactly(SseEvent.of("kept"));
    }

    @Test
    void blankLineWithoutDataDispatchesNothing() {
        assertThat(decode("\n\n\nevent: add\n\nid: 1\n\nretry: 5\n\n")).isEmpty();
    }

    @Test
    void blankLineWithoutDataStillResetsTheType() {
        assertThat(decode("event: add\n\ndata: x\n\n")).containsExactly(SseEvent.of("x"));
    }

    @Test
    void idSetsTheLastEventIdForThisAndLaterEvents() {
        assertThat(decode("""
                id: 1

                data: a

                id: 2
                data: b

                data: c

                """)).extracting(SseEvent::id).containsExactly("1", "2", "2");
    }

    @Test
    void idContainingNulIsIgnored() {
        assertThat(decode("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n"))
                .extracting(SseEvent::id).containsExactly("1", "1");
    }

    @Test
    void emptyIdClearsTheLastEventId() {
        assertThat(decode("id: 1\ndata: a\n\nid\ndata: b\n\nid: 3\ndata: c\n\nid:\ndata: d\n\n"))
                .extracting(SseEvent::id).containsExactly("1", null, "3", null);
    }

    @Test
    void retryTakesAsciiDigitsOnly() {
        assertThat(decode("""
                data: before

                retry: 1000
                data: a

                retry: 10a
                retry: -5
                retry: 1.5
                retry:  7
                retry:
                retry: ٣
                data: b

                """)).extracting(SseEvent::retry)
                .containsExactly(null, Duration.ofMillis(1000), Duration.ofMillis(1000));
    }

    @Test
    void retryTooLargeForALongSaturates() {
        assertThat(decode("retry: 99999999999999999999999\ndata: x\n\n"))
                .extracting(SseEvent::retry).containsExactly(Duration.ofMillis(Long.MAX_VALUE));
    }

    @Test
    void nulInDataIsKept() {
        assertThat(decode("data: a\0b\n\n")).containsExactly(SseEvent.of("a\0b"));
    }

    // End of stream

    @Test
    void finishDeliversTheEventPendingWithoutABlankLine() {
        assertThat(decode("data: a\n\ndata: b\n")).containsExactly(SseEvent.of("a"), SseEvent.of("b"));
    }

    @Test
    void finishTreatsAnUnendedLastLineAsALine() {
        assertThat(decode("event: e\ndata: a\ndata: b")).containsExactly(SseEvent.of("e", "a\nb"));
        assertThat(decode("data: a\r")).containsExactly(SseEvent.of("a"));
    }

    @Test
    void finishReturnsNullWhenNothingIsPending() {
        SseDecoder decoder = new SseDecoder();
        feed(decoder, "data: a\n\n: comment\nevent: e");
        assertThat(decoder.next()).isEqualTo(SseEvent.of("a"));
        assertThat(decoder.next()).isNull();
        assertThat(decoder.finish()).isNull();
        assertThat(decoder.finish()).isNull();
    }

    @Test
    void emptyStreamHasNoEvents() {
        assertThat(decode("")).isEmpty();
        assertThat(new SseDecoder().finish()).isNull();
    }

    // UTF-8

    @Test
    void multiByteCharactersSurviveEverySplit() {
        byte[] stream = bytes("data: héllo ✓ 日本 🎉\n\n");
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(decodeAt(stream, cut)).containsExactly(SseEvent.of("héllo ✓ 日本 🎉"));
        }
    }

    @Test
    void malformedUtf8IsReplacedAsTheEncodingStandardSays() {
        assertThat(decodeData(0xFF)).isEqualTo("\uFFFD");
        assertThat(decodeData(0xC3)).isEqualTo("\uFFFD"); // cut short by the line end
        assertThat(decodeData(0xE6, 0x97, 'x')).isEqualTo("\uFFFDx");
        assertThat(decodeData(0xC0, 0x80)).isEqualTo("\uFFFD\uFFFD"); // overlong
        assertThat(decodeData(0xED, 0xA0, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD"); // surrogate
        assertThat(decodeData(0xF4, 0x90, 0x80, 0x80)).isEqualTo("\uFFFD\uFFFD\uFFFD\uFFFD");
        assertThat(decodeData(0xF0, 0x9F, 0x8E)).isEqualTo("\uFFFD");
        assertThat(decodeData(0xEF, 0xBF, 0xBD, 0xC3, 0xA9)).isEqualTo("\uFFFDé");
    }

    @Test
    void malformedUtf8AtTheEndOfALineDoesNotSwallowTheNextLine() {
        byte[] stream = {'d', 'a', 't', 'a', ':', (byte) 0xE6, (byte) 0x97, '\n',
                'd', 'a', 't', 'a', ':', 'x', '\n', '\n'};
        assertThat(decodeAt(stream)).containsExactly(SseEvent.of("\uFFFD\nx"));
    }

    // Misuse

    @Test
    void feedingBeforeThePreviousChunkIsUsedUpIsRejected() {
        SseDecoder decoder = new SseDecoder();
        feed(decoder, "data: a\n\ndata: b\n\n");
        assertThat(decoder.next()).isEqualTo(SseEvent.of("a"));
        assertThatThrownBy(() -> feed(decoder, "data: c\n\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("next()");
    }

    @Test
    void finishingWithUnreadInputIsRejected() {
        SseDecoder decoder = new SseDecoder();
        feed(decoder, "data: a\n\n");
        assertThatThrownBy(decoder::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void feedingAfterFinishIsRejected() {
        SseDecoder decoder = new SseDecoder();
        decoder.finish();
        assertThatThrownBy(() -> feed(decoder, "data: a\n\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("finished");
    }

    @Test
    void feedChecksTheRange() {
        SseDecoder decoder = new SseDecoder();
        assertThatThrownBy(() -> decoder.feed(new byte[4], 2, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> decoder.feed(new byte[4], -1, 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void capMustBePositive() {
        assertThatThrownBy(() -> new SseDecoder(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxEventBytes must be positive: 0");
    }

    // The cap

    @Test
    void eventLargerThanTheCapRaisesSseException() {
        SseDecoder decoder = new SseDecoder(16);
        feed(decoder, "data: 0123456789x\n\n");
        assertThatThrownBy(decoder::next)
                .isInstanceOf(SseException.class)
                .hasMessageContaining("limit of 16 bytes")
                .hasMessageContaining("maxEventBytes");
    }

    @Test
    void eventOfExactlyTheCapIsAccepted() {
        SseDecoder decoder = new SseDecoder(16);
        feed(decoder, "data: 0123456789\n\n"); // 16 bytes before the line end
        assertThat(decoder.next()).isEqualTo(SseEvent.of("0123456789"));
    }

    @Test
    void capCountsTheDataAlreadyBufferedForTheEvent() {
        // "0123456789\n" is buffered (11 bytes), then an 8-byte line: 19 > 16.
        SseDecoder decoder = new SseDecoder(16);
        feed(decoder, "data: 0123456789\ndata: ab\n\n");
        assertThatThrownBy(decoder::next).isInstanceOf(SseException.class);
    }

    @Test
    void capAppliesToEachEventNotToTheStream() {
        SseDecoder decoder = new SseDecoder(16);
        List<SseEvent> events = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            feed(decoder, "data: 0123456789\n\n");
            for (SseEvent event; (event = decoder.next()) != null; ) {
                events.add(event);
            }
        }
        assertThat(events).hasSize(1000);
    }

    @Test
    void capStopsAnEndlessLineBeforeItEnds() {
        SseDecoder decoder = new SseDecoder(4096);
        byte[] chunk = new byte[1000];
        Arrays.fill(chunk, (byte) 'x');
        assertThatThrownBy(() -> {
            for (int i = 0; i < 10; i++) { // 10 KB of one line: the 4 KB cap must stop it well before
                decoder.feed(chunk, 0, chunk.length);
                assertThat(decoder.next()).isNull();
                assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(4096);
            }
        }).isInstanceOf(SseException.class);
    }

    @Test
    void capAppliesToCommentsToo() {
        // A comment split across feeds must be buffered, so the cap cannot depend on the split.
        SseDecoder decoder = new SseDecoder(8);
        feed(decoder, ": a long comment\n");
        assertThatThrownBy(decoder::next).isInstanceOf(SseException.class);
    }

    @Test
    void decoderIsClosedAfterTheCapIsExceeded() {
        SseDecoder decoder = new SseDecoder(8);
        feed(decoder, "data: too long\n\n");
        assertThatThrownBy(decoder::next).isInstanceOf(SseException.class);
        assertThat(decoder.next()).isNull();
        assertThat(decoder.bufferCapacity()).isZero();
        assertThatThrownBy(() -> feed(decoder, "data: x\n\n"))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void buffersGrownForALargeEventAreNotKeptAfterIt() {
        SseDecoder decoder = new SseDecoder();
        String big = "x".repeat(1_000_000);
        byte[] stream = bytes("data: " + big + "\n\ndata: small\n\n");
        decoder.feed(stream, 0, 500_000);
        assertThat(decoder.next()).isNull();
        assertThat(decoder.bufferCapacity()).isGreaterThanOrEqualTo(500_000);
        decoder.feed(stream, 500_000, stream.length - 500_000);
        assertThat(decoder.next()).isEqualTo(SseEvent.of(big));
        assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(64 * 1024);
        assertThat(decoder.next()).isEqualTo(SseEvent.of("small"));
        assertThat(decoder.next()).isNull();
    }

    @Test
    void buffersStaySmallForSmallEvents() {
        SseDecoder decoder = new SseDecoder();
        byte[] stream = bytes("data: {\"choices\":[{\"delta\":{\"content\":\"hi\"}}]}\n\n".repeat(50));
        int events = 0;
        for (int from = 0; from < stream.length; from += 7) {
            decoder.feed(stream, from, Math.min(7, stream.length - from));
            while (decoder.next() != null) {
                events++;
                assertThat(decoder.bufferCapacity()).isLessThanOrEqualTo(512);
            }
        }
        assertThat(events).isEqualTo(50);
    }

    // Splits

    @Test
    void fixtureDecodesToItsEvents() {
        assertThat(decode(FIXTURE)).containsExactlyElementsOf(FIXTURE_EVENTS);
        assertThat(SseReference.parse(bytes(FIXTURE))).containsExactlyElementsOf(FIXTURE_EVENTS);
    }

    @Test
    void everySplitIntoTwoFeedsGivesTheSameEvents() {
        byte[] stream = bytes(FIXTURE);
        for (int cut = 0; cut <= stream.length; cut++) {
            assertThat(decodeAt(stream, cut)).as("cut at %d", cut).isEqualTo(FIXTURE_EVENTS);
        }
    }

    @Test
    void everySplitIntoThreeFeedsGivesTheSameEvents() {
        byte[] stream = bytes(FIXTURE);
        for (int first = 0; first <= stream.length; first++) {
            for (int second = first; second <= stream.length; second++) {
                assertThat(decodeAt(stream, first, second))
                        .as("cuts at %d and %d", first, second).isEqualTo(FIXTURE_EVENTS);
            }
        }
    }

    @Test
    void randomSplitsIntoManyFeedsGiveTheSameEvents() {
        byte[] stream = bytes(FIXTURE);
        Random random = new Random(20240601);
        for (int i = 0; i < 500; i++) {
            int[] cuts = randomCuts(random, stream.length, 1 + random.nextInt(stream.length));
            assertThat(decodeAt(stream, cuts)).as("cuts %s", Arrays.toString(cuts))
                    .isEqualTo(FIXTURE_EVENTS);
        }
    }

    @Test
    void randomStreamsDecodeAsTheReferenceReadingOfTheStandard() {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            byte[] stream = randomStream(random);
            List<SseEvent> expected = SseReference.parse(stream);
            int[] cuts = randomCuts(random, stream.length, random.nextInt(12));
            assertThat(decodeAt(stream, cuts))
                    .as("stream %s cut at %s", Arrays.toString(stream), Arrays.toString(cuts))
                    .isEqualTo(expected);
        }
    }

    /** The behaviours of the Lua library's SSE parser (docs/lua-parity.md D48-65) that concern decoding. */
    @Nested
    class LikeTheLuaLibrary {

        @Test // D48
        void singleDataLineGivesOneEvent() {
            assertThat(decode("data: {\"a\":1}\n\n")).containsExactly(SseEvent.of("{\"a\":1}"));
        }

        @Test // D49
        void severalEventsInOneChunkComeOutInOrder() {
            assertThat(decode("data: {\"n\":1}\n\ndata: {\"n\":2}\n\ndata: {\"n\":3}\n\n"))
                    .extracting(SseEvent::data).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        }

        @Test // D50, D51
        void eventSplitAcrossChunksComesOutOnceComplete() {
            SseDecoder decoder = new SseDecoder();
            feed(decoder, "data: {\"content\":\"hel");
            assertThat(decoder.next()).isNull();
            feed(decoder, "lo\"}\n");
            assertThat(decoder.next()).isNull();
            feed(decoder, "\n");
            assertThat(decoder.next()).isEqualTo(SseEvent.of("{\"content\":\"hello\"}"));
        }

        @Test // D52
        void dataPrefixSplitAcrossChunksIsRecognised() {
            assertThat(decodeInPieces("dat", "a: {}\n\n")).containsExactly(SseEvent.of("{}"));
            assertThat(decodeInPieces("data", ":", " ", "{}\n\n")).containsExactly(SseEvent.of("{}"));
        }

        @Test // D53, D69
        void commentsBetweenEventsGiveNoEvents() {
            assertThat(decode("""
                    : OPENROUTER PROCESSING

                    data: {"n":1}

                    : keep-alive
                    data: {"n":2}

                    """)).hasSize(2);
        }

        @Test // D54
        void doneIsAnEventAndLaterEventsStillCome() {
            List<SseEvent> events = decode("data: {}\n\ndata: [DONE]\n\ndata: {\"late\":1}\n\n");
            assertThat(events).extracting(SseEvent::isDone).containsExactly(false, true, false);
        }

        @Test // D55: a Java decision by the standard; the Lua library accepts the line
        void whitespaceBeforeTheFieldNameMakesAnUnknownField() {
            assertThat(decode("  data: {\"a\":1}\n\n\tdata: {\"b\":2}\n\n")).isEmpty();
        }

        @Test // D56: a CR is a line end; other trailing whitespace is data, and harmless to JSON
        void trailingWhitespaceIsKeptButCrIsALineEnd() {
            assertThat(decode("data: {\"a\":1}  \r\n\r\n"))
                    .containsExactly(SseEvent.of("{\"a\":1}  "));
        }

        @Test // D57
        void blankLinesAloneGiveNoEvents() {
            assertThat(decode("\n\n\r\n\rdata: x\n\n\n\n")).containsExactly(SseEvent.of("x"));
        }

        @Test // D58: the Java decoder reads these fields instead of dropping them
        void eventIdAndRetryLinesDoNotHideTheData() {
            assertThat(decode("event: delta\nid: 9\nretry: 3000\ndata: {}\n\n"))
                    .containsExactly(new SseEvent("delta", "{}", "9", Duration.ofSeconds(3)));
        }

        @Test // D59, D62: the decoder hands over text and leaves JSON to its caller
        void dataThatIsNotAJsonObjectIsHandedOverAsText() {
            assertThat(decode("data: not json {\n\ndata: \"s\"\n\ndata: 42\n\ndata: null\n\n"))
                    .extracting(SseEvent::data).containsExactly("not json {", "\"s\"", "42", "null");
        }

        @Test // D61
        void dataWithoutSpaceIsAcceptedButUpperCaseIsNot() {
            assertThat(decode("data:{}\n\nDATA: {}\n\n")).containsExactly(SseEvent.of("{}"));
        }

        @Test // D63
        void multiLineDataIsJoinedWithLineFeed() {
            assertThat(decode("data: {\"a\":\ndata: 1}\n\n")).containsExactly(SseEvent.of("{\"a\":\n1}"));
        }

        @Test // D64
        void finalEventWithoutTrailingNewlineIsDelivered() {
            assertThat(decode("data: {\"a\":1}\n\ndata: {\"last\":true}"))
                    .extracting(SseEvent::data).containsExactly("{\"a\":1}", "{\"last\":true}");
        }

        @Test // D65
        void errorObjectIsAnOrdinaryEvent() {
            assertThat(decode("data: {\"error\":{\"message\":\"boom\"}}\n\n"))
                    .containsExactly(SseEvent.of("{\"error\":{\"message\":\"boom\"}}"));
        }
    }

    // Helpers

    static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }

    static List<SseEvent> decode(String stream) {
        return decodeAt(bytes(stream));
    }

    static List<SseEvent> decodeInPieces(String... pieces) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<Integer> cuts = new ArrayList<>();
        for (String piece : pieces) {
            stream.writeBytes(bytes(piece));
            cuts.add(stream.size());
        }
        return decodeAt(stream.toByteArray(), cuts.stream().mapToInt(Integer::intValue).toArray());
    }

    static String decodeData(int... payload) {
        byte[] stream = new byte[payload.length + 7];
        System.arraycopy(bytes("data:"), 0, stream, 0, 5);
        for (int i = 0; i < payload.length; i++) {
            stream[5 + i] = (byte) payload[i];
        }
        stream[stream.length - 2] = '\n';
        stream[stream.length - 1] = '\n';
        List<SseEvent> events = decodeAt(stream);
        assertThat(events).hasSize(1);
        return events.get(0).data();
    }

    static List<SseEvent> decodeAt(byte[] stream, int... cuts) {
        return decodeAt(new SseDecoder(), stream, cuts);
    }

    /**
     * Feeds the stream cut at the given ascending positions and collects every event. Like a
     * reader, it passes each piece in one reused array, at an offset, and scribbles over the array
     * once the decoder is done with it, so a decoder that kept a reference would be caught.
     */
    static List<SseEvent> decodeAt(SseDecoder decoder, byte[] stream, int... cuts) {
        List<SseEvent> events = new ArrayList<>();
        byte[] buffer = new byte[stream.length + 3];
        int from = 0;
        for (int i = 0; i <= cuts.length; i++) {
            int to = i < cuts.length ? cuts[i] : stream.length;
            System.arraycopy(stream, from, buffer, 3, to - from);
            decoder.feed(buffer, 3, to - from);
            for (SseEvent event; (event = decoder.next()) != null; ) {
                events.add(event);
            }
            Arrays.fill(buffer, (byte) '\n');
            from = to;
        }
        SseEvent last = decoder.finish();
        if (last != null) {
            events.add(last);
        }
        return events;
    }

    static void feed(SseDecoder decoder, String text) {
        byte[] bytes = bytes(text);
        decoder.feed(bytes, 0, bytes.length);
    }

    static int[] randomCuts(Random random, int length, int count) {
        int[] cuts = new int[count];
        for (int i = 0; i < count; i++) {
            cuts[i] = random.nextInt(length + 1);
        }
        Arrays.sort(cuts);
        return cuts;
    }

    private static final byte[][] TOKENS = {
            bytes("data"), bytes("data:"), bytes("data: "), bytes("event"), bytes("event: "),
            bytes("id: "), bytes("id"), bytes("retry: "), bytes("retry:"), bytes(":"), bytes(" "),
            bytes("12"), bytes("x"), bytes("é"), bytes("🎉"), bytes("[DONE]"), bytes("{\"a\":1}"),
            bytes("\n"), bytes("\n"), bytes("\n"), bytes("\r"), bytes("\r\n"), bytes("\n\n"),
            bytes("\uFEFF"), {0}, {(byte) 0xFF}, {(byte) 0xE6}, {(byte) 0x97}, {(byte) 0xF0},
            {(byte) 0xED}, {(byte) 0xA0}, {(byte) 0x80}, {(byte) 0xEF}, {(byte) 0xBB}, {(byte) 0xBF}};

    static byte[] randomStream(Random random) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int tokens = random.nextInt(40);
        for (int i = 0; i < tokens; i++) {
            stream.writeBytes(TOKENS[random.nextInt(TOKENS.length)]);
        }
        return stream.toByteArray();
    }
}
