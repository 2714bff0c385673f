package io.github.javaopenai.sse;

import static java.util.Objects.requireNonNull;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Pulls {@link SseEvent events} from an {@code InputStream}, reading the stream only as fast as
 * the caller asks for events.
 *
 * <p>The reader reads through one buffer of {@value #BUFFER_SIZE} bytes and reads again only
 * when the events already read are used up, so a slow consumer slows down reading from the socket
 * and nothing queues up in between. Decoding follows {@link SseDecoder}, including its cap on one
 * event and the delivery of a last event that the stream ends without a blank line.
 *
 * <p>Use {@link #read()} for an {@code IOException}, or the {@link Iterator} methods, which wrap it
 * in an {@link UncheckedIOException}. An event larger than the cap raises {@link SseException}.
 *
 * <pre>{@code
 * try (SseEventReader events = new SseEventReader(body)) {
 *   for (SseEvent event; (event = events.read()) != null; ) {
 *     handle(event);
 *   }
 * }
 * }</pre>
 *
 * <p>Instances are not thread-safe; read from one thread. {@link #close()} may be called from
 * another thread to stop reading, if the underlying stream allows that. Reaching the end of the
 * stream does not close it; {@link #close()} does.
 */
public final class SseEventReader implements Closeable, Iterator<SseEvent> {

    /** The size in bytes of the buffer the reader reads through. */
    public static final int BUFFER_SIZE = 8192;

    private final InputStream in;
    private final SseDecoder decoder;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private SseEvent peeked;
    private boolean endOfStream;
    private volatile boolean closed;

    /**
     * Creates a reader with the default cap of {@value SseDecoder#DEFAULT_MAX_EVENT_BYTES} bytes
     * on one event.
     *
     * @param in the event stream, for example an HTTP response body
     */
    public SseEventReader(InputStream in) {
        this(in, SseDecoder.DEFAULT_MAX_EVENT_BYTES);
    }

    /**
     * Creates a reader with the given cap on the size of one event.
     *
     * @param in the event stream, for example an HTTP response body
     * @param maxEventBytes the most bytes one event may take, see {@link SseDecoder#SseDecoder(int)}
     * @throws IllegalArgumentException if {@code maxEventBytes} is not positive
     */
    public SseEventReader(InputStream in, int maxEventBytes) {
        this.in = requireNonNull(in, "in == null");
        this.decoder = new SseDecoder(maxEventBytes);
    }

    /**
     * Returns the next event, blocking until it has arrived, or {@code null} at the end of the
     * stream or once the reader is closed.
     *
     * @return the next event, or {@code null} when there are no more
     * @throws IOException if reading the stream fails
     * @throws SseException if an event is larger than the cap; later reads return {@code null}
     */
    public SseEvent read() throws IOException {
        if (closed) {
            return null;
        }
        if (peeked != null) {
            SseEvent event = peeked;
            peeked = null;
            return event;
        }
        try {
            while (!endOfStream && !closed) {
                SseEvent event = decoder.next();
                if (event != null) {
                    return event;
                }
                int count = in.read(buffer);
                if (count < 0) {
                    endOfStream = true;
                    return decoder.finish();
                }
                decoder.feed(buffer, 0, count);
            }
            return null;
        } catch (SseException e) {
            endOfStream = true; // the decoder is closed; the stream cannot be resumed past the failure
            throw e;
        }
    }

    /**
     * Tells whether another event follows, blocking until it has arrived or the stream has ended.
     *
     * @return true if {@link #next()} will return an event
     * @throws UncheckedIOException if reading the stream fails
     * @throws SseException if an event is larger than the cap
     */
    @Override
    public boolean hasNext() {
        if (peeked == null) {
            try {
                peeked = read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return peeked != null;
    }

    /**
     * Returns the next event, blocking until it has arrived.
     *
     * @return the next event
     * @throws NoSuchElementException at the end of the stream or once the reader is closed
     * @throws UncheckedIOException if reading the stream fails
     * @throws SseException if an event is larger than the cap
     */
    @Override
    public SseEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more events");
        }
        SseEvent event = peeked;
        peeked = null;
        return event;
    }

    /**
     * Closes the underlying stream; later reads return no events. Closing twice is harmless.
     *
     * @throws IOException if closing the stream fails
     */
    @Override
    public void close() throws IOException {
        closed = true;
        in.close();
    }

    /** Returns the decoder's buffer capacity, to check that memory stays bounded. */
    int bufferCapacity() {
        return decoder.bufferCapacity();
    }
}
