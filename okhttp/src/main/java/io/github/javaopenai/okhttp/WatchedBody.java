package io.github.javaopenai.okhttp;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * A response body whose reads end when the reading thread is interrupted: a read that has to
 * wait for the network is watched by {@link InterruptWatch}; one served from bytes already
 * buffered is not, so reading a stream costs no more than before.
 */
final class WatchedBody extends InputStream {

    private final Response response;
    private final BufferedSource source;
    private final InterruptWatch.Watched watched;

    WatchedBody(Response response, InterruptWatch.Watched watched) {
        this.response = response;
        this.source = response.body().source();
        this.watched = watched;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (len == 0) {
            return 0;
        }
        if (source.getBuffer().size() > 0) {
            return source.read(bytes, off, len); // no wait
        }
        watched.beginWait();
        try {
            int n = source.read(bytes, off, len);
            if (n < 0) {
                watched.close();
            }
            return n;
        } catch (IOException e) {
            watched.close();
            throw watched.failure(e);
        } finally {
            watched.endWait();
        }
    }

    @Override
    public int available() {
        return (int) Math.min(source.getBuffer().size(), Integer.MAX_VALUE);
    }

    /** Closes the body, which aborts the exchange unless it was read to the end. */
    @Override
    public void close() {
        watched.close();
        response.close();
    }
}
