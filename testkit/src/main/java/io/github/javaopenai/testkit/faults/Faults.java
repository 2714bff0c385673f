package io.github.javaopenai.testkit.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Makes the {@link Fault}s a {@link FaultServer} script is built from: good answers, error
 * statuses, resets, stalls and malformed bodies, and realtime WebSockets that drop, close or hang
 * mid-session ({@code realtime...}). A WebSocket upgrade is a request like any other, so
 * {@link #unauthorized()} refuses one and {@link #silence} leaves one unanswered.
 *
 * <p>Every wait a fault makes is bounded by the duration it is given, and every body it writes
 * is generated in small pieces, so a 100 MB body never sits in memory.
 *
 * @since 0.1
 */
public final class Faults {

    private static final String JSON = "application/json";
    private static final Map<String, String> SSE_HEADERS = Map.of(
            "Content-Type", "text/event-stream", "Cache-Control", "no-cache", "Transfer-Encoding", "chunked");

    private Faults() {
    }

    /** Answers with the status and a JSON body. */
    public static Fault json(int status, String body) {
        return json(status, Map.of(), body);
    }

    /** Answers with the status, extra headers and a JSON body. */
    public static Fault json(int status, Map<String, String> headers, String body) {
        return body(status, JSON, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers with the status, content type, extra headers and body bytes as given. */
    public static Fault body(int status, String contentType, Map<String, String> headers, byte[] body) {
        Objects.requireNonNull(contentType, "contentType == null");
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        byte[] copy = body.clone();
        return exchange -> {
            exchange.writeHead(status, all, copy.length);
            exchange.write(copy);
        };
    }

    /** Answers with the status and an OpenAI-style error body naming it. */
    public static Fault status(int status) {
        return json(status, "{\"error\":{\"message\":\"injected status " + status + "\",\"type\":\"server_error\","
                + "\"param\":null,\"code\":\"injected\"}}");
    }

    /** Answers 429 with a {@code Retry-After} header holding the given value. */
    public static Fault rateLimited(String retryAfter) {
        return json(429, Map.of("Retry-After", retryAfter), "{\"error\":{\"message\":\"Rate limit reached\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    }

    /** Reads the request, then resets the connection without answering. */
    public static Fault resetBeforeResponse() {
        return FaultExchange::reset;
    }

    /** Answers 502 with an HTML page, as nginx in front of a failed upstream does. */
    public static Fault htmlBadGateway() {
        String html = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
                + "<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.25.3</center>\r\n"
                + "</body>\r\n</html>\r\n";
        return body(502, "text/html", Map.of(), html.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers 200 with JSON that stops in the middle, under a length that matches what is sent. */
    public static Fault truncatedJson() {
        return json(200, "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"mess");
    }

    /** Promises a longer body than it sends, then closes: the client sees the body end early. */
    public static Fault shortBody() {
        return exchange -> {
            exchange.writeHead(200, Map.of("Content-Type", JSON), 1000);
            exchange.write("{\"id\":\"cut\",\"object\":");
        };
    }

    /** Answers 200 with JSON whose string holds bytes that are not valid UTF-8. */
    public static Fault invalidUtf8() {
        byte[] start = "{\"id\":\"x\",\"text\":\"bad ".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, (byte) 0xFE};
        byte[] end = " end\"}".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + bad.length + end.length];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(bad, 0, body, start.length, bad.length);
        System.arraycopy(end, 0, body, start.length + bad.length, end.length);
        return body(200, JSON, Map.of(), body);
    }

    /** Answers 200 with a JSON body of the given content type, such as {@code text/plain}. */
    public static Fault wrongContentType(String contentType, String json) {
        return body(200, contentType, Map.of(), json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Answers 200 with {@code {"data":["xxx…", …]}}: {@code elements} strings of 1 KiB each
     * (1,022 {@code x} plus quotes), written as they are generated so the body never sits in
     * memory. 102,400 elements make a body just over 100 MiB.
     */
    public static Fault hugeJson(int elements) {
        if (elements < 1) {
            throw new IllegalArgumentException("elements must be positive: " + elements);
        }
        byte[] element = new byte[1024];
        Arrays.fill(element, (byte) 'x');
        element[0] = '"';
        element[1023] = '"';
        byte[] prefix = "{\"data\":[".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "]}".getBytes(StandardCharsets.US_ASCII);
        long length = prefix.length + (long) elements * element.length + (elements - 1) + suffix.length;
        return exchange -> {
            exchange.writeHead(200, Map.of("Content-Type", JSON), length);
            exchange.out().write(prefix);
            for (int i = 0; i < elements; i++) {
                if (i > 0) {
                    exchange.out().write(',');
                }
                exchange.out().write(element);
            }
            exchange.write(suffix);
        };
    }

    /** Sends the status line and headers one byte at a time, each after {@code delay}, then a body. */
    public static Fault dripHeaders(Duration delay, String json) {
        return exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            for (byte b : FaultExchange.head(200, Map.of("Content-Type", JSON), body.length)) {
                exchange.pause(delay);
                exchange.write(new byte[] {b});
            }
            exchange.write(body);
        };
    }

    /** Streams the data events as server-sent events, then {@code data: [DONE]}, then closes. */
    public static Fault sse(List<String> events) {
        return sse(events, true, exchange -> { });
    }

    /**
     * Streams the data events without {@code [DONE]}, waits a second, then resets the connection.
     * The wait lets the client read what was sent, even on a busy machine: a TCP reset makes the
     * receiving side drop data it has not read yet.
     */
    public static Fault sseThenReset(List<String> events) {
        return sse(events, false, exchange -> {
            exchange.pause(Duration.ofSeconds(1));
            exchange.reset();
        });
    }

    /** Streams the data events without {@code [DONE]}, then goes silent for {@code stall}, then closes. */
    public static Fault sseThenStall(List<String> events, Duration stall) {
        return sse(events, false, exchange -> exchange.pause(stall));
    }

    /** Streams the data event {@code count} times, then {@code [DONE]}: a long stream made on the fly. */
    public static Fault sseRepeated(String event, long count) {
        String frame = "data: " + event + "\n\n";
        return exchange -> {
            exchange.writeHead(200, SSE_HEADERS, -1);
            for (long i = 0; i < count; i++) {
                exchange.writeChunk(frame);
            }
            exchange.writeChunk("data: [DONE]\n\n");
            exchange.endChunks();
        };
    }

    /**
     * Streams the events in a chunked body, so that a connection cut before the last chunk is an
     * error to the client and never a normal end; a complete stream ends with {@code [DONE]}.
     */
    private static Fault sse(List<String> events, boolean done, Fault ending) {
        List<String> copy = List.copyOf(events);
        return exchange -> {
            exchange.writeHead(200, SSE_HEADERS, -1);
            for (String event : copy) {
                exchange.writeChunk("data: " + event + "\n\n");
            }
            if (done) {
                exchange.writeChunk("data: [DONE]\n\n");
                exchange.endChunks();
            }
            ending.respond(exchange);
        };
    }

    /** Runs the faults one after another on the same request, such as a pause before an answer. */
    public static Fault then(Fault first, Fault second) {
        return exchange -> {
            first.respond(exchange);
            second.respond(exchange);
        };
    }

    /**
     * Waits for {@code delay} without writing anything. To a WebSocket client this is an upgrade
     * that is never answered.
     */
    public static Fault silence(Duration delay) {
        return exchange -> exchange.pause(delay);
    }

    /**
     * Answers 401 with the API's {@code invalid_api_key} error, as to a wrong key: the same to a
     * plain request and to a WebSocket upgrade.
     */
    public static Fault unauthorized() {
        return json(401, "{\"error\":{\"message\":\"Incorrect API key provided.\",\"type\":\"invalid_request_error\","
                + "\"param\":null,\"code\":\"invalid_api_key\"}}");
    }

    /**
     * Plays a realtime server whose connection drops in the middle of a response: accepts the
     * WebSocket upgrade, sends {@code session.created}, waits (up to 10 s) for the client's
     * {@code response.create}, streams the partial text word by word as
     * {@code response.output_text.delta} events after {@code response.created}, then, 200 ms later,
     * ends the connection without a close frame. The response never ends.
     */
    public static Fault realtimeDropMidResponse(String partialText) {
        Objects.requireNonNull(partialText, "partialText == null");
        return exchange -> {
            FaultWebSocket socket = realtimeResponseStarted(exchange, partialText);
            if (socket != null) {
                exchange.pause(Duration.ofMillis(200)); // the JDK's client can lose a message that arrives with the end
                socket.drop(Duration.ofSeconds(5));
            }
        };
    }

    /**
     * Like {@link #realtimeDropMidResponse}, but ends the WebSocket with a close frame of the code
     * and reason after the partial text, as a server that gives up on a response.
     */
    public static Fault realtimeCloseMidResponse(String partialText, int code, String reason) {
        Objects.requireNonNull(partialText, "partialText == null");
        Objects.requireNonNull(reason, "reason == null");
        return exchange -> {
            FaultWebSocket socket = realtimeResponseStarted(exchange, partialText);
            if (socket != null) {
                socket.close(code, reason);
                socket.awaitClose(Duration.ofSeconds(5));
            }
        };
    }

    /**
     * Plays a hung realtime server: accepts the WebSocket upgrade, sends {@code session.created},
     * then for {@code hang} reads whatever the client sends and answers nothing, not even its
     * pings, as a server whose TCP connection outlived it. Then it closes the connection.
     */
    public static Fault realtimeHang(Duration hang) {
        Objects.requireNonNull(hang, "hang == null");
        return exchange -> {
            FaultWebSocket socket = FaultWebSocket.accept(exchange, false);
            socket.sendText(RealtimeEvents.sessionCreated());
            long deadline = System.nanoTime() + hang.toNanos();
            long left;
            while ((left = deadline - System.nanoTime()) > 0) {
                if (socket.receiveText(Duration.ofNanos(left)) == null && System.nanoTime() < deadline) {
                    exchange.pause(Duration.ofNanos(Math.min(left, Duration.ofMillis(50).toNanos())));
                }
            }
        };
    }

    /** Accepts the upgrade and streams the partial text of a response; null when the client never asked for one. */
    private static FaultWebSocket realtimeResponseStarted(FaultExchange exchange, String partialText) throws IOException {
        FaultWebSocket socket = FaultWebSocket.accept(exchange, true);
        socket.sendText(RealtimeEvents.sessionCreated());
        if (!socket.awaitText("\"response.create\"", Duration.ofSeconds(10))) {
            return null;
        }
        RealtimeEvents response = new RealtimeEvents();
        socket.sendText(response.created());
        for (String word : partialText.split("(?<= )")) {
            if (!word.isEmpty()) {
                socket.sendText(response.textDelta(word));
            }
        }
        return socket;
    }
}
