package io.github.javaopenai.sessions;

import io.github.javaopenai.core.EventStream;

import java.util.ArrayList;
import java.util.List;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Usage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.SessionException;
import io.github.javaopenai.internal.Json;

/** Reads a Chat Completions body into a {@link ChatReply}; a body that is not one fails with the field at fault. */
final class ChatReplies {

    private static final String PREFIX = "Failed to parse response from server: ";

    private ChatReplies() {
    }

    /**
     * Reads a 200 body: {@code choices} and {@code usage} must be present, and the first choice's
     * message must have string content, a refusal, a function call or tool calls (lua-parity.md
     * H118-120; a refusal is read as a reply, as in the streamed form).
     */
    static ChatReply parse(JsonNode body) {
        if (!body.isObject()) {
            throw fail("expected a JSON object, got " + Json.typeName(body), body);
        }
        JsonNode choices = body.get("choices");
        if (choices == null || !choices.isArray()) {
            throw fail("field \"choices\": expected an array, got " + Json.typeName(choices), body);
        }
        JsonNode usage = body.get("usage");
        if (usage == null || !usage.isObject()) {
            throw fail("field \"usage\": expected an object, got " + Json.typeName(usage), body);
        }
        JsonNode choice = choices.get(0);
        if (choice == null || !choice.isObject()) {
            throw fail("field \"choices[0]\": expected an object, got " + Json.typeName(choice), body);
        }
        JsonNode message = choice.get("message");
        if (message == null || !message.isObject()) {
            throw fail("field \"choices[0].message\": expected an object, got " + Json.typeName(message), body);
        }
        if (!isReadable(message)) {
            throw fail("field \"choices[0].message\": expected string content, a refusal, a function_call"
                    + " with string name and arguments, or tool_calls", body);
        }
        JsonNode finish = choice.get("finish_reason");
        return new ChatReply(message, Usage.from(usage), finish != null && finish.isTextual() ? finish.textValue() : null,
                body);
    }

    private static boolean isReadable(JsonNode message) {
        JsonNode content = message.get("content");
        if (content != null && content.isTextual() || message.path("refusal").isTextual()) {
            return true; // a refusal is an answer too, as the streamed form returns it
        }
        if (content != null && !content.isNull()) {
            return false;
        }
        JsonNode function = message.get("function_call");
        boolean functionCall = function != null && function.isObject()
                && function.path("name").isTextual() && function.path("arguments").isTextual();
        JsonNode tools = message.get("tool_calls");
        return functionCall || tools != null && tools.isArray();
    }

    /**
     * Returns what goes into the history for a reply: {@code {role, content}} for plain text
     * (API extras such as annotations dropped), {@code {role, refusal}} for a refusal without
     * text, and for calls also
     * {@code function_call} / {@code tool_calls}, with {@code content} kept as null or left
     * absent exactly as the reply had it (lua-parity.md H105, H109).
     */
    static ObjectNode historyEntry(JsonNode message) {
        ObjectNode entry = Json.object();
        entry.set("role", message.has("role") ? message.get("role") : Json.MAPPER.getNodeFactory().textNode("assistant"));
        boolean calls = message.has("function_call") || message.has("tool_calls");
        if (message.has("content") || !calls) {
            JsonNode content = message.get("content");
            if (content != null) {
                entry.set("content", content);
            }
        }
        JsonNode refusal = message.get("refusal");
        if (refusal != null && refusal.isTextual() && !message.path("content").isTextual()) {
            entry.remove("content");
            entry.set("refusal", refusal); // without it the turn would read as an empty answer
        }
        for (String key : new String[] {"function_call", "tool_calls"}) {
            if (message.has(key)) {
                entry.set(key, message.get(key));
            }
        }
        return entry;
    }

    /** Returns the tool and function calls the reply asks for, in order. */
    static List<ToolCall> calls(ChatReply reply) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode call : reply.toolCalls()) {
            JsonNode function = call.path("function");
            calls.add(new ToolCall(call.path("id").asText(null), function.path("name").asText(""),
                    function.path("arguments").asText("")));
        }
        JsonNode function = reply.functionCall();
        if (function != null) {
            calls.add(new ToolCall(null, function.path("name").asText(""), function.path("arguments").asText("")));
        }
        return calls;
    }

    /** Reads a whole answer: the reply of a 200, or the status exception with lua-openai's text. */
    static ChatReply read(ApiResponse response) {
        if (response.status() != 200) {
            throw badStatus(response);
        }
        return parse(response.body());
    }

    /** Returns the failure of a stream that carried an error event, so nothing joins the history. */
    static SessionException streamError(JsonNode error, int status) {
        JsonNode envelope = error;
        if (!error.has("error")) {
            ObjectNode wrapped = Json.object();
            wrapped.set("error", error);
            envelope = wrapped;
        }
        return new SessionException(EventStream.errorMessage(envelope), status, error);
    }

    /** Returns the exception for an error status, with lua-openai's {@code Bad status: ...} text. */
    static ApiException badStatus(ApiResponse response) {
        StringBuilder message = new StringBuilder("Bad status: ").append(response.status());
        JsonNode error = response.body().path("error");
        JsonNode text = error.get("message");
        JsonNode code = error.get("code");
        if (text != null && text.isTextual()) {
            message.append(": ").append(text.textValue());
            // llama.cpp and vLLM send the status as a number: {"error":{"code":400,"message":...}}
            if (code != null && (code.isTextual() || code.isNumber())) {
                message.append(" (").append(code.asText()).append(')');
            }
        }
        return ApiException.of(message.toString(), response.status(), response.headers(), response.body());
    }

    private static SessionException fail(String problem, JsonNode body) {
        return new SessionException(PREFIX + problem, 200, body);
    }
}
