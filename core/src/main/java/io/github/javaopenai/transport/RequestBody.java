package io.github.javaopenai.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds the bytes of a request body, either in memory or produced on demand as a stream.
 *
 * <p>A streamed body lets large uploads go out without being loaded whole; {@link #open()} may be
 * called more than once (a retry sends the body again), and each call starts from the beginning.
 *
 * @since 0.1
 */
public interface RequestBody {

    /** Returns the body's length in bytes, or -1 when it is not known in advance. */
    long contentLength();

    /** Opens a fresh stream over the body's bytes. */
    InputStream open() throws IOException;

    /**
     * Returns whether {@link #open()} can be called again, so that a failed request can be sent
     * again; false for a one-shot stream, whose request is then never retried. Default: true.
     */
    default boolean isRepeatable() {
        return true;
    }

    /**
     * Returns a body that sends the stream's bytes once: it is not {@link #isRepeatable()
     * repeatable}, so its request is not retried, and opening it again fails.
     *
     * @param in the stream, read while the request is sent; the caller closes it
     * @param contentLength its length in bytes, or -1 when unknown
     */
    static RequestBody ofOneShotStream(InputStream in, long contentLength) {
        Objects.requireNonNull(in, "in == null");
        AtomicBoolean opened = new AtomicBoolean();
        return new RequestBody() {
            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public InputStream open() throws IOException {
                if (opened.getAndSet(true)) {
                    throw new IOException("a one-shot stream body was already sent and cannot be read again");
                }
                return in;
            }

            @Override
            public boolean isRepeatable() {
                return false;
            }

            @Override
            public String toString() {
                return "RequestBody(one-shot stream, " + contentLength + " bytes)";
            }
        };
    }

    /** Returns a body over the given bytes, which the caller must not change afterwards. */
    static RequestBody ofBytes(byte[] bytes) {
        return new BytesBody(Objects.requireNonNull(bytes, "bytes == null"));
    }

    /** Returns a body whose bytes come from {@code opener}, one fresh stream per send. */
    static RequestBody ofStream(StreamOpener opener, long contentLength) {
        Objects.requireNonNull(opener, "opener == null");
        return new RequestBody() {
            @Override
            public long contentLength() {
                return contentLength;
            }

            @Override
            public InputStream open() throws IOException {
                return opener.open();
            }

            @Override
            public String toString() {
                return "RequestBody(stream, " + contentLength + " bytes)";
            }
        };
    }

    /** Opens a stream of body bytes. */
    @FunctionalInterface
    interface StreamOpener {
        /** Opens a fresh stream. */
        InputStream open() throws IOException;
    }

    /**
     * Holds a body that is already in memory.
     *
     * @param bytes the body; not copied, so callers must not change it
     */
    record BytesBody(byte[] bytes) implements RequestBody {
        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public String toString() {
            return "RequestBody(" + bytes.length + " bytes)";
        }
    }
}
