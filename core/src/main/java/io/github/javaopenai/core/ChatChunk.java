package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Holds one streamed chat completion delta in the legacy form lua-openai's {@code chat} callback
 * and {@code ChatSession} hand to callers.
 *
 * <p>Its string form is the content, or {@code ""} when the delta carries none, so a callback can
 * simply print each chunk.
 *
 * @param content the delta's text, or null when the delta has no string content
 * @param index the choice index
 * @param toolCalls the raw {@code tool_calls} delta list, or null when absent
 * @since 0.1
 */
public record ChatChunk(String content, int index, JsonNode toolCalls) {

    /**
     * Returns the chunk carried by a raw stream event, or null when the event is not a
     * single-choice {@code chat.completion.chunk} with a numeric index and an object delta.
     */
    public static ChatChunk from(JsonNode event) {
        if (event == null || !"chat.completion.chunk".equals(event.path("object").textValue())) {
            return null;
        }
        JsonNode choices = event.get("choices");
        if (choices == null || !choices.isArray() || choices.size() != 1) {
            return null;
        }
        JsonNode choice = choices.get(0);
        JsonNode index = choice.get("index");
        JsonNode delta = choice.get("delta");
        if (index == null || !index.isNumber() || delta == null || !delta.isObject()) {
            return null;
        }
        JsonNode content = delta.get("content");
        JsonNode toolCalls = delta.get("tool_calls");
        return new ChatChunk(content != null && content.isTextual() ? content.textValue() : null,
                index.intValue(), toolCalls == null || toolCalls.isNull() ? null : toolCalls);
    }

    /** Returns the content, or {@code ""} when there is none. */
    @Override
    public String toString() {
        return content == null ? "" : content;
    }
}
