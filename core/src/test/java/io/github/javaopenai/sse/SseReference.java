package io.github.javaopenai.sse;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberately plain reading of the event-stream rules, to check {@link SseDecoder} against.
 *
 * <p>It follows the standard's order: decode the whole stream to text, then split lines, then
 * interpret them; the decoder works on bytes, line by line, and must agree. Like the decoder,
 * and unlike the standard, it delivers the event still pending at the end.
 */
final class SseReference {

    private SseReference() {}

    static List<SseEvent> parse(byte[] stream) {
        int skip = stream.length >= 3
                && (stream[0] & 0xFF) == 0xEF && (stream[1] & 0xFF) == 0xBB && (stream[2] & 0xFF) == 0xBF
                ? 3 : 0;
        String text = Utf8.decodeByStandard(stream, skip, stream.length - skip);
        List<SseEvent> events = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        boolean sawData = false;
        String type = "";
        String id = "";
        Duration retry = null;
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n') {
                lines.add(text.substring(start, i));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        lines.add(""); // the end of the stream dispatches like a blank line
        for (String line : lines) {
            if (line.isEmpty()) {
                if (sawData) {
                    events.add(new SseEvent(type.isEmpty() ? "message" : type,
                            data.substring(0, data.length() - 1), id.isEmpty() ? null : id, retry));
                }
                data.setLength(0);
                sawData = false;
                type = "";
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String name = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (name) {
                case "data" -> {
                    data.append(value).append('\n');
                    sawData = true;
                }
                case "event" -> type = value;
                case "id" -> id = value.indexOf('\0') >= 0 ? id : value;
                case "retry" -> {
                    if (!value.isEmpty() && value.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
                        retry = Duration.ofMillis(
                                new BigInteger(value).min(BigInteger.valueOf(Long.MAX_VALUE)).longValue());
                    }
                }
                default -> { }
            }
        }
        return events;
    }
}
