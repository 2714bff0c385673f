package io.github.javaopenai.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Golden schemas: what strict structured outputs receive for each kind of record. */
class JsonSchemasTest {

    record Step(String explanation, String output) {}

    record MathReasoning(List<Step> steps, String finalAnswer) {}

    enum Priority { LOW, MEDIUM, HIGH }

    record Task(String title, Priority priority, List<String> tags) {}

    record Contact(String name, Optional<String> email, @Nullable Integer age) {}

    record Address(String street, String city) {}

    record Person(String name, Address home, Optional<Address> work) {}

    record Described(@JsonPropertyDescription("the city's name") String city,
            @JsonProperty("zip_code") String zipCode, int population, double area, boolean capital) {}

    record WithMap(Map<String, String> labels) {}

    record WithObject(Object anything) {}

    record Outer(String id, Inner inner) {
        record Inner(List<WithMap> maps) {}
    }

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void nestedRecordInAListBecomesAStrictObject() {
        assertThat(JsonSchemas.of(MathReasoning.class)).isEqualTo(json("""
                {
                  "type": "object",
                  "properties": {
                    "steps": {
                      "type": "array",
                      "items": {
                        "type": "object",
                        "properties": {
                          "explanation": {"type": "string"},
                          "output": {"type": "string"}
                        },
                        "required": ["explanation", "output"],
                        "additionalProperties": false
                      }
                    },
                    "finalAnswer": {"type": "string"}
                  },
                  "required": ["steps", "finalAnswer"],
                  "additionalProperties": false
                }
                """));
    }

    @Test
    void enumBecomesAStringEnumAndListOfStringsAnArray() {
        assertThat(JsonSchemas.of(Task.class)).isEqualTo(json("""
                {
                  "type": "object",
                  "properties": {
                    "title": {"type": "string"},
                    "priority": {"type": "string", "enum": ["LOW", "MEDIUM", "HIGH"]},
                    "tags": {"type": "array", "items": {"type": "string"}}
                  },
                  "required": ["title", "priority", "tags"],
                  "additionalProperties": false
                }
                """));
    }

    @Test
    void optionalAndNullableComponentsAreUnionsWithNullAndStillRequired() {
        assertThat(JsonSchemas.of(Contact.class)).isEqualTo(json("""
                {
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "email": {"type": ["string", "null"]},
                    "age": {"type": ["integer", "null"]}
                  },
                  "required": ["name", "email", "age"],
                  "additionalProperties": false
                }
                """));
    }

    @Test
    void aRecordUsedTwiceIsDefinedOnceAndReferenced() {
        assertThat(JsonSchemas.of(Person.class)).isEqualTo(json("""
                {
                  "$defs": {
                    "Address": {
                      "type": "object",
                      "properties": {
                        "street": {"type": "string"},
                        "city": {"type": "string"}
                      },
                      "required": ["street", "city"],
                      "additionalProperties": false
                    }
                  },
                  "type": "object",
                  "properties": {
                    "name": {"type": "string"},
                    "home": {"$ref": "#/$defs/Address"},
                    "work": {"anyOf": [{"type": "null"}, {"$ref": "#/$defs/Address"}]}
                  },
                  "required": ["name", "home", "work"],
                  "additionalProperties": false
                }
                """));
    }

    @Test
    void jacksonAnnotationsDescribeAndRenameAndPrimitivesGetTheirJsonTypes() {
        assertThat(JsonSchemas.of(Described.class)).isEqualTo(json("""
                {
                  "type": "object",
                  "properties": {
                    "city": {"type": "string", "description": "the city's name"},
                    "zip_code": {"type": "string"},
                    "population": {"type": "integer"},
                    "area": {"type": "number"},
                    "capital": {"type": "boolean"}
                  },
                  "required": ["city", "zip_code", "population", "area", "capital"],
                  "additionalProperties": false
                }
                """));
    }

    @Test
    void propertiesKeepDeclarationOrderSoTheModelAnswersInThatOrder() {
        List<String> names = new ArrayList<>();
        JsonSchemas.of(MathReasoning.class).get("properties").fieldNames().forEachRemaining(names::add);
        assertThat(names).containsExactly("steps", "finalAnswer");
    }

    @Test
    void eachCallReturnsAFreshTree() {
        JsonSchemas.of(Task.class).put("mutated", true);
        assertThat(JsonSchemas.of(Task.class).has("mutated")).isFalse();
    }

    @Test
    void mapsAndUntypedValuesAreRejectedNamingTheProperty() {
        assertThatThrownBy(() -> JsonSchemas.of(WithMap.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"labels\"");
        assertThatThrownBy(() -> JsonSchemas.of(WithObject.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"anything\"");
        assertThatThrownBy(() -> JsonSchemas.of(Outer.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("\"inner.maps[].labels\"");
    }

    @Test
    void typesThatAreNotObjectsAreRejected() {
        assertThatThrownBy(() -> JsonSchemas.of(String.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a record").hasMessageContaining("java.lang.String");
        assertThatThrownBy(() -> JsonSchemas.of(Priority.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a record");
    }
}
