package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds what the server sends back for one request: a body, a stream of SSE events, or a dropped
 * connection.
 *
 * @param status the HTTP status
 * @param headers extra response headers
 * @param contentType the body's content type
 * @param body the body bytes, for a plain answer
 * @param events the SSE events, for a streamed answer; null otherwise
 * @param doneMarker whether a streamed answer ends with {@code data: [DONE]}
 * @param disconnect whether the connection is closed without an answer
 * @param delay how long to wait before answering
 */
record Answer(int status, Map<String, String> headers, String contentType, byte[] body, List<JsonNode> events,
        boolean doneMarker, boolean disconnect, Duration delay) {

    static Answer json(int status, JsonNode body) {
        return new Answer(status, Map.of(), "application/json", Wire.bytes(body), null, false, false, Duration.ZERO);
    }

    static Answer bytes(int status, String contentType, byte[] body) {
        return new Answer(status, Map.of(), contentType, body, null, false, false, Duration.ZERO);
    }

    static Answer sse(List<JsonNode> events, boolean doneMarker) {
        return new Answer(200, Map.of(), "text/event-stream; charset=utf-8", new byte[0], List.copyOf(events),
                doneMarker, false, Duration.ZERO);
    }

    static Answer disconnected() {
        return new Answer(0, Map.of(), null, new byte[0], null, false, true, Duration.ZERO);
    }

    boolean isStream() {
        return events != null;
    }

    /** Returns this answer with the reply's extra headers and delay applied. */
    Answer shapedBy(FakeReply reply) {
        if (reply == null) {
            return this;
        }
        Map<String, String> merged = new LinkedHashMap<>(headers);
        merged.putAll(reply.headers());
        boolean cut = events != null && reply.cutAfter() >= 0 && reply.cutAfter() < events.size();
        return new Answer(status, merged, contentType, body, cut ? events.subList(0, reply.cutAfter()) : events,
                doneMarker && !cut, disconnect, reply.delay());
    }

    /** Returns the answer a non-content reply stands for, or null for a content reply. */
    static Answer forFault(FakeReply reply) {
        return switch (reply.kind()) {
            case ERROR -> json(reply.status(), Wire.error(reply.text(), reply.errorType(), null, reply.errorCode()));
            case RAW -> bytes(reply.status(), reply.contentType(), reply.body());
            case DISCONNECT -> disconnected();
            default -> null;
        };
    }
}
