package io.github.javaopenai.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;

/** Collects a batch's result lines gzipped, so that several large batches fit in a small heap. */
final class GzipBuffer {

    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    private final GZIPOutputStream zip;
    private long size;

    GzipBuffer() {
        try {
            zip = new GZIPOutputStream(compressed, 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void write(byte[] bytes) {
        try {
            zip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        size += bytes.length;
    }

    /** Returns the bytes written, before compression. */
    long size() {
        return size;
    }

    /** Ends the stream and returns the gzipped bytes. */
    byte[] finish() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
