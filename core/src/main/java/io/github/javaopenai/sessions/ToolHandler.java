package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Runs one tool call of a session's tool loop: receives the parsed arguments, returns the result.
 *
 * <p>A string result is sent as is; null is sent as the empty string; anything else is sent as
 * its JSON form. A thrown exception becomes a tool result carrying its text, unless the
 * {@link ToolLoop} is set to end the loop instead. Handlers of one round run concurrently, so a
 * handler shared by several tools must be thread-safe.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ToolHandler {

    /**
     * Runs the call.
     *
     * @param arguments the arguments the model sent, parsed from JSON (an empty object when it
     *     sent none)
     * @return the result to send back to the model
     * @throws Exception when the call fails
     */
    Object call(JsonNode arguments) throws Exception;
}
