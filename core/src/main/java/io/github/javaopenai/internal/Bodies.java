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

    /**
     * Reads what is left of a body after its last event, then closes it: the end of a chunked body
     * or a last empty chunk usually follows the final event by microseconds, and a body read to
     * its end lets its connection carry the next exchange instead of being closed (a new TLS
     * handshake per stream). Bounded: at most {@code maxBytes}, and {@code wait} in all, after which
     * the body is simply closed.
     */
    public static void finish(InputStream body, java.time.Duration wait, int maxBytes) {
        IdleWatchdog.Alarm alarm = IdleWatchdog.closeAfter(body, wait);
        try {
            byte[] skipped = new byte[256];
            for (int total = 0, n; total < maxBytes && (n = body.read(skipped)) >= 0; total += n) {
                // nothing should come after the last event; whatever does is dropped
            }
        } catch (IOException e) {
            // closed by the alarm, or the connection failed: either way it is closed below
        } finally {
            alarm.cancel();
            try {
                body.close();
            } catch (IOException e) {
                // released either way
            }
        }
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
