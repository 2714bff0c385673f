package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Holds a chat session's reply: the assistant message, its token usage and, when it was not
 * streamed, the whole response body.
 *
 * <p>{@link #toString()} is the reply text, so {@code System.out.println(chat.send("Hi"))} prints
 * what lua-openai's {@code print(chat:send("Hi"))} prints. Where lua-openai returns the whole
 * message instead of a string (a reply that asks for tool or function calls), check
 * {@link #hasCalls()} and read {@link #message()}, {@link #toolCalls()} or
 * {@link #functionCall()}.
 *
 * @param message the assistant message as the server sent it (or as the stream built it)
 * @param usage the token counts of this request (zero when the server reported none)
 * @param finishReason why the model stopped, or null when the server did not say
 * @param body the whole response body, or null for a streamed reply
 * @since 0.1
 */
public record ChatReply(JsonNode message, Usage usage, String finishReason, JsonNode body) {

    /** Checks that the message and usage are present. */
    public ChatReply {
        Objects.requireNonNull(message, "message == null");
        Objects.requireNonNull(usage, "usage == null");
    }

    /** Returns the text content, or null when the message has none (a tool-call reply). */
    public String content() {
        JsonNode content = message.get("content");
        return content != null && content.isTextual() ? content.textValue() : null;
    }

    /** Returns the text content, or the empty string when there is none. */
    public String text() {
        String content = content();
        return content == null ? "" : content;
    }

    /** Returns whether the message asks for tool calls or a function call. */
    public boolean hasCalls() {
        return !toolCalls().isEmpty() || functionCall() != null;
    }

    /** Returns the requested tool calls in order; empty when there are none. */
    public List<JsonNode> toolCalls() {
        JsonNode calls = message.get("tool_calls");
        List<JsonNode> list = new ArrayList<>();
        if (calls != null && calls.isArray()) {
            calls.forEach(list::add);
        }
        return List.copyOf(list);
    }

    /** Returns the legacy {@code function_call} object, or null when there is none. */
    public JsonNode functionCall() {
        JsonNode call = message.get("function_call");
        return call != null && call.isObject() ? call : null;
    }

    /** Returns the refusal text, or null when the model did not refuse. */
    public String refusal() {
        JsonNode refusal = message.get("refusal");
        return refusal != null && refusal.isTextual() ? refusal.textValue() : null;
    }

    /** Returns the reply text: the content, or the empty string when there is none. */
    @Override
    public String toString() {
        return text();
    }
}
