package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;

/**
 * Makes a small JSON value that fits a JSON schema, so structured-output requests get an answer
 * their callers can parse: strings carry the given text, numbers are 0, arrays hold one item.
 */
final class SchemaSample {

    private static final int MAX_DEPTH = 8;

    private SchemaSample() {
    }

    static JsonNode of(JsonNode schema, String text) {
        return sample(schema, schema, text, 0);
    }

    private static JsonNode sample(JsonNode schema, JsonNode root, String text, int depth) {
        if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
            return TextNode.valueOf(text);
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isTextual() && ref.textValue().startsWith("#")) {
            return sample(root.at(ref.textValue().substring(1)), root, text, depth + 1);
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        JsonNode options = schema.has("enum") ? schema.get("enum") : null;
        if (options != null && options.size() > 0) {
            return options.get(0);
        }
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            JsonNode list = schema.get(combinator);
            if (list != null && list.size() > 0) {
                return sample(list.get(0), root, text, depth + 1);
            }
        }
        return switch (type(schema)) {
            case "object" -> object(schema, root, text, depth);
            case "array" -> array(schema, root, text, depth);
            case "integer", "number" -> Wire.MAPPER.getNodeFactory().numberNode(0);
            case "boolean" -> Wire.MAPPER.getNodeFactory().booleanNode(false);
            case "null" -> Wire.MAPPER.getNodeFactory().nullNode();
            default -> TextNode.valueOf(text);
        };
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type != null && type.isTextual()) {
            return type.textValue();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static JsonNode object(JsonNode schema, JsonNode root, String text, int depth) {
        ObjectNode result = Wire.object();
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            result.set(property.getKey(), sample(property.getValue(), root, text, depth + 1));
        }
        return result;
    }

    private static JsonNode array(JsonNode schema, JsonNode root, String text, int depth) {
        ArrayNode result = Wire.array();
        result.add(sample(schema.get("items"), root, text, depth + 1));
        return result;
    }
}
