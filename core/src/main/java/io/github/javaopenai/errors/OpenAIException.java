package io.github.javaopenai.errors;

/**
 * Signals a failure of the java-openai library: the base of every exception it throws, except
 * {@link IllegalArgumentException} and {@link NullPointerException} for misuse of its API.
 *
 * <p>Messages never contain the API key.
 *
 * @since 0.1
 */
public class OpenAIException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with the given message. */
    public OpenAIException(String message) {
        super(message);
    }

    /** Creates an exception with the given message and cause. */
    public OpenAIException(String message, Throwable cause) {
        super(message, cause);
    }
}
