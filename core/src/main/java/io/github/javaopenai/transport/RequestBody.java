package io.github.javaopenai.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

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
