package io.github.javaopenai;

import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.structured.JsonSchemas;
import io.github.javaopenai.structured.StructuredOutput;
import io.github.javaopenai.structured.StructuredResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OpenAI.parseChatCompletion and parseResponse: the schema goes out, the record comes back. */
class StructuredOutputWireTest {

    record CalendarEvent(String name, String date, List<String> participants) {}

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void parseChatCompletionSendsTheStrictSchemaAndReturnsTheRecord() throws Exception {
        server.replyJson(200, """
                {"choices":[{"index":0,"finish_reason":"stop","message":{"role":"assistant","refusal":null,
                 "content":"{\\"name\\":\\"Science fair\\",\\"date\\":\\"Friday\\",\\"participants\\":[\\"Alice\\",\\"Bob\\"]}"}}]}
                """);

        StructuredResult<CalendarEvent> result = client.parseChatCompletion(
                List.of(Messages.user("Alice and Bob are going to a science fair on Friday.")),
                Map.of("temperature", 0), CalendarEvent.class);

        assertThat(result.orElseThrow())
                .isEqualTo(new CalendarEvent("Science fair", "Friday", List.of("Alice", "Bob")));
        JsonNode body = server.take().json();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1");
        assertThat(body.get("temperature").asInt()).isZero();
        assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/response_format/json_schema/name").asText()).isEqualTo("CalendarEvent");
        assertThat(body.at("/response_format/json_schema/strict").asBoolean()).isTrue();
        assertThat(body.at("/response_format/json_schema/schema")).isEqualTo(JsonSchemas.of(CalendarEvent.class));
    }

    @Test
    void parseResponseSendsTextFormatBesideOtherTextOptions() throws Exception {
        server.replyJson(200, """
                {"status":"completed","output":[{"type":"message","role":"assistant","content":[
                  {"type":"output_text","text":"{\\"name\\":\\"x\\",\\"date\\":\\"y\\",\\"participants\\":[]}"}]}]}
                """);

        CalendarEvent event = client.parseResponse("Extract the event",
                Map.of("text", Map.of("verbosity", "low")), CalendarEvent.class).orElseThrow();

        assertThat(event.participants()).isEmpty();
        JsonNode body = server.take().json();
        assertThat(body.at("/text/verbosity").asText()).isEqualTo("low");
        assertThat(body.at("/text/format/type").asText()).isEqualTo("json_schema");
        assertThat(body.at("/text/format/name").asText()).isEqualTo("CalendarEvent");
        assertThat(body.at("/text/format/strict").asBoolean()).isTrue();
        assertThat(body.at("/text/format/schema")).isEqualTo(JsonSchemas.of(CalendarEvent.class));
    }

    @Test
    void aRawSchemaCanBeSentWithParseChatCompletion() throws Exception {
        server.replyJson(200, "{\"choices\":[{\"message\":{\"content\":\"{\\\"ok\\\":true}\"}}]}");
        var schema = Json.object().put("type", "object");
        JsonNode reply = client.parseChatCompletion(List.of(Messages.user("hi")), Map.of(),
                StructuredOutput.ofSchema("raw", schema).withStrict(false)).orElseThrow();
        assertThat(reply.get("ok").asBoolean()).isTrue();
        assertThat(server.take().json().at("/response_format/json_schema/strict").asBoolean()).isFalse();
    }

    @Test
    void anErrorStatusFailsWithTheServersMessage() {
        server.replyJson(400, "{\"error\":{\"message\":\"Invalid schema\",\"code\":null}}");
        assertThatThrownBy(() -> client.parseChatCompletion(List.of(Messages.user("hi")), Map.of(), CalendarEvent.class))
                .isInstanceOf(ApiException.class)
                .hasMessage("POST /chat/completions failed with status 400: Invalid schema");
    }

    @Test
    void aTypeWithoutAStrictSchemaFailsBeforeAnythingIsSent() {
        record Labels(Map<String, String> labels) {}
        assertThatThrownBy(() -> client.parseChatCompletion(List.of(Messages.user("hi")), Map.of(), Labels.class))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"labels\" has no fixed shape");
        assertThat(server.received()).isZero();
    }
}
