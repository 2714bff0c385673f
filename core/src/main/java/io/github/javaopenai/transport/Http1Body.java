package io.github.javaopenai.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * A response body read straight from its {@link Http1Connection} on the reader's thread, framed by
 * a length, by chunks, or by the end of the connection. Read to its end, it hands the connection
 * back for reuse. Closed before its end by the thread reading it, it first reads what is left if
 * that takes at most {@value #DRAIN_MILLIS} ms and {@value #DRAIN_BYTES} bytes, as OkHttp does: a
 * stream's last event ({@code data: [DONE]}) comes a moment before the end of the chunked body,
 * and waiting for that end keeps the connection (over TLS, a handshake) for the next exchange.
 * Otherwise, and when closed by another thread (a cancel, or a timeout while a read waits), it
 * closes the connection, which the server sees as the exchange cancelled, and wakes a blocked read.
 */
final class Http1Body extends InputStream {

    /** The longest, and the most bytes, a close waits to read the rest of the body. */
    static final long DRAIN_MILLIS = 100;
    static final int DRAIN_BYTES = 64 * 1024;

    /** How the body's end is found. */
    enum Framing { EMPTY, LENGTH, CHUNKED, UNTIL_CLOSE }

    /** What the body tells its owner. */
    interface Owner {
        /** The body was read to its end: the connection may carry another exchange. */
        void finished(Http1Connection connection);

        /** The body is done with, finished or not: stop watching its reader. */
        void released(SocketWatch.Exchange exchange);
    }

    private final Http1Connection connection;
    private final InputStream in;
    private final Framing framing;
    private final SocketWatch.Exchange exchange;
    private final Owner owner;
    /** Bytes left in the body (LENGTH) or in the current chunk (CHUNKED); -1 before the first chunk. */
    private long remaining;
    private volatile boolean ended;
    private volatile boolean closed;
    /** The thread that last read, the one whose close may read the rest. */
    private volatile Thread reader;

    Http1Body(Http1Connection connection, Framing framing, long length, SocketWatch.Exchange exchange, Owner owner) {
        this.connection = connection;
        this.in = connection.in();
        this.framing = framing;
        this.exchange = exchange;
        this.owner = owner;
        this.remaining = framing == Framing.LENGTH ? length : framing == Framing.CHUNKED ? -1 : 0;
        if (framing == Framing.EMPTY || (framing == Framing.LENGTH && length == 0)) {
            end();
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw new IOException("the response body is closed");
        }
        if (ended) {
            return -1;
        }
        if (length == 0) {
            return 0;
        }
        reader = Thread.currentThread();
        exchange.reading();
        try {
            return switch (framing) {
                case LENGTH -> readLength(buffer, offset, length);
                case CHUNKED -> readChunked(buffer, offset, length);
                case UNTIL_CLOSE -> readUntilClose(buffer, offset, length);
                case EMPTY -> -1;
            };
        } catch (IOException | RuntimeException e) {
            throw fail(e);
        } finally {
            exchange.notReading();
        }
    }

    private int readLength(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("the connection closed with " + remaining + " bytes of the body unread");
        }
        remaining -= n;
        if (remaining == 0) {
            end();
        }
        return n;
    }

    private int readChunked(byte[] buffer, int offset, int length) throws IOException {
        if (remaining <= 0) {
            if (remaining == 0) {
                expectLineEnd(); // the CRLF closing the previous chunk
            }
            remaining = chunkSize();
            if (remaining == 0) {
                skipTrailers();
                end();
                return -1;
            }
        }
        int n = in.read(buffer, offset, (int) Math.min(length, remaining));
        if (n < 0) {
            throw new EOFException("the connection closed in the middle of a chunk");
        }
        remaining -= n;
        return n;
    }

    private int readUntilClose(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n < 0) {
            ended = true;
            connection.close();
            owner.released(exchange);
        }
        return n;
    }

    private long chunkSize() throws IOException {
        long size = 0;
        int digits = 0;
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed before the end of the chunked body");
            }
            int digit = Character.digit(c, 16);
            if (digit >= 0 && size >= 0 && digits >= 0) {
                size = size * 16 + digit;
                if (++digits > 15) {
                    throw new IOException("a chunk size is too long");
                }
            } else if (c == ';' || c == ' ' || c == '\t') {
                digits = digits == 0 ? -2 : -1; // extensions follow: ignored
            } else if (c != '\r' && digits >= 0) {
                throw new IOException("malformed chunk size");
            }
        }
        if (digits == 0 || digits == -2) {
            throw new IOException("malformed chunk size: no digits");
        }
        return size;
    }

    private void expectLineEnd() throws IOException {
        int c = in.read();
        if (c == '\r') {
            c = in.read();
        }
        if (c != '\n') {
            throw new IOException(c < 0 ? "the connection closed after a chunk" : "malformed chunk: no line end after its data");
        }
    }

    private void skipTrailers() throws IOException {
        int lineLength = 0;
        for (int c = in.read(); ; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the connection closed in the chunked body's trailers");
            }
            if (c == '\n') {
                if (lineLength == 0) {
                    return;
                }
                lineLength = 0;
            } else if (c != '\r') {
                lineLength++;
            }
        }
    }

    private void end() {
        ended = true;
        owner.released(exchange);
        owner.finished(connection);
    }

    private IOException fail(Exception e) {
        boolean interrupted = exchange.wasInterrupted();
        boolean wasClosed = closed;
        connection.close();
        owner.released(exchange);
        if (interrupted) {
            java.io.InterruptedIOException stop = new java.io.InterruptedIOException("interrupted while reading the response body");
            stop.initCause(e);
            return stop;
        }
        if (wasClosed) {
            return new IOException("the response body was closed", e);
        }
        return e instanceof IOException io ? io : new IOException(e);
    }

    @Override
    public int available() throws IOException {
        if (ended || closed) {
            return 0;
        }
        int buffered = in.available();
        return framing == Framing.UNTIL_CLOSE ? buffered : (int) Math.min(buffered, Math.max(remaining, 0));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!ended && !exchange.someoneReading() && (reader == null || reader == Thread.currentThread())) {
            drain();
        }
        closed = true;
        if (!ended) {
            connection.close(); // the exchange is cancelled; a blocked reader wakes with an error
            owner.released(exchange);
        }
    }

    /** Reads the rest of the body when it is short and prompt; see the class comment. */
    private void drain() {
        if (framing == Framing.UNTIL_CLOSE) {
            return; // its end is the connection's end: nothing to keep
        }
        exchange.deadline(System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS));
        try {
            byte[] skipped = new byte[512];
            for (int total = 0, n; total < DRAIN_BYTES && (n = read(skipped, 0, skipped.length)) >= 0; total += n) {
                // nothing is expected after the last event; whatever comes is dropped
            }
        } catch (IOException e) {
            // too slow, or the connection failed: it is closed below
        } finally {
            exchange.deadline(0);
        }
    }
}
