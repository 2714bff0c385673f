package io.github.javaopenai.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * One scripted answer of {@link FakeRealtime} to the next {@code response.create}: a text, a
 * function call, an {@code error} event, or a connection that ends mid-response.
 *
 * @since 0.1
 */
public final class RealtimeScript {

    enum Kind { TEXT, FUNCTION_CALL, ERROR, CLOSE, DROP }

    final Kind kind;
    final String text;
    final String name;
    final String arguments;
    final int closeCode;
    final Duration deltaDelay;

    private RealtimeScript(Kind kind, String text, String name, String arguments, int closeCode, Duration deltaDelay) {
        this.kind = kind;
        this.text = text;
        this.name = name;
        this.arguments = arguments;
        this.closeCode = closeCode;
        this.deltaDelay = deltaDelay;
    }

    /** Answers with the text, streamed word by word. */
    public static RealtimeScript text(String text) {
        return new RealtimeScript(Kind.TEXT, Objects.requireNonNull(text, "text == null"), null, null, 0, Duration.ZERO);
    }

    /** Answers with the text, pausing before each word: time for the client to cancel. */
    public static RealtimeScript slowText(String text, Duration perWord) {
        return new RealtimeScript(Kind.TEXT, Objects.requireNonNull(text, "text == null"), null, null, 0,
                Objects.requireNonNull(perWord, "perWord == null"));
    }

    /** Answers with a call of the named function with the arguments (a JSON object as text). */
    public static RealtimeScript functionCall(String name, String arguments) {
        return new RealtimeScript(Kind.FUNCTION_CALL, null, Objects.requireNonNull(name, "name == null"),
                Objects.requireNonNull(arguments, "arguments == null"), 0, Duration.ZERO);
    }

    /** Answers with an {@code error} event of the code and message instead of a response. */
    public static RealtimeScript error(String code, String message) {
        return new RealtimeScript(Kind.ERROR, Objects.requireNonNull(message, "message == null"),
                Objects.requireNonNull(code, "code == null"), null, 0, Duration.ZERO);
    }

    /** Streams the partial text, then closes the WebSocket with the code and reason. */
    public static RealtimeScript closeAfter(String partialText, int code, String reason) {
        return new RealtimeScript(Kind.CLOSE, partialText, reason, null, code, Duration.ZERO);
    }

    /** Streams the partial text, then, 200 ms later, drops the connection without a close frame. */
    public static RealtimeScript dropAfter(String partialText) {
        return new RealtimeScript(Kind.DROP, partialText, null, null, 0, Duration.ZERO);
    }

    @Override
    public String toString() {
        return "RealtimeScript{" + kind + "}";
    }
}
