package io.github.javaopenai.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Holds the library's one configured {@link ObjectMapper} and small JSON helpers. */
public final class Json {

    /**
     * The shared mapper; thread-safe once configured, and never reconfigured. Its parsers and
     * generators take their buffers from one shared pool, not from one per thread (Jackson's
     * default), which would keep some 20 KB alive for every virtual thread that ever used JSON.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.newConcurrentDequePool())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /** Returns a new empty object node. */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Converts any value Jackson can serialize (maps, lists, records, JSON nodes) into a tree.
     *
     * @throws IllegalArgumentException naming {@code what} when the value cannot be serialized
     */
    public static JsonNode toTree(Object value, String what) {
        if (value instanceof JsonNode node) {
            return node;
        }
        try {
            return MAPPER.valueToTree(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " cannot be serialized as JSON: " + rootMessage(e), e);
        }
    }

    /**
     * Names a JSON value's type for an error message: {@code object}, {@code array},
     * {@code string}, {@code number}, {@code boolean}, {@code null}, or {@code nothing} when the
     * value is absent (a Java null or a missing node).
     */
    public static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            case ARRAY -> "array";
            case OBJECT -> "object";
            default -> node.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** Serializes a tree to UTF-8 bytes. */
    public static byte[] toBytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be serialized as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Decodes a response body: its JSON value when it is valid JSON, else the raw text as a string
     * node; the empty string node when the body is empty.
     */
    public static JsonNode decodeBody(byte[] body) {
        if (body.length == 0) {
            return TextNode.valueOf("");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null || node.isMissingNode() ? TextNode.valueOf(text(body)) : node;
        } catch (IOException e) {
            return TextNode.valueOf(text(body));
        }
    }

    /** Returns the node's text when it is a string node, else its JSON form. */
    public static String asText(JsonNode node) {
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
