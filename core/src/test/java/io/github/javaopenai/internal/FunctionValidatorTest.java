package io.github.javaopenai.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/lua-parity.md F78: legacy function declarations. */
class FunctionValidatorTest {

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[]",
        "[{\"name\":\"f\"}]",
        "[{\"name\":\"f\",\"description\":\"d\",\"parameters\":{\"type\":\"object\"}}]"})
    void acceptsNameDescriptionAndParameters(String functions) {
        assertThatCode(() -> FunctionValidator.validate(json(functions))).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"name\":\"f\",\"strict\":true}]|functions[0]: extra fields: \"strict\"",
        "[{\"name\":\"f\"},{\"description\":\"d\"}]|functions[1]: field \"name\": expected a string, got nothing",
        "[{\"name\":7}]|field \"name\": expected a string, got number",
        "[{\"name\":\"f\",\"description\":null}]|field \"description\": expected a string, got null",
        "[{\"name\":\"f\",\"parameters\":[]}]|field \"parameters\": expected an object, got array",
        "[\"f\"]|functions[0]: expected an object, got string",
        "{\"name\":\"f\"}|functions: expected an array, got object"})
    void rejectsEverythingElse(String functions, String message) {
        assertThatThrownBy(() -> FunctionValidator.validate(json(functions)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }
}
