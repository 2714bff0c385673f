package io.github.javaopenai.structured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.FieldScope;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.generator.impl.PropertySortUtils;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import io.github.javaopenai.internal.Json;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.util.Objects;
import java.util.Optional;

/**
 * Generates strict JSON schemas from Java records, as OpenAI's structured outputs and strict
 * function tools require.
 *
 * <p>Every object has {@code additionalProperties: false} and lists all its properties as
 * required, in declaration order (models answer in schema order, so put reasoning before the
 * conclusion). Nested records become nested objects (or {@code $defs} entries when used more than
 * once), enums become string enums, lists and arrays become arrays, and a component that is
 * {@link Optional} or annotated {@link Nullable} becomes a union with {@code null}. Jackson's
 * {@code @JsonProperty} renames a property and {@code @JsonPropertyDescription} describes it.
 *
 * <pre>{@code
 * record Step(String explanation, String output) {}
 * record MathReasoning(List<Step> steps, String finalAnswer) {}
 *
 * ObjectNode schema = JsonSchemas.of(MathReasoning.class);
 * }</pre>
 *
 * <p>The same schema describes a tool's arguments: pass it as the {@code parameters} of a function
 * tool. Thread-safe; each call returns a new tree the caller may change.
 *
 * @since 0.1
 */
public final class JsonSchemas {

    private static final SchemaGenerator GENERATOR = new SchemaGenerator(config().build());

    private static final ClassValue<ObjectNode> CACHE = new ClassValue<>() {
        @Override
        protected ObjectNode computeValue(Class<?> type) {
            return generate(type);
        }
    };

    private JsonSchemas() {
    }

    /**
     * Returns the strict JSON schema of a record (or any class with properties).
     *
     * @throws IllegalArgumentException when the type does not make a JSON object, or when a part
     *     of it cannot be expressed in a strict schema (a map, a raw {@code Object}); the message
     *     names the property
     */
    public static ObjectNode of(Class<?> type) {
        Objects.requireNonNull(type, "type == null");
        return CACHE.get(type).deepCopy();
    }

    private static ObjectNode generate(Class<?> type) {
        if (type.isPrimitive() || type.isEnum() || type.isArray() || type.getName().startsWith("java.")) {
            throw new IllegalArgumentException("a structured output type must be a record or a class with "
                    + "properties, not " + type.getName());
        }
        ObjectNode schema = GENERATOR.generateSchema(type);
        checkStrict(schema, "");
        return schema;
    }

    private static SchemaGeneratorConfigBuilder config() {
        SchemaGeneratorConfigBuilder builder = new SchemaGeneratorConfigBuilder(Json.MAPPER,
                SchemaVersion.DRAFT_2020_12, OptionPreset.PLAIN_JSON)
                .with(new JacksonModule())
                .with(Option.FORBIDDEN_ADDITIONAL_PROPERTIES_BY_DEFAULT, Option.FLATTENED_OPTIONALS)
                .without(Option.SCHEMA_VERSION_INDICATOR, Option.NULLABLE_FIELDS_BY_DEFAULT);
        builder.forFields()
                .withRequiredCheck(field -> true)
                .withNullableCheck(JsonSchemas::isNullable);
        builder.forTypesInGeneral()
                .withPropertySorter(PropertySortUtils.SORT_PROPERTIES_FIELDS_BEFORE_METHODS);
        return builder;
    }

    private static boolean isNullable(FieldScope field) {
        return isNullable(field.getRawMember());
    }

    /**
     * Returns whether a field may hold null: it is an {@link Optional}, or carries an annotation
     * named {@code Nullable}, on the declaration or on its type.
     */
    static boolean isNullable(Field field) {
        return field.getType() == Optional.class || hasNullable(field.getAnnotations())
                || hasNullable(field.getAnnotatedType().getAnnotations());
    }

    private static boolean hasNullable(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getSimpleName().equals("Nullable")) {
                return true;
            }
        }
        return false;
    }

    /** Rejects the parts of a schema that strict mode does not accept, naming where they are. */
    private static void checkStrict(JsonNode node, String path) {
        if (!node.isObject()) {
            return;
        }
        JsonNode additional = node.get("additionalProperties");
        if (additional != null && !additional.isBoolean()) {
            throw new IllegalArgumentException("\"" + path + "\" is a map: strict structured outputs need "
                    + "fixed properties, so use a record instead");
        }
        if (node.isEmpty() || ("object".equals(node.path("type").asText()) && !node.has("properties"))) {
            throw new IllegalArgumentException("\"" + path + "\" has no fixed shape (an Object, a map or a "
                    + "wildcard): strict structured outputs need one");
        }
        node.path("properties").fields().forEachRemaining(p -> checkStrict(p.getValue(), join(path, p.getKey())));
        node.path("$defs").fields().forEachRemaining(d -> checkStrict(d.getValue(), d.getKey()));
        checkStrict(node.path("items"), path + "[]");
        for (String combinator : new String[] {"anyOf", "oneOf", "allOf"}) {
            node.path(combinator).forEach(branch -> checkStrict(branch, path));
        }
    }

    private static String join(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }
}
