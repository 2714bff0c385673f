package io.github.javaopenai.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/** Holds the testkit's JSON mapper and the small helpers every endpoint shares. */
final class Wire {

    static final ObjectMapper MAPPER = new ObjectMapper();

    /** Prefixes every text the server makes up, so a reader knows it is not a real model. */
    static final String OFFLINE = "[offline java-openai server]";

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final String RUN = HexFormat.of().toHexDigits(new java.security.SecureRandom().nextLong());

    private Wire() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** Returns a one-page list object, as the API's list endpoints answer. */
    static ObjectNode list(ArrayNode data) {
        ObjectNode list = object().put("object", "list");
        list.set("data", data);
        list.put("first_id", data.isEmpty() ? null : data.get(0).get("id").asText());
        list.put("last_id", data.isEmpty() ? null : data.get(data.size() - 1).get("id").asText());
        list.put("has_more", false);
        return list;
    }

    /** Returns the bytes as JSON, or a missing node when they are empty or not JSON. */
    static JsonNode parse(byte[] bytes) {
        if (bytes.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a new identifier with the given prefix, unique within this JVM. */
    static String id(String prefix) {
        long n = COUNTER.incrementAndGet();
        return prefix + RUN + String.format("%08x", n);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Estimates tokens the way OpenAI's rule of thumb does: about four characters each. */
    static int tokens(String text) {
        return text.isEmpty() ? 0 : Math.max(1, (text.length() + 3) / 4);
    }

    /** Returns the real API's error body: {@code {"error":{message,type,param,code}}}. */
    static ObjectNode error(String message, String type, String param, String code) {
        ObjectNode error = object();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        ObjectNode body = object();
        body.set("error", error);
        return body;
    }

    static Answer invalid(String message, String param) {
        return Answer.json(400, error(message, "invalid_request_error", param, null));
    }

    static Answer notFound(String message) {
        return Answer.json(404, error(message, "invalid_request_error", null, null));
    }

    /** Returns the text of a message content: a string, or the text parts of a parts array. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            JsonNode text = part.get("text");
            if (text != null && text.isTextual()) {
                sb.append(sb.length() == 0 ? "" : " ").append(text.textValue());
            }
        }
        return sb.toString();
    }

    /** Returns the offline server's deterministic answer to a user's text. */
    static String echo(String userText) {
        return OFFLINE + " You said: " + userText;
    }
}
