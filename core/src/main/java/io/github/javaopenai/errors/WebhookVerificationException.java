package io.github.javaopenai.errors;

/**
 * Signals that a webhook request could not be shown to come from the sender holding the secret: a
 * header is missing, the timestamp is outside the tolerance, or no signature matches.
 *
 * <p>Answer such a request with HTTP 400 and do not act on it. The message says which check
 * failed, never the secret or the expected signature.
 *
 * @since 0.1
 */
public class WebhookVerificationException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception saying which check failed. */
    public WebhookVerificationException(String message) {
        super(message);
    }
}
