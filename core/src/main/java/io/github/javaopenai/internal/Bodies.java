package io.github.javaopenai.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads whole response bodies with as few copies as their announced length allows. */
public final class Bodies {

    private Bodies() {
    }

    /**
     * Reads the stream to its end. When {@code expectedLength} is known (not negative) and at most
     * 8 KB, as most API answers are, the bytes land in one array of exactly that size, saving the
     * 8 KB buffer and final copy of {@link InputStream#readAllBytes()}; larger bodies cost the same
     * as {@code readAllBytes()}. A body longer than announced is still read whole.
     */
    public static byte[] readAll(InputStream in, long expectedLength) throws IOException {
        if (expectedLength < 0 || expectedLength > Integer.MAX_VALUE - 8) {
            return in.readAllBytes();
        }
        byte[] bytes = in.readNBytes((int) expectedLength); // 8 KB steps, so a wrong length costs nothing
        int next = in.read(); // reaches the end, so the connection goes back to the pool
        if (next < 0) {
            return bytes;
        }
        ByteArrayOutputStream more = new ByteArrayOutputStream(bytes.length + 1024);
        more.write(bytes);
        more.write(next);
        in.transferTo(more);
        return more.toByteArray();
    }

    /** Returns the {@code Content-Length} value, or -1 when it is absent or not a number. */
    public static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
