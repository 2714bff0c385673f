package io.github.javaopenai.listener;

import io.github.javaopenai.core.Usage;
import java.util.List;

/**
 * What a finished call's answer says about itself; a value the answer lacks is null.
 *
 * @param status the HTTP status
 * @param responseModel the model that answered, which may be more specific than the requested one
 * @param responseId the id of the completion or response
 * @param requestId the server's request id ({@code x-request-id})
 * @param usage the tokens used, with cached and reasoning tokens; null when the answer has no usage
 * @param finishReasons why each choice ended ({@code stop}, {@code length}, {@code tool_calls}...);
 *     for the Responses API the response's status or its incomplete reason
 * @param outputText the answer's text, only when the client was built with {@code listenerContent(true)}
 * @since 0.1
 */
public record CallResult(int status, String responseModel, String responseId, String requestId, Usage usage,
        List<String> finishReasons, String outputText) {

    /** Copies the finish reasons. */
    public CallResult {
        finishReasons = List.copyOf(finishReasons);
    }
}
