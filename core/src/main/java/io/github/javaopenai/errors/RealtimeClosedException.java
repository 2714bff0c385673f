package io.github.javaopenai.errors;

/**
 * Signals that a realtime session's WebSocket closed while events were still expected: the server
 * closed it (its close code and reason are kept) or the connection dropped without a close frame
 * (code 1006). A realtime session cannot be resumed, so the library never reconnects on its own;
 * open a new session to go on.
 *
 * <p>When the connection drops without a close frame, the JDK's WebSocket client may lose the
 * message that arrived in the same instant; every message before it has been delivered.
 *
 * @since 0.1
 */
public class RealtimeClosedException extends StreamException {

    private static final long serialVersionUID = 1L;

    /** The close code the WebSocket protocol reserves for a connection lost without a close frame. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private final int code;
    private final String reason;

    /** Creates the exception for a close frame the server sent. */
    public RealtimeClosedException(int code, String reason) {
        super("realtime session closed by the server: code " + code
                + (reason == null || reason.isEmpty() ? "" : ", reason \"" + reason + "\""), -1, null);
        this.code = code;
        this.reason = reason == null ? "" : reason;
    }

    /** Creates the exception for a connection lost without a close frame. */
    public RealtimeClosedException(Throwable cause) {
        super("realtime connection lost without a close frame: " + cause, cause);
        this.code = ABNORMAL_CLOSURE;
        this.reason = "";
    }

    /** Returns the WebSocket close code: the server's, or 1006 when the connection dropped. */
    public int code() {
        return code;
    }

    /** Returns the server's close reason, empty when there was none. */
    public String reason() {
        return reason;
    }
}
