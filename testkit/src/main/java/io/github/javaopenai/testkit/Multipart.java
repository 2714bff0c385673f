package io.github.javaopenai.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code multipart/form-data} body into its named parts. */
final class Multipart {

    /** One part: its file name (null for a plain field) and its bytes. */
    record Part(String filename, String contentType, byte[] data) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private Multipart() {
    }

    /** Returns the boundary named in a content type, or null when there is none. */
    static String boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data")) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String trimmed = parameter.trim();
            if (trimmed.startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length());
                return value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }

    /** Returns the parts by name, in order; malformed parts are skipped. */
    static Map<String, Part> parse(byte[] body, String boundary) {
        Map<String, Part> parts = new LinkedHashMap<>();
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int start = indexOf(body, delimiter, 0);
        while (start >= 0) {
            int headersStart = start + delimiter.length + 2; // skip CRLF
            if (headersStart > body.length || (body[start + delimiter.length] == '-')) {
                break;
            }
            int next = indexOf(body, delimiter, headersStart);
            if (next < 0) {
                break;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            if (headersEnd >= 0 && headersEnd < next) {
                String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
                byte[] data = Arrays.copyOfRange(body, headersEnd + 4, Math.max(headersEnd + 4, next - 2));
                String name = parameter(headers, "name");
                if (name != null) {
                    parts.put(name, new Part(parameter(headers, "filename"), contentType(headers), data));
                }
            }
            start = next;
        }
        return parts;
    }

    private static String parameter(String headers, String key) {
        String marker = key + "=\"";
        int from = 0;
        while (true) {
            int at = headers.indexOf(marker, from);
            if (at < 0) {
                return null;
            }
            if (at == 0 || !Character.isLetter(headers.charAt(at - 1))) {
                int end = headers.indexOf('"', at + marker.length());
                return end < 0 ? null : headers.substring(at + marker.length(), end);
            }
            from = at + 1;
        }
    }

    private static String contentType(String headers) {
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-type:")) {
                return line.substring("content-type:".length()).trim();
            }
        }
        return null;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
