package io.github.javaopenai.sse;

import java.nio.charset.StandardCharsets;

/** Decodes UTF-8 the way the WHATWG Encoding standard does, which the SSE standard requires. */
final class Utf8 {

    private static final char REPLACEMENT = '\uFFFD';

    private Utf8() {}

    /** Decodes {@code length} bytes, replacing each malformed sequence with U+FFFD. */
    static String decode(byte[] bytes, int offset, int length) {
        String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        // The JDK agrees with the standard on well-formed input, which is the common case, and this
        // check is free for Latin-1 strings. On malformed input it differs for encoded surrogates
        // (one U+FFFD for ED A0 80 where the standard gives three), so redo that rare case slowly.
        return text.indexOf(REPLACEMENT) < 0 ? text : decodeByStandard(bytes, offset, length);
    }

    /** The UTF-8 decoder of the WHATWG Encoding standard, section 9.1.1, with replacement. */
    static String decodeByStandard(byte[] bytes, int offset, int length) {
        StringBuilder out = new StringBuilder(length);
        int needed = 0;
        int seen = 0;
        int codePoint = 0;
        int lower = 0x80;
        int upper = 0xBF;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            int b = bytes[i] & 0xFF;
            if (needed == 0) {
                if (b <= 0x7F) {
                    out.append((char) b);
                } else if (b >= 0xC2 && b <= 0xDF) {
                    needed = 1;
                    codePoint = b & 0x1F;
                } else if (b >= 0xE0 && b <= 0xEF) {
                    lower = b == 0xE0 ? 0xA0 : 0x80;
                    upper = b == 0xED ? 0x9F : 0xBF;
                    needed = 2;
                    codePoint = b & 0x0F;
                } else if (b >= 0xF0 && b <= 0xF4) {
                    lower = b == 0xF0 ? 0x90 : 0x80;
                    upper = b == 0xF4 ? 0x8F : 0xBF;
                    needed = 3;
                    codePoint = b & 0x07;
                } else {
                    out.append(REPLACEMENT);
                }
            } else if (b < lower || b > upper) {
                needed = 0;
                seen = 0;
                lower = 0x80;
                upper = 0xBF;
                out.append(REPLACEMENT);
                i--; // the standard processes the offending byte again, as the start of a new sequence
            } else {
                lower = 0x80;
                upper = 0xBF;
                codePoint = codePoint << 6 | b & 0x3F;
                if (++seen == needed) {
                    out.appendCodePoint(codePoint);
                    needed = 0;
                    seen = 0;
                }
            }
        }
        if (needed != 0) {
            out.append(REPLACEMENT);
        }
        return out.toString();
    }
}
