package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Builds the {@code chat.completion.chunk} events of a streamed chat completion, in the real API's order. */
final class Chunks {

    private final String id = Wire.id("chatcmpl-");
    private final long created = Wire.now();
    private final String model;
    private final boolean includeUsage;
    private final List<JsonNode> events = new ArrayList<>();

    private Chunks(String model, boolean includeUsage) {
        this.model = model;
        this.includeUsage = includeUsage;
    }

    /** Returns the chunks for a text or tool-call reply: role first, then deltas, then the finish. */
    static List<JsonNode> chat(String model, String text, FakeReply reply, boolean includeUsage, int promptTokens) {
        Chunks chunks = new Chunks(model, includeUsage);
        ObjectNode first = Wire.object().put("role", "assistant");
        boolean calls = reply != null && reply.kind() != FakeReply.Kind.TEXT;
        if (calls) {
            first.putNull("content");
        } else {
            first.put("content", "");
        }
        first.putNull("refusal");
        chunks.add(first, null);
        int completionTokens;
        if (!calls) {
            for (String piece : ChatCompletions.pieces(text)) {
                chunks.add(Wire.object().put("content", piece), null);
            }
            completionTokens = Wire.tokens(text);
        } else {
            completionTokens = chunks.calls(reply);
        }
        chunks.add(Wire.object(), ChatCompletions.finishReason(reply));
        if (includeUsage) {
            ObjectNode last = chunks.chunk();
            last.putArray("choices");
            last.set("usage", ChatCompletions.usage(promptTokens, completionTokens));
            chunks.events.add(last);
        }
        return chunks.events;
    }

    private int calls(FakeReply reply) {
        int tokens = 0;
        List<FakeReply.ToolCall> calls = reply.toolCallList();
        for (int i = 0; i < calls.size(); i++) {
            FakeReply.ToolCall call = calls.get(i);
            ObjectNode delta = Wire.object();
            if (reply.kind() == FakeReply.Kind.FUNCTION_CALL) {
                delta.putObject("function_call").put("name", call.name()).put("arguments", "");
                add(delta, null);
                add(Wire.object().set("function_call", Wire.object().put("arguments", call.arguments())), null);
            } else {
                ObjectNode head = delta.putArray("tool_calls").addObject();
                head.put("index", i).put("id", Wire.id("call_")).put("type", "function");
                head.putObject("function").put("name", call.name()).put("arguments", "");
                add(delta, null);
                for (String piece : ChatCompletions.pieces(call.arguments())) {
                    ObjectNode more = Wire.object();
                    more.putArray("tool_calls").addObject().put("index", i)
                            .putObject("function").put("arguments", piece);
                    add(more, null);
                }
            }
            tokens += Wire.tokens(call.arguments());
        }
        return tokens;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Wire.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        chunk.put("service_tier", "default");
        return chunk;
    }

    private void add(ObjectNode delta, String finishReason) {
        ObjectNode chunk = chunk();
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        events.add(chunk);
    }
}
