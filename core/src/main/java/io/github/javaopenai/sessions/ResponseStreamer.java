package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;

/**
 * Another way to create one streamed response than {@code POST /responses}, such as a Responses
 * API WebSocket ({@code io.github.javaopenai.realtime.ResponsesSocket}); see
 * {@link ResponsesChatSession#useWebSocket}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ResponseStreamer {

    /**
     * Creates one response from a {@code POST /responses} body (model, input,
     * previous_response_id...), passing each streamed event to {@code onEvent} in order, and
     * returns once the last event ({@code response.completed}, {@code response.incomplete} or
     * {@code response.failed}) was passed.
     *
     * @throws io.github.javaopenai.errors.StreamException when the stream ends before its last event
     */
    void stream(ObjectNode body, Consumer<JsonNode> onEvent);
}
