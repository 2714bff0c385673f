package io.github.javaopenai.structured;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedField;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a model's JSON reply to a record as strictly as the schema promised: every property
 * present, no unknown ones, and null only where the component is {@link Nullable} or
 * {@link Optional}. A mismatch names the property path.
 */
final class RecordBinder {

    private static final Pattern MISSING = Pattern.compile("Missing (?:required )?creator property '([^']+)'");

    private static final ObjectMapper MAPPER = strictMapper();

    private RecordBinder() {
    }

    private static ObjectMapper strictMapper() {
        SimpleModule optionals = new SimpleModule("java-openai-optional");
        optionals.setDeserializers(new OptionalDeserializers());
        ObjectMapper mapper = Json.MAPPER.copy()
                .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES,
                        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .setDefaultSetterInfo(JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL))
                .setAnnotationIntrospector(new NullableIntrospector());
        return mapper.registerModule(optionals);
    }

    /**
     * Binds the JSON text to the type.
     *
     * @throws StructuredOutputException naming the property that did not match
     */
    static <T> T bind(String json, Class<T> type, String context) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new StructuredOutputException(context + " is not valid JSON: " + e.getOriginalMessage(), null, null, e);
        }
        return bind(tree, type, context);
    }

    /**
     * Binds a JSON tree to the type.
     *
     * @throws StructuredOutputException naming the property that did not match
     */
    static <T> T bind(JsonNode tree, Class<T> type, String context) {
        if (tree == null || tree.isMissingNode() || tree.isNull()) {
            throw new StructuredOutputException(context + " is empty or null, not " + type.getSimpleName(),
                    null, null, null);
        }
        try {
            return MAPPER.treeToValue(tree, type);
        } catch (JsonMappingException e) {
            String field = field(e);
            throw new StructuredOutputException(context + " does not match " + type.getSimpleName()
                    + (field.isEmpty() ? "" : " at \"" + field + "\"") + ": " + reason(e), field, null, e);
        } catch (JsonProcessingException e) {
            throw new StructuredOutputException(context + " does not match " + type.getSimpleName() + ": "
                    + e.getOriginalMessage(), null, null, e);
        }
    }

    private static String field(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        Matcher missing = MISSING.matcher(e.getOriginalMessage());
        if (missing.find() && !path.toString().endsWith(missing.group(1))) {
            path.append(path.length() == 0 ? "" : ".").append(missing.group(1));
        }
        return path.toString();
    }

    private static String reason(JsonMappingException e) {
        if (e instanceof InvalidNullException) {
            return "null is not allowed here (make the component Optional or @Nullable to allow it)";
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "the property is not in the schema";
        }
        if (MISSING.matcher(e.getOriginalMessage()).find()) {
            return "the property is missing";
        }
        return e.getOriginalMessage();
    }

    /** Lets null through for components the schema made nullable. */
    private static final class NullableIntrospector extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSetter.Value findSetterInfo(Annotated annotated) {
            Field field = fieldOf(annotated);
            if (field != null && JsonSchemas.isNullable(field)) {
                return JsonSetter.Value.forValueNulls(Nulls.SET);
            }
            return super.findSetterInfo(annotated);
        }

        private static Field fieldOf(Annotated annotated) {
            if (annotated instanceof AnnotatedField field) {
                return field.getAnnotated();
            }
            if (annotated instanceof AnnotatedParameter parameter) {
                Class<?> owner = parameter.getDeclaringClass();
                RecordComponent[] components = owner.getRecordComponents();
                if (components != null && parameter.getIndex() < components.length
                        && parameter.getOwner().getParameterCount() == components.length) {
                    try {
                        return owner.getDeclaredField(components[parameter.getIndex()].getName());
                    } catch (NoSuchFieldException e) {
                        return null;
                    }
                }
            }
            return null;
        }
    }

    /** Reads {@code Optional<T>}: a null becomes empty, anything else is read as T. */
    private static final class OptionalDeserializers extends SimpleDeserializers {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                BeanDescription description) {
            return type.hasRawClass(Optional.class) ? new OptionalDeserializer(type) : null;
        }
    }

    private static final class OptionalDeserializer extends StdDeserializer<Optional<?>> {
        private static final long serialVersionUID = 1L;
        private final JavaType contentType;

        OptionalDeserializer(JavaType type) {
            super(type);
            this.contentType = type.containedTypeOrUnknown(0);
        }

        @Override
        public Optional<?> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Optional.ofNullable(context.readValue(parser, contentType));
        }

        @Override
        public Optional<?> getNullValue(DeserializationContext context) {
            return Optional.empty();
        }
    }
}
