package io.github.javaopenai.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Describes one scripted answer of {@link FakeOpenAI}: a text or tool-call reply from the model,
 * an API error, or a fault such as a bare status code or a dropped connection.
 *
 * <p>A content reply ({@link #text}, {@link #toolCall}, {@link #functionCall}) is taken by the
 * next chat completion or response request and shapes its answer, streamed or not. Any other
 * reply is taken by the next request of any kind. Instances are immutable; {@code with…}
 * methods return copies.
 *
 * <pre>{@code
 * server.enqueue(FakeReply.text("Hello!"));
 * server.enqueue(FakeReply.error(429, "Rate limit reached").withHeader("Retry-After", "0"));
 * }</pre>
 *
 * @since 0.1
 */
public final class FakeReply {

    /** Names one tool call in a scripted reply: the function's name and its JSON arguments. */
    public record ToolCall(String name, String arguments) {
        /** Checks that the name and arguments are present. */
        public ToolCall {
            Objects.requireNonNull(name, "name == null");
            Objects.requireNonNull(arguments, "arguments == null");
        }
    }

    enum Kind { TEXT, TOOL_CALLS, FUNCTION_CALL, ERROR, RAW, DISCONNECT }

    private final Kind kind;
    private final String text;
    private final List<ToolCall> toolCalls;
    private final int status;
    private final String errorType;
    private final String errorCode;
    private final String contentType;
    private final byte[] body;
    private final Map<String, String> headers;
    private final Duration delay;
    private final int cutAfter;

    private FakeReply(Kind kind, String text, List<ToolCall> toolCalls, int status, String errorType,
            String errorCode, String contentType, byte[] body, Map<String, String> headers, Duration delay) {
        this(kind, text, toolCalls, status, errorType, errorCode, contentType, body, headers, delay, -1);
    }

    private FakeReply(Kind kind, String text, List<ToolCall> toolCalls, int status, String errorType,
            String errorCode, String contentType, byte[] body, Map<String, String> headers, Duration delay,
            int cutAfter) {
        this.kind = kind;
        this.text = text;
        this.toolCalls = toolCalls;
        this.status = status;
        this.errorType = errorType;
        this.errorCode = errorCode;
        this.contentType = contentType;
        this.body = body;
        this.headers = Map.copyOf(headers);
        this.delay = delay;
        this.cutAfter = cutAfter;
    }

    private static FakeReply of(Kind kind, String text, List<ToolCall> calls, int status) {
        return new FakeReply(kind, text, calls, status, null, null, null, null, Map.of(), Duration.ZERO);
    }

    /** Returns a reply in which the model answers with the given text. */
    public static FakeReply text(String text) {
        return of(Kind.TEXT, Objects.requireNonNull(text, "text == null"), List.of(), 200);
    }

    /**
     * Returns a reply in which the model calls one tool: a {@code tool_calls} entry in chat
     * completions, a {@code function_call} output item in responses.
     *
     * @param arguments the call's arguments as a JSON string, such as {@code {"a":1}}
     */
    public static FakeReply toolCall(String name, String arguments) {
        return toolCalls(List.of(new ToolCall(name, arguments)));
    }

    /** Returns a reply in which the model calls several tools at once, in order. */
    public static FakeReply toolCalls(List<ToolCall> calls) {
        Objects.requireNonNull(calls, "calls == null");
        if (calls.isEmpty()) {
            throw new IllegalArgumentException("calls is empty");
        }
        return of(Kind.TOOL_CALLS, null, List.copyOf(calls), 200);
    }

    /** Returns a reply in which the model makes a legacy {@code function_call} (chat completions). */
    public static FakeReply functionCall(String name, String arguments) {
        return of(Kind.FUNCTION_CALL, null, List.of(new ToolCall(name, arguments)), 200);
    }

    /**
     * Returns an API error with the given status and message; the error type and code are the
     * ones the real API uses for that status (such as {@code requests} and
     * {@code rate_limit_exceeded} for 429).
     */
    public static FakeReply error(int status, String message) {
        return error(status, defaultType(status), message, defaultCode(status));
    }

    /** Returns an API error with every field of the error object chosen. */
    public static FakeReply error(int status, String type, String message, String code) {
        checkStatus(status);
        return new FakeReply(Kind.ERROR, Objects.requireNonNull(message, "message == null"), List.of(), status,
                Objects.requireNonNull(type, "type == null"), code, null, null, Map.of(), Duration.ZERO);
    }

    /** Returns a fault: the given status with the real API's standard error body for it. */
    public static FakeReply status(int status) {
        return error(status, defaultMessage(status));
    }

    /** Returns a fault: exactly this status, content type and body, such as a proxy's HTML page. */
    public static FakeReply raw(int status, String contentType, String body) {
        checkStatus(status);
        return new FakeReply(Kind.RAW, null, List.of(), status, null, null,
                Objects.requireNonNull(contentType, "contentType == null"),
                Objects.requireNonNull(body, "body == null").getBytes(StandardCharsets.UTF_8), Map.of(), Duration.ZERO);
    }

    /** Returns a fault: the server closes the connection without answering. */
    public static FakeReply disconnect() {
        return of(Kind.DISCONNECT, null, List.of(), 0);
    }

    /** Returns a copy that also sends the given response header. */
    public FakeReply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
        return new FakeReply(kind, text, toolCalls, status, errorType, errorCode, contentType, body, copy, delay,
                cutAfter);
    }

    /** Returns a copy that waits the given time before answering. */
    public FakeReply withDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay == null");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay is negative: " + delay);
        }
        return new FakeReply(kind, text, toolCalls, status, errorType, errorCode, contentType, body, headers, delay,
                cutAfter);
    }

    /**
     * Returns a copy whose streamed answer stops after the given number of events, with no
     * {@code [DONE]} and no {@code response.completed}: a stream cut short. Answers that are not
     * streamed are unaffected.
     *
     * @throws IllegalArgumentException when {@code events} is negative
     */
    public FakeReply withStreamCutAfter(int events) {
        if (events < 0) {
            throw new IllegalArgumentException("events is negative: " + events);
        }
        return new FakeReply(kind, text, toolCalls, status, errorType, errorCode, contentType, body, headers, delay,
                events);
    }

    /** Returns whether this reply is model output, taken only by chat completions and responses. */
    public boolean isContent() {
        return kind == Kind.TEXT || kind == Kind.TOOL_CALLS || kind == Kind.FUNCTION_CALL;
    }

    Kind kind() {
        return kind;
    }

    String text() {
        return text;
    }

    List<ToolCall> toolCallList() {
        return toolCalls;
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }

    String errorCode() {
        return errorCode;
    }

    String contentType() {
        return contentType;
    }

    byte[] body() {
        return body;
    }

    Map<String, String> headers() {
        return headers;
    }

    Duration delay() {
        return delay;
    }

    int cutAfter() {
        return cutAfter;
    }

    private static void checkStatus(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status must be between 100 and 599: " + status);
        }
    }

    private static String defaultType(int status) {
        return switch (status) {
            case 429 -> "requests";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }

    private static String defaultCode(int status) {
        return switch (status) {
            case 401 -> "invalid_api_key";
            case 429 -> "rate_limit_exceeded";
            default -> null;
        };
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Incorrect API key provided.";
            case 404 -> "Not found.";
            case 429 -> "Rate limit reached. Please try again later.";
            case 503 -> "The engine is currently overloaded, please try again later.";
            default -> status >= 500 ? "The server had an error while processing your request. Sorry about that!"
                    : "Request failed with status " + status + ".";
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case TEXT -> "FakeReply.text(" + text + ")";
            case TOOL_CALLS, FUNCTION_CALL -> "FakeReply." + kind + toolCalls;
            case ERROR -> "FakeReply.error(" + status + ", " + text + ")";
            case RAW -> "FakeReply.raw(" + status + ")";
            case DISCONNECT -> "FakeReply.disconnect()";
        };
    }
}
