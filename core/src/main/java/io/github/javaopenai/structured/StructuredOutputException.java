package io.github.javaopenai.structured;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.OpenAIException;

/**
 * Signals that a structured reply could not be turned into the requested type: the reply had no
 * content, was not JSON, or did not match the type. (An error status raises
 * {@link io.github.javaopenai.errors.ApiException} instead.) {@link #field()} names the property that did not match, when one did not.
 *
 * @since 0.1
 */
public class StructuredOutputException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final String field;
    private final transient ApiResponse response;

    /**
     * Creates an exception.
     *
     * @param message what went wrong
     * @param field the path of the property that did not match, or null
     * @param response the server's response, or null
     * @param cause the underlying failure, or null
     */
    public StructuredOutputException(String message, String field, ApiResponse response, Throwable cause) {
        super(message, cause);
        this.field = field;
        this.response = response;
    }

    /**
     * Returns the path of the property that did not match, such as {@code steps[1].output}, or
     * null when the failure was not about one property.
     */
    public String field() {
        return field;
    }

    /** Returns the server's response this failure came from, or null when there was none. */
    public ApiResponse response() {
        return response;
    }
}
