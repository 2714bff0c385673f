package io.github.javaopenai.sse;

import java.time.Duration;
import java.util.Arrays;

/** Reads the byte-level pieces of an event stream line for {@link SseDecoder}, without copying. */
final class SseBytes {

    static final byte[] DATA = {'d', 'a', 't', 'a'};
    static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
    static final byte[] ID = {'i', 'd'};
    static final byte[] RETRY = {'r', 'e', 't', 'r', 'y'};

    private SseBytes() {
    }

    static int indexOfLineEnd(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\n' || b == '\r') {
                return i;
            }
        }
        return to;
    }

    static boolean isField(byte[] name, byte[] bytes, int offset, int length) {
        return length == name.length
                && Arrays.equals(name, 0, name.length, bytes, offset, offset + length);
    }

    static boolean containsNul(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Returns the reconnection time if the value is ASCII digits only, as the standard says, else null. */
    static Duration parseRetry(byte[] bytes, int from, int to) {
        if (from == to) {
            return null;
        }
        long millis = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            // Absurdly long values saturate rather than wrap around.
            millis = millis > (Long.MAX_VALUE - digit) / 10 ? Long.MAX_VALUE : millis * 10 + digit;
        }
        return Duration.ofMillis(millis);
    }
}
