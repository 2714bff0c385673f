package io.github.javaopenai.errors;

/**
 * Signals that a session's tool loop stopped: the model still asked for tool calls after the
 * maximum number of rounds, or a tool's failure was configured to end the loop.
 *
 * <p>The session's history keeps everything exchanged up to that point.
 *
 * @since 0.1
 */
public class ToolLoopException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public ToolLoopException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and the tool's failure as cause. */
    public ToolLoopException(String message, Throwable cause) {
        super(message, cause);
    }
}
