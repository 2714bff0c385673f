package io.github.javaopenai.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/lua-parity.md J143-147: the input of a Responses chat session. */
class ResponseInputValidatorTest {

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\"a string\"",
        "[]",
        "[{\"role\":\"user\",\"content\":\"hi\",\"type\":\"message\"}]",
        "[{\"role\":\"assistant\",\"content\":[{\"type\":\"output_text\",\"text\":\"earlier answer\"}]}]",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"image_url\":\"https://x/y.png\",\"detail\":\"low\"}]}]",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"file_data\":\"abc\",\"filename\":\"a.pdf\"}]}]",
        "[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":\"{}\"}]"})
    void acceptsTheDocumentedShapes(String input) {
        assertThatCode(() -> ResponseInputValidator.validate(json(input))).doesNotThrowAnyException();
    }

    @Test
    void nullInputMustBeProvided() {
        assertThatThrownBy(() -> ResponseInputValidator.validate(NullNode.getInstance()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
        assertThatThrownBy(() -> ResponseInputValidator.validate(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("input must be provided");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[{\"role\":\"developer\",\"content\":\"x\"}]|input[0].role",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\",\"file_id\":\"f\"}]}]|input[0].content[0].image_url",
        "[{\"type\":\"function_call_output\",\"call_id\":\"c\",\"output\":1}]|input[0].output",
        "[{\"type\":\"function_call_output\",\"output\":\"x\"}]|input[0].call_id",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"input_file\",\"filename\":\"a.pdf\"}]}]|input_file needs",
        "[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]|input[0].content[0].type",
        "[{\"role\":\"user\"}]|input[0].content",
        "3|expected a string or an array"})
    void rejectsEverythingElse(String input, String where) {
        assertThatThrownBy(() -> ResponseInputValidator.validate(json(input)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(where);
    }
}
