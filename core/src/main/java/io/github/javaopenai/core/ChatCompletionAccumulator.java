package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the assistant message of a streamed Chat Completion from its chunk events: text,
 * refusal, tool calls, finish reason and usage.
 *
 * <p>Feed it every decoded event in order with {@link #accept(JsonNode)}; it needs no session and
 * no network. Only the first choice (index 0) is gathered. Tool-call deltas are merged by their
 * {@code index} (a missing index counts as 0): the last non-null {@code id}, {@code type} and
 * {@code name} win and the {@code arguments} strings are concatenated. A call that never states
 * its type gets {@code "function"}, one that never sends arguments gets {@code ""}, and a delta
 * whose {@code tool_calls} is JSON null counts as one without tool calls (lua-openai fails on
 * those two; lua-parity.md I133, I134). Events that are not chunks (errors, comments turned into
 * JSON, anything else) are ignored here, except that an {@code error} object is kept for
 * {@link #error()}.
 *
 * <p>Not thread-safe: one accumulator belongs to one stream.
 *
 * <pre>{@code
 * ChatCompletionAccumulator acc = new ChatCompletionAccumulator();
 * client.createChatCompletion(messages, Map.of(), acc::accept);
 * JsonNode message = acc.message(); // {"role":"assistant","content":"..."}
 * }</pre>
 *
 * @since 0.1
 */
public final class ChatCompletionAccumulator {

    private final StringBuilder text = new StringBuilder();
    private boolean sawText;
    private StringBuilder refusal;
    private final Map<Integer, ToolCallParts> toolCalls = new TreeMap<>();
    private String finishReason;
    private JsonNode usage;
    private JsonNode error;
    private String id;
    private String model;
    private int events;

    /** Creates an empty accumulator. */
    public ChatCompletionAccumulator() {
    }

    /**
     * Adds one decoded stream event.
     *
     * @return the content delta this event carried for the first choice, or null when it had none
     */
    public String accept(JsonNode event) {
        Objects.requireNonNull(event, "event == null");
        events++;
        if (!event.isObject()) {
            return null;
        }
        if (event.get("error") != null && event.get("error").isObject()) {
            error = event.get("error");
        }
        id = textOr(event.get("id"), id);
        model = textOr(event.get("model"), model);
        JsonNode eventUsage = event.get("usage");
        if (eventUsage != null && eventUsage.isObject()) {
            usage = eventUsage;
        }
        JsonNode choices = event.get("choices");
        if (choices == null || !choices.isArray()) {
            return null;
        }
        String delta = null;
        for (JsonNode choice : choices) {
            if (choice.isObject() && choice.path("index").asInt(0) == 0) {
                delta = acceptChoice(choice);
            }
        }
        return delta;
    }

    private String acceptChoice(JsonNode choice) {
        finishReason = textOr(choice.get("finish_reason"), finishReason);
        JsonNode delta = choice.get("delta");
        if (delta == null || !delta.isObject()) {
            return null;
        }
        JsonNode refusalDelta = delta.get("refusal");
        if (refusalDelta != null && refusalDelta.isTextual()) {
            (refusal == null ? refusal = new StringBuilder() : refusal).append(refusalDelta.textValue());
        }
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            for (JsonNode call : calls) {
                if (call.isObject()) {
                    toolCalls.computeIfAbsent(call.path("index").asInt(0), i -> new ToolCallParts()).merge(call);
                }
            }
        }
        JsonNode content = delta.get("content");
        if (content != null && content.isTextual()) {
            sawText = true;
            text.append(content.textValue());
            return content.textValue();
        }
        return null;
    }

    /** Returns the concatenated text of every content delta; empty when there was none. */
    public String text() {
        return text.toString();
    }

    /** Returns whether at least one content delta arrived (an empty one included). */
    public boolean hasText() {
        return sawText;
    }

    /** Returns the concatenated refusal text, or null when the model did not refuse. */
    public String refusal() {
        return refusal == null ? null : refusal.toString();
    }

    /** Returns the merged tool calls in index order, as {@code [{id, type, function:{name, arguments}}]}. */
    public ArrayNode toolCalls() {
        ArrayNode array = Json.MAPPER.createArrayNode();
        toolCalls.values().forEach(parts -> array.add(parts.toJson()));
        return array;
    }

    /** Returns the last finish reason seen, or null while the stream has not finished. */
    public String finishReason() {
        return finishReason;
    }

    /** Returns the token counts from the usage chunk, or {@link Usage#ZERO} when none arrived. */
    public Usage usage() {
        return Usage.from(usage);
    }

    /** Returns the raw {@code usage} object of the stream, or null when none arrived. */
    public JsonNode usageJson() {
        return usage;
    }

    /** Returns the last {@code error} object an event carried, or null. */
    public JsonNode error() {
        return error;
    }

    /** Returns the completion id from the chunks, or null. */
    public String id() {
        return id;
    }

    /** Returns the model named by the chunks, or null. */
    public String model() {
        return model;
    }

    /** Returns how many events were accepted. */
    public int eventCount() {
        return events;
    }

    /**
     * Returns the assistant message built so far: {@code {role: "assistant"}} plus {@code content}
     * when any text arrived, {@code refusal} when the model refused, and {@code tool_calls} when
     * any were requested. A new object on each call.
     */
    public ObjectNode message() {
        ObjectNode message = Json.object();
        message.put("role", "assistant");
        if (sawText) {
            message.put("content", text.toString());
        }
        if (refusal != null) {
            message.put("refusal", refusal.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls());
        }
        return message;
    }

    private static String textOr(JsonNode node, String fallback) {
        return node != null && node.isTextual() ? node.textValue() : fallback;
    }

    /** The parts of one tool call gathered from its deltas. */
    private static final class ToolCallParts {
        private String id;
        private String type;
        private String name;
        private final StringBuilder arguments = new StringBuilder();

        void merge(JsonNode delta) {
            id = textOr(delta.get("id"), id);
            type = textOr(delta.get("type"), type);
            JsonNode function = delta.get("function");
            if (function != null && function.isObject()) {
                name = textOr(function.get("name"), name);
                JsonNode args = function.get("arguments");
                if (args != null && args.isTextual()) {
                    arguments.append(args.textValue());
                }
            }
        }

        ObjectNode toJson() {
            ObjectNode call = Json.object();
            if (id != null) {
                call.put("id", id);
            }
            call.put("type", type == null ? "function" : type);
            ObjectNode function = call.putObject("function");
            if (name != null) {
                function.put("name", name);
            }
            function.put("arguments", arguments.toString());
            return call;
        }
    }
}
