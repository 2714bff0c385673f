package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the bodies the loopback server sends: realistic OpenAI chat completions, chat chunks and
 * Responses API events, with some non-ASCII text. Every body is built with Jackson.
 */
final class Payloads {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The content tokens streamed in turn; their lengths add up to what clients count. */
    static final List<String> TOKENS = List.of(" Hello", " wörld", ",", " here", " is", " a", " café",
            " naïve", " résumé", " —", " 日本語", " テキスト", " 🙂", " the", " quick", " brown", " fox",
            " jumps", " over", " the", " lazy", " dog", ".", "\n", " Grüße", " aus", " Zürich", "!");

    static final String MODEL = "gpt-4o-mini-2024-07-18";
    static final String CHAT_ID = "chatcmpl-B9MBs8CjcvOU2jLn4n570S5qMJKcT";

    private Payloads() {
    }

    /** Returns the data of chat chunk {@code i} of a stream of {@code events} events. */
    static ObjectNode chatChunk(int i, int events) {
        ObjectNode chunk = MAPPER.createObjectNode();
        chunk.put("id", CHAT_ID);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", 1741570283L);
        chunk.put("model", MODEL);
        chunk.put("service_tier", "default");
        chunk.put("system_fingerprint", "fp_06737a9306");
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (i == 0) {
            delta.put("role", "assistant");
            delta.put("content", "");
            delta.putNull("refusal");
        } else if (i < events - 1) {
            delta.put("content", token(i));
        }
        choice.putNull("logprobs");
        if (i == events - 1) {
            choice.put("finish_reason", "stop");
        } else {
            choice.putNull("finish_reason");
        }
        chunk.putNull("usage");
        chunk.put("obfuscation", "x7Ds");
        return chunk;
    }

    /** Returns the content token of chat chunk {@code i}. */
    static String token(int i) {
        return TOKENS.get(i % TOKENS.size());
    }

    /** Returns the content characters a client sees in a stream of {@code events} events. */
    static long expectedChars(int events) {
        long total = 0;
        for (int i = 1; i < events - 1; i++) {
            total += token(i).length();
        }
        return total;
    }

    /** Returns the SSE bytes of chunk {@code i}: {@code data: {...}} and a blank line. */
    static byte[] chatEvent(int i, int events) {
        return sse(chatChunk(i, events).toString());
    }

    static byte[] sse(String data) {
        return ("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    static final byte[] DONE = sse("[DONE]");

    /** Returns the SSE bytes of a whole chat stream of {@code events} events and the DONE line. */
    static byte[] chatStream(int events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(events * 330);
        for (int i = 0; i < events; i++) {
            out.writeBytes(chatEvent(i, events));
        }
        out.writeBytes(DONE);
        return out.toByteArray();
    }

    /** The text of the non-streamed completion. */
    static final String ANSWER = "Here is a “Hello, world” program in Lua:\n\n```lua\nprint(\"Hello, world\")\n```\n\n"
            + "Save it as hello.lua and run `lua hello.lua`. Grüße aus Zürich — 日本語でもどうぞ 🙂";

    /** Returns a non-streamed chat completion. */
    static byte[] chatCompletion() {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("id", CHAT_ID);
        body.put("object", "chat.completion");
        body.put("created", 1741570283L);
        body.put("model", MODEL);
        ObjectNode choice = body.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", ANSWER);
        message.putNull("refusal");
        message.putArray("annotations");
        choice.putNull("logprobs");
        choice.put("finish_reason", "stop");
        ObjectNode usage = body.putObject("usage");
        usage.put("prompt_tokens", 24);
        usage.put("completion_tokens", 52);
        usage.put("total_tokens", 76);
        ObjectNode prompt = usage.putObject("prompt_tokens_details");
        prompt.put("cached_tokens", 0);
        prompt.put("audio_tokens", 0);
        ObjectNode completion = usage.putObject("completion_tokens_details");
        completion.put("reasoning_tokens", 0);
        completion.put("audio_tokens", 0);
        completion.put("accepted_prediction_tokens", 0);
        completion.put("rejected_prediction_tokens", 0);
        body.put("service_tier", "default");
        body.put("system_fingerprint", "fp_06737a9306");
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Returns a Responses API stream: created, {@code deltas} text deltas, completed. */
    static byte[] responseStream(int deltas) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(deltas * 200);
        ObjectNode created = MAPPER.createObjectNode();
        created.put("type", "response.created");
        created.put("sequence_number", 0);
        created.set("response", response("in_progress", ""));
        out.writeBytes(typed("response.created", created));
        StringBuilder text = new StringBuilder();
        for (int i = 1; i <= deltas; i++) {
            ObjectNode delta = MAPPER.createObjectNode();
            delta.put("type", "response.output_text.delta");
            delta.put("sequence_number", i);
            delta.put("item_id", "msg_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41");
            delta.put("output_index", 0);
            delta.put("content_index", 0);
            delta.put("delta", token(i));
            delta.putArray("logprobs");
            text.append(token(i));
            out.writeBytes(typed("response.output_text.delta", delta));
        }
        ObjectNode completed = MAPPER.createObjectNode();
        completed.put("type", "response.completed");
        completed.put("sequence_number", deltas + 1);
        completed.set("response", response("completed", text.toString()));
        out.writeBytes(typed("response.completed", completed));
        return out.toByteArray();
    }

    private static byte[] typed(String type, ObjectNode data) {
        return ("event: " + type + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Returns a Responses API response object with the given status and output text. */
    static ObjectNode response(String status, String text) {
        ObjectNode response = MAPPER.createObjectNode();
        response.put("id", "resp_67ccd3a9da748190baa7f1570fe91ac604becb25c45c1d41");
        response.put("object", "response");
        response.put("created_at", 1741476777L);
        response.put("status", status);
        response.put("model", "gpt-4o-2024-08-06");
        ArrayNode output = response.putArray("output");
        if (!text.isEmpty()) {
            ObjectNode message = output.addObject();
            message.put("type", "message");
            message.put("id", "msg_67ccd3acc8d48190a77525dc6de64b4104becb25c45c1d41");
            message.put("status", "completed");
            message.put("role", "assistant");
            ObjectNode part = message.putArray("content").addObject();
            part.put("type", "output_text");
            part.put("text", text);
            part.putArray("annotations");
        }
        response.put("parallel_tool_calls", true);
        response.putNull("previous_response_id");
        response.put("temperature", 1.0);
        response.put("top_p", 1.0);
        response.putArray("tools");
        response.put("tool_choice", "auto");
        response.putNull("usage");
        return response;
    }

    /** Returns a non-streamed Responses API answer. */
    static byte[] responseBody() {
        return response("completed", ANSWER).toString().getBytes(StandardCharsets.UTF_8);
    }
}
