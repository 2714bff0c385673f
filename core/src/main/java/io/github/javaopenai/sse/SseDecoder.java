package io.github.javaopenai.sse;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the bytes of a server-sent event stream into {@link SseEvent events}, following the
 * event-stream parsing rules of the WHATWG HTML standard.
 *
 * <p>Use it as a push parser: {@link #feed feed} a chunk of bytes, call {@link #next()} until it
 * returns {@code null}, feed the next chunk, and call {@link #finish()} once the stream has
 * ended. Chunks may be split anywhere, even inside a line ending or a multi-byte character.
 *
 * <pre>{@code
 * SseDecoder decoder = new SseDecoder();
 * for (byte[] chunk : chunks) {
 *   decoder.feed(chunk, 0, chunk.length);
 *   for (SseEvent event; (event = decoder.next()) != null; ) {
 *     handle(event);
 *   }
 * }
 * SseEvent last = decoder.finish();
 * if (last != null) {
 *   handle(last);
 * }
 * }</pre>
 *
 * <p>Lines end with LF, CR or CRLF; a leading byte order mark is skipped; lines starting with
 * {@code ':'} are comments; {@code data}, {@code event}, {@code id} and {@code retry} are the
 * fields, and others are ignored; one space after the colon is dropped; a blank line dispatches
 * the event, unless no {@code data} line was seen. Text is decoded as UTF-8 once a line is
 * complete, with malformed bytes replaced by U+FFFD. Unlike the standard, which drops an
 * unfinished event at the end of the stream, {@link #finish()} delivers it.
 *
 * <p>Memory stays constant in the length of the stream: the decoder reads the caller's chunk in
 * place and buffers only the event in flight. The default cap on that event is {@value
 * #DEFAULT_MAX_EVENT_BYTES} bytes (16 MiB), generous for chat and response streams; lower it to
 * bound memory per stream more tightly, or raise it for a server that sends larger events. The
 * bytes of the line being read plus the data lines already buffered for the event count against
 * the cap.
 *
 * <p>Instances are not thread-safe: use one decoder per stream, from one thread at a time.
 */
public final class SseDecoder {

    /** The default cap on the size of one event in bytes: 16 MiB. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 16 * 1024 * 1024;

    private static final byte[] EMPTY = {};
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int MIN_CAPACITY = 256;
    /** Buffers grown past this for one large event are dropped after it, not kept for the rest. */
    private static final int KEEP_CAPACITY = 64 * 1024;

    private enum State {
        /** At the start of the stream, matching a byte order mark. */
        BOM,
        /** Reading a line. */
        LINE,
        /** A line just ended with CR: a following LF belongs to that line ending. */
        AFTER_CR,
        /** After {@link #finish()} or a failure: no more input is accepted. */
        CLOSED
    }

    private final int maxEventBytes;
    private State state = State.BOM;
    private int bomMatched;

    // The caller's chunk, read in place until next() returns null.
    private byte[] input = EMPTY;
    private int position;
    private int limit;

    // The start of a line whose end has not arrived yet.
    private byte[] line = EMPTY;
    private int lineLength;

    // The data lines of the event in flight, each followed by LF, as the standard says.
    private byte[] data = EMPTY;
    private int dataLength;

    private String type; // null means the default type
    private String lastEventId; // null means none
    private Duration retry;

    private final RawEvent raw = new RawEvent();

    // Streams such as the Responses API repeat a few types, so the last one is decoded once.
    private byte[] lastTypeBytes = EMPTY;
    private String lastType;

    /** Creates a decoder whose cap on one event is {@value #DEFAULT_MAX_EVENT_BYTES} bytes. */
    public SseDecoder() {
        this(DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * Creates a decoder with the given cap on the size of one event.
     *
     * @param maxEventBytes the most bytes one event may take: the line being read plus the data
     *     lines already buffered for the event
     * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
     */
    public SseDecoder(int maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes must be positive: " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Hands the decoder the next chunk of the stream.
     *
     * <p>The decoder reads the chunk in place, without copying it, so the caller must leave the
     * array unchanged until {@link #next()} has returned {@code null}.
     *
     * @param bytes the array holding the chunk
     * @param offset where the chunk starts
     * @param length how many bytes the chunk has; zero is allowed
     * @throws IndexOutOfBoundsException if the range lies outside {@code bytes}
     * @throws IllegalStateException if the previous chunk is not used up yet, that is {@link
     *     #next()} has not returned {@code null} since the last feed, or after {@link #finish()}
     */
    public void feed(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (state == State.CLOSED) {
            throw new IllegalStateException("the decoder is finished and takes no more input");
        }
        if (position < limit) {
            throw new IllegalStateException("call next() until it returns null before feeding more");
        }
        input = bytes;
        position = offset;
        limit = offset + length;
    }

    /**
     * Returns the next complete event, or {@code null} when the decoder needs more input.
     *
     * @return the next event, or {@code null} once the fed bytes are used up
     * @throws SseException if an event is larger than the cap; the decoder is closed afterwards
     */
    public SseEvent next() {
        RawEvent event = nextRaw();
        return event == null ? null : event.toEvent();
    }

    /**
     * Returns the next complete event with its data left as UTF-8 bytes, or {@code null} when the
     * decoder needs more input: for callers that parse the bytes anyway, such as a JSON parser,
     * which saves decoding every event into a {@code String} first.
     *
     * <p>The decoder returns the same {@link RawEvent} each time and reuses its bytes, so the
     * event is valid only until the next call to this decoder.
     *
     * @return the next event, or {@code null} once the fed bytes are used up
     * @throws SseException if an event is larger than the cap; the decoder is closed afterwards
     */
    public RawEvent nextRaw() {
        while (position < limit) {
            switch (state) {
                case BOM -> matchBom();
                case AFTER_CR -> {
                    if (input[position] == '\n') {
                        position++;
                    }
                    state = State.LINE;
                }
                case LINE -> {
                    RawEvent event = readLine();
                    if (event != null) {
                        return event;
                    }
                }
                case CLOSED -> throw new IllegalStateException("the decoder is finished");
            }
        }
        input = EMPTY; // drop the caller's array: it may be reused or large
        position = 0;
        limit = 0;
        return null;
    }

    /**
     * Ends the stream and returns the event still in flight, if any.
     *
     * <p>A last line without a line ending counts as a line, and an event without the blank line
     * that would dispatch it is delivered all the same. The decoder takes no input afterwards;
     * calling this again returns {@code null}.
     *
     * @return the last event, or {@code null} when no data was pending
     * @throws IllegalStateException if fed bytes are left, that is {@link #next()} has not returned
     *     {@code null} since the last feed
     * @throws SseException if the pending event is larger than the cap
     */
    public SseEvent finish() {
        RawEvent event = finishRaw();
        return event == null ? null : event.toEvent();
    }

    /**
     * Ends the stream like {@link #finish()}, returning the event in flight with its data left as
     * UTF-8 bytes, valid until the next call to this decoder.
     *
     * @return the last event, or {@code null} when no data was pending
     * @throws IllegalStateException if fed bytes are left
     * @throws SseException if the pending event is larger than the cap
     */
    public RawEvent finishRaw() {
        if (position < limit) {
            throw new IllegalStateException("call next() until it returns null before finish()");
        }
        if (state == State.CLOSED) {
            return null;
        }
        if (state == State.BOM) {
            appendToLine(BOM, 0, bomMatched); // a partial byte order mark is ordinary line content
        }
        state = State.CLOSED;
        try {
            if (lineLength > 0) {
                processLine(line, 0, lineLength);
            }
            return dispatch();
        } finally {
            release();
        }
    }

    /** Returns the capacity of the internal buffers in bytes, to check that memory stays bounded. */
    int bufferCapacity() {
        return line.length + data.length;
    }

    private void matchBom() {
        byte b = input[position];
        if (b == BOM[bomMatched]) {
            position++;
            if (++bomMatched == BOM.length) {
                state = State.LINE;
            }
        } else {
            // Not a byte order mark: the bytes matched so far start the first line.
            appendToLine(BOM, 0, bomMatched);
            state = State.LINE;
        }
    }

    private RawEvent readLine() {
        int start = position;
        int end = SseBytes.indexOfLineEnd(input, start, limit);
        if (end == limit) {
            appendToLine(input, start, end - start);
            position = limit;
            return null;
        }
        position = end + 1;
        state = input[end] == '\r' ? State.AFTER_CR : State.LINE;
        if (lineLength == 0) {
            return processLine(input, start, end - start);
        }
        appendToLine(input, start, end - start);
        int length = lineLength;
        lineLength = 0;
        RawEvent event = processLine(line, 0, length);
        if (line.length > KEEP_CAPACITY) {
            line = EMPTY;
        }
        return event;
    }

    /** Interprets one complete line, without its line ending. */
    private RawEvent processLine(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return dispatch();
        }
        checkSize(length);
        if (bytes[offset] == ':') {
            return null;
        }
        int end = offset + length;
        int nameEnd = offset;
        while (nameEnd < end && bytes[nameEnd] != ':') {
            nameEnd++;
        }
        int valueStart = nameEnd < end ? nameEnd + 1 : end;
        if (valueStart < end && bytes[valueStart] == ' ') {
            valueStart++;
        }
        int nameLength = nameEnd - offset;
        int valueLength = end - valueStart;
        if (SseBytes.isField(SseBytes.DATA, bytes, offset, nameLength)) {
            appendData(bytes, valueStart, valueLength);
        } else if (SseBytes.isField(SseBytes.EVENT, bytes, offset, nameLength)) {
            type = decodeType(bytes, valueStart, valueLength);
        } else if (SseBytes.isField(SseBytes.ID, bytes, offset, nameLength)) {
            if (!SseBytes.containsNul(bytes, valueStart, end)) {
                lastEventId = valueLength == 0 ? null : Utf8.decode(bytes, valueStart, valueLength);
            }
        } else if (SseBytes.isField(SseBytes.RETRY, bytes, offset, nameLength)) {
            Duration parsed = SseBytes.parseRetry(bytes, valueStart, end);
            retry = parsed != null ? parsed : retry;
        }
        return null;
    }

    private RawEvent dispatch() {
        String eventType = type == null ? SseEvent.DEFAULT_TYPE : type;
        type = null;
        if (dataLength == 0) {
            return null;
        }
        // The event keeps the array: it is only written again when the next event's data arrives.
        raw.set(eventType, data, dataLength - 1, lastEventId, retry); // without the last LF
        dataLength = 0;
        if (data.length > KEEP_CAPACITY) {
            data = EMPTY;
        }
        return raw;
    }

    private String decodeType(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return null;
        }
        if (!Arrays.equals(lastTypeBytes, 0, lastTypeBytes.length, bytes, offset, offset + length)) {
            lastTypeBytes = Arrays.copyOfRange(bytes, offset, offset + length);
            lastType = Utf8.decode(bytes, offset, length);
        }
        return lastType;
    }

    private void appendData(byte[] bytes, int offset, int length) {
        // Fits the cap: checkSize allowed the whole line, which is at least four bytes longer.
        data = ensureCapacity(data, dataLength + length + 1);
        System.arraycopy(bytes, offset, data, dataLength, length);
        dataLength += length;
        data[dataLength++] = '\n';
    }

    private void appendToLine(byte[] bytes, int offset, int length) {
        checkSize(lineLength + length);
        line = ensureCapacity(line, lineLength + length);
        System.arraycopy(bytes, offset, line, lineLength, length);
        lineLength += length;
    }

    private void checkSize(long lineBytes) {
        if (lineBytes + dataLength > maxEventBytes) {
            state = State.CLOSED;
            position = limit;
            release();
            throw new SseException("SSE event exceeds the limit of " + maxEventBytes + " bytes"
                    + " (a line plus the data lines before it in the same event); if the server really sends"
                    + " events this large, raise the limit: OpenAI.Builder.maxEventBytes(int), or the"
                    + " maxEventBytes argument of SseDecoder and SseEventReader");
        }
    }

    private byte[] ensureCapacity(byte[] buffer, int needed) {
        if (needed <= buffer.length) {
            return buffer;
        }
        // Callers check the cap first, so needed <= maxEventBytes and so is the new capacity.
        long doubled = Math.max(MIN_CAPACITY, 2L * buffer.length);
        int capacity = (int) Math.max(needed, Math.min(doubled, maxEventBytes));
        return Arrays.copyOf(buffer, capacity);
    }

    private void release() {
        input = EMPTY;
        line = EMPTY;
        lineLength = 0;
        data = EMPTY;
        dataLength = 0;
    }

    /**
     * An event whose data is still UTF-8 bytes, as {@link #nextRaw()} returns it: a view of the
     * decoder's buffer, valid until the next call to the decoder, and not thread-safe.
     */
    public static final class RawEvent {
        private static final byte[] DONE_BYTES = {'[', 'D', 'O', 'N', 'E', ']'};

        private String type;
        private byte[] data = EMPTY;
        private int dataLength;
        private String id;
        private Duration retry;

        private RawEvent() {
        }

        private void set(String type, byte[] data, int dataLength, String id, Duration retry) {
            this.type = type;
            this.data = data;
            this.dataLength = dataLength;
            this.id = id;
            this.retry = retry;
        }

        /** Returns the event type; {@code "message"} when the stream named none. */
        public String type() {
            return type;
        }

        /**
         * Returns the array holding the data's UTF-8 bytes, from index 0 to {@link #dataLength()};
         * the decoder's own buffer, not a copy, so it must not be changed or kept.
         */
        public byte[] dataArray() {
            return data;
        }

        /** Returns the number of data bytes in {@link #dataArray()}. */
        public int dataLength() {
            return dataLength;
        }

        /** Returns the data decoded as text, as {@link SseEvent#data()} has it. */
        public String data() {
            return Utf8.decode(data, 0, dataLength);
        }

        /** Tells whether the data is exactly {@code [DONE]}, as {@link SseEvent#isDone()} does. */
        public boolean isDone() {
            return Arrays.equals(data, 0, dataLength, DONE_BYTES, 0, DONE_BYTES.length);
        }

        /** Returns the event as an {@link SseEvent}, decoding its data. */
        public SseEvent toEvent() {
            return new SseEvent(type, data(), id, retry);
        }

        @Override
        public String toString() {
            return "RawEvent[type=" + type + ", " + dataLength + " data bytes]";
        }
    }
}
