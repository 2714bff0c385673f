package io.github.javaopenai.transport;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** Runs a release action once, when the body ends or is closed: frees the HTTP/2 stream it held. */
final class ReleasingInputStream extends FilterInputStream {

    private final Runnable release;
    private final AtomicBoolean released = new AtomicBoolean();

    ReleasingInputStream(InputStream body, Runnable release) {
        super(body);
        this.release = release;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            release();
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            release();
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            release();
        }
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            release.run();
        }
    }
}
