package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Answers {@code POST /chat/completions} and the legacy {@code POST /completions}, plain or streamed. */
final class ChatCompletions {

    private ChatCompletions() {
    }

    static Answer create(JsonNode body, FakeReply reply) {
        Answer invalid = check(body);
        if (invalid != null) {
            return invalid;
        }
        String model = body.get("model").textValue();
        String prompt = lastUserText(body.get("messages"));
        String text = reply != null && reply.kind() == FakeReply.Kind.TEXT ? reply.text() : defaultText(body, prompt);
        int promptTokens = Wire.tokens(body.get("messages").toString());
        if (body.path("stream").asBoolean(false)) {
            return Answer.sse(Chunks.chat(model, text, reply, body.path("stream_options").path("include_usage")
                    .asBoolean(false), promptTokens), true);
        }
        String id = Wire.id("chatcmpl-");
        ObjectNode result = Wire.object();
        result.put("id", id);
        result.put("object", "chat.completion");
        result.put("created", Wire.now());
        result.put("model", model);
        ArrayNode choices = result.putArray("choices");
        int n = Math.max(1, body.path("n").asInt(1));
        for (int i = 0; i < n; i++) {
            ObjectNode choice = choices.addObject();
            choice.put("index", i);
            choice.set("message", message(text, reply));
            choice.putNull("logprobs");
            choice.put("finish_reason", finishReason(reply));
        }
        result.set("usage", usage(promptTokens, Wire.tokens(text) * n));
        result.put("service_tier", "default");
        return Answer.json(200, result);
    }

    static Answer completion(JsonNode body, FakeReply reply) {
        if (!body.isObject() || !body.path("model").isTextual()) {
            return Wire.invalid("you must provide a model parameter", "model");
        }
        String prompt = body.path("prompt").isTextual() ? body.get("prompt").textValue() : body.path("prompt").toString();
        String text = reply != null && reply.kind() == FakeReply.Kind.TEXT ? reply.text() : Wire.echo(prompt);
        ObjectNode result = Wire.object();
        result.put("id", Wire.id("cmpl-"));
        result.put("object", "text_completion");
        result.put("created", Wire.now());
        result.put("model", body.get("model").textValue());
        ObjectNode choice = result.putArray("choices").addObject();
        choice.put("text", text);
        choice.put("index", 0);
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        result.set("usage", usage(Wire.tokens(prompt), Wire.tokens(text)));
        return Answer.json(200, result);
    }

    private static Answer check(JsonNode body) {
        if (!body.isObject()) {
            return Wire.invalid("We could not parse the JSON body of your request.", null);
        }
        if (!body.path("model").isTextual()) {
            return Wire.invalid("you must provide a model parameter", "model");
        }
        if (!body.path("messages").isArray() || body.get("messages").isEmpty()) {
            return Wire.invalid("[] is too short - 'messages'", "messages");
        }
        for (JsonNode message : body.get("messages")) {
            if (!message.path("role").isTextual()) {
                return Wire.invalid("Missing required parameter: 'messages[].role'.", "messages");
            }
        }
        return null;
    }

    /** Returns the text of the last user message, or of the last message when no user spoke. */
    static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return Wire.contentText(messages.get(i).get("content"));
            }
        }
        return Wire.contentText(messages.get(messages.size() - 1).get("content"));
    }

    private static String defaultText(JsonNode body, String prompt) {
        JsonNode messages = body.get("messages");
        JsonNode last = messages.get(messages.size() - 1);
        String role = last.path("role").asText();
        if (role.equals("tool") || role.equals("function")) {
            return Wire.OFFLINE + " The function returned: " + Wire.contentText(last.get("content"));
        }
        JsonNode format = body.path("response_format");
        String type = format.path("type").asText("");
        if (type.equals("json_schema")) {
            return SchemaSample.of(format.path("json_schema").path("schema"), Wire.echo(prompt)).toString();
        }
        if (type.equals("json_object")) {
            return Wire.object().put("reply", Wire.echo(prompt)).toString();
        }
        return Wire.echo(prompt);
    }

    private static ObjectNode message(String text, FakeReply reply) {
        ObjectNode message = Wire.object();
        message.put("role", "assistant");
        boolean calls = reply != null && reply.kind() != FakeReply.Kind.TEXT;
        if (calls) {
            message.putNull("content");
        } else {
            message.put("content", text);
        }
        message.putNull("refusal");
        message.putArray("annotations");
        if (calls && reply.kind() == FakeReply.Kind.FUNCTION_CALL) {
            FakeReply.ToolCall call = reply.toolCallList().get(0);
            message.putObject("function_call").put("name", call.name()).put("arguments", call.arguments());
        } else if (calls) {
            ArrayNode toolCalls = message.putArray("tool_calls");
            for (FakeReply.ToolCall call : reply.toolCallList()) {
                ObjectNode entry = toolCalls.addObject();
                entry.put("id", Wire.id("call_"));
                entry.put("type", "function");
                entry.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        return message;
    }

    static String finishReason(FakeReply reply) {
        if (reply == null || reply.kind() == FakeReply.Kind.TEXT) {
            return "stop";
        }
        return reply.kind() == FakeReply.Kind.FUNCTION_CALL ? "function_call" : "tool_calls";
    }

    static ObjectNode usage(int prompt, int completion) {
        ObjectNode usage = Wire.object();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        usage.putObject("prompt_tokens_details").put("cached_tokens", 0).put("audio_tokens", 0);
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    /** Splits text into the pieces a stream delivers: words with the whitespace that follows them. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            boolean boundary = i == text.length()
                    || (Character.isWhitespace(text.charAt(i - 1)) && !Character.isWhitespace(text.charAt(i)));
            if (boundary) {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }
}
