package io.github.javaopenai.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/lua-parity.md F83-89: the chat message schema. */
class MessageValidatorTest {

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"role\":\"system\"}",
        "{\"role\":\"user\",\"content\":null}",
        "{\"role\":\"user\",\"content\":\"hi\",\"name\":\"John Doe\"}",
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\"},{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://x/y.png\",\"detail\":\"low\"}}]}",
        "{\"role\":\"system\",\"content\":[{\"type\":\"text\",\"text\":\"rules\"}]}",
        "{\"role\":\"assistant\",\"content\":null,\"function_call\":{\"name\":\"add\",\"arguments\":\"{}\"}}",
        "{\"role\":\"assistant\",\"tool_calls\":[{\"id\":\"c1\",\"type\":\"function\",\"function\":{\"name\":\"add\",\"arguments\":\"{}\"}}]}",
        "{\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"a\"}],\"name\":\"bot\"}",
        "{\"role\":\"function\",\"name\":\"add\",\"content\":\"3\"}",
        "{\"role\":\"function\",\"name\":\"add\"}",
        "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":\"3\"}",
        "{\"role\":\"tool\",\"tool_call_id\":\"c1\",\"content\":null}",
        "{\"role\":\"user\",\"content\":\"hi\",\"cache_hint\":{\"any\":1}}"
    })
    void acceptsEveryShapeTheSchemaAllowsAndKeepsExtraTopLevelKeys(String message) {
        assertThatCode(() -> MessageValidator.validate(json(message), "messages[0]")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"hi\",\"cache_control\":{}}]} | messages[3].content[0]: unexpected field \"cache_control\"",
        "{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\",\"input_audio\":{}}]} | messages[3].content[0].type: expected \"text\" or \"image_url\", got \"input_audio\"",
        "{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{}}]} | messages[3].content[0].image_url.url: expected a string, got nothing",
        "{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"name\":\"f\"}}]} | messages[3].tool_calls[0].function.arguments: expected a string",
        "{\"role\":\"assistant\",\"tool_calls\":[{\"function\":{\"arguments\":\"{}\"}}]} | messages[3].tool_calls[0].function.name: expected a string",
        "{\"role\":\"assistant\",\"function_call\":\"add\"} | messages[3].function_call: expected an object, got string",
        "{\"role\":\"function\",\"content\":\"3\"} | messages[3].name: expected a string, got nothing",
        "{\"role\":\"function\",\"name\":\"f\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]} | messages[3].content: expected a string or null, got array",
        "{\"role\":\"tool\",\"content\":\"3\"} | messages[3].tool_call_id: expected a string, got nothing",
        "{\"role\":\"tool\",\"tool_call_id\":\"c\",\"content\":[{\"type\":\"text\",\"text\":\"x\"}]} | messages[3].content: expected a string or null, got array",
        "{\"role\":\"developer\",\"content\":\"x\"} | messages[3].role: expected one of system, user, assistant, function, tool, got \"developer\"",
        "{\"role\":\"robot\",\"content\":\"x\"} | messages[3].role: expected one of",
        "{\"content\":\"x\"} | messages[3].role: expected one of system, user, assistant, function, tool, got nothing",
        "\"just text\" | messages[3]: expected a JSON object, got string",
        "{\"role\":\"user\",\"content\":42} | messages[3].content: expected a string, null or an array of content parts, got number",
        "{\"role\":\"user\",\"content\":\"x\",\"name\":7} | messages[3].name: expected a string, got number"
    })
    void rejectsWhatTheSchemaForbidsNamingTheField(String message, String expected) {
        assertThatThrownBy(() -> MessageValidator.validate(json(message), "messages[3]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid chat message: ")
                .hasMessageContaining(expected.strip());
    }
}
