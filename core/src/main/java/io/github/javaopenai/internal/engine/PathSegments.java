package io.github.javaopenai.internal.engine;

import java.nio.charset.StandardCharsets;

/** Percent-encodes ids placed in a URL path, so an id can never change the path it is in. */
public final class PathSegments {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private PathSegments() {
    }

    /**
     * Returns the id encoded for a path.
     *
     * @throws IllegalArgumentException "{name} is required" when null, "{name} is empty" when empty
     */
    public static String required(String id, String name) {
        if (id == null) {
            throw new IllegalArgumentException(name + " is required");
        }
        if (id.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        return encode(id);
    }

    public static String encode(String segment) {
        StringBuilder out = null;
        byte[] bytes = segment.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (isUnreserved(b)) {
                if (out != null) {
                    out.append((char) b);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(bytes.length + 8).append(segment, 0, i);
            }
            out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xF]);
        }
        return out == null ? segment : out.toString();
    }

    private static boolean isUnreserved(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }
}
