package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates JSON values against the component schemas of the OpenAI OpenAPI spec
 * ({@code spec/openai-openapi.yml} at the repository root, or {@code -Dopenapi.spec}).
 *
 * <p>The spec is OpenAPI 3.1, whose schemas are JSON Schema 2020-12, except that a few still use
 * the 3.0 {@code nullable: true}; those are rewritten to a {@code "null"} type before use.
 */
final class SpecSchemas {

    /** Where the vendored spec sits, relative to the repository root. */
    private static final String SPEC = "spec/openai-openapi.yml";

    private static final JsonNode COMPONENTS = load();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();

    private SpecSchemas() {
    }

    /** Returns every way the value breaks the named component schema; empty when it fits. */
    static Set<ValidationMessage> problems(String component, JsonNode value) {
        return CACHE.computeIfAbsent(component, SpecSchemas::compile).validate(value);
    }

    /**
     * Returns the name of the component schema starting with the prefix (such as
     * {@code RealtimeServerEvent}) whose {@code type} property is the given constant.
     *
     * @throws IllegalArgumentException when no such schema exists
     */
    static String componentWithType(String prefix, String type) {
        JsonNode schemas = COMPONENTS.path("schemas");
        for (java.util.Iterator<String> names = schemas.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.startsWith(prefix) && !name.equals(prefix)
                    && type.equals(schemas.get(name).at("/properties/type/enum/0").asText(null))) {
                return name;
            }
        }
        throw new IllegalArgumentException("the spec has no " + prefix + " schema for type \"" + type + "\"");
    }

    private static JsonSchema compile(String component) {
        if (!COMPONENTS.path("schemas").has(component)) {
            throw new IllegalArgumentException("the spec has no component schema " + component);
        }
        ObjectNode root = Wire.object();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + component);
        root.set("components", COMPONENTS);
        return FACTORY.getSchema(root, SchemaValidatorsConfig.builder().build());
    }

    private static JsonNode load() {
        Path spec = specPath();
        if (!Files.isRegularFile(spec)) {
            throw new IllegalStateException("no OpenAPI spec at " + spec + "; set -Dopenapi.spec=<file>");
        }
        try {
            JsonNode components = new YAMLMapper().readTree(spec.toFile()).get("components");
            rewriteNullable(components);
            return components;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path specPath() {
        String property = System.getProperty("openapi.spec", "");
        if (!property.isBlank()) {
            return Path.of(property);
        }
        Path start = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SPEC);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return start.resolve(SPEC);
    }

    /** Turns {@code {type: T, nullable: true}} into {@code {type: [T, "null"]}}, everywhere. */
    private static void rewriteNullable(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.path("nullable").asBoolean(false) && object.path("type").isTextual()) {
                ArrayNode types = Wire.array().add(object.get("type").textValue()).add("null");
                object.set("type", types);
                JsonNode values = object.get("enum");
                if (values != null && values.isArray()) {
                    ((ArrayNode) values).addNull();
                }
            }
        }
        for (JsonNode child : List.copyOf(iterable(node))) {
            rewriteNullable(child);
        }
    }

    private static List<JsonNode> iterable(JsonNode node) {
        List<JsonNode> children = new java.util.ArrayList<>();
        node.elements().forEachRemaining(children::add);
        return children;
    }
}
