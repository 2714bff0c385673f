package io.github.javaopenai.structured;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Headers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {

    record Step(String explanation, String output) {}

    record MathReasoning(List<Step> steps, String finalAnswer) {}

    enum Mood { HAPPY, SAD }

    record Profile(String name, Mood mood, Optional<String> email, @Nullable Integer age, int score) {}

    private static final StructuredOutput<MathReasoning> MATH = StructuredOutput.of(MathReasoning.class);
    private static final StructuredOutput<Profile> PROFILE = StructuredOutput.of(Profile.class);

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    private static ApiResponse response(int status, String body) {
        return new ApiResponse(status, json(body), Headers.empty());
    }

    private static ApiResponse chat(JsonNode message, String finishReason) {
        var body = Json.object();
        var choice = body.putArray("choices").addObject();
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        return new ApiResponse(200, body, Headers.empty());
    }

    private static ApiResponse chatContent(String content) {
        var message = Json.object().put("role", "assistant").put("content", content);
        message.putNull("refusal");
        return chat(message, "stop");
    }

    @Nested
    class RequestShape {

        @Test
        void responseFormatWrapsTheSchemaForChatCompletions() {
            JsonNode format = MATH.responseFormat();
            assertThat(format.get("type").asText()).isEqualTo("json_schema");
            assertThat(format.at("/json_schema/name").asText()).isEqualTo("MathReasoning");
            assertThat(format.at("/json_schema/strict").asBoolean()).isTrue();
            assertThat(format.at("/json_schema/schema")).isEqualTo(JsonSchemas.of(MathReasoning.class));
            assertThat(Json.MAPPER.convertValue(format, java.util.Map.class)).containsOnlyKeys("type", "json_schema");
        }

        @Test
        void textFormatIsFlatForResponses() {
            JsonNode format = MATH.withName("math").withStrict(false).textFormat();
            assertThat(format).isEqualTo(json("{\"type\":\"json_schema\",\"name\":\"math\",\"schema\":"
                    + JsonSchemas.of(MathReasoning.class) + ",\"strict\":false}"));
        }

        @Test
        void aRawSchemaIsSentAsGivenAndRepliesAreReadAsTrees() {
            JsonNode schema = json("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"a\"],\"additionalProperties\":false}");
            StructuredOutput<JsonNode> raw = StructuredOutput.ofSchema("raw_one", schema);
            assertThat(raw.responseFormat().at("/json_schema/schema")).isEqualTo(schema);
            assertThat(raw.fromChatCompletion(chatContent("{\"a\":7}")).orElseThrow().get("a").asInt()).isEqualTo(7);
        }

        @Test
        void theSchemaCannotBeChangedFromOutside() {
            var schema = Json.object().put("type", "object");
            StructuredOutput<JsonNode> raw = StructuredOutput.ofSchema("raw", schema);
            schema.put("type", "string");
            raw.schema().put("type", "array");
            assertThat(raw.schema().get("type").asText()).isEqualTo("object");
        }

        @Test
        void badNamesAndNonObjectSchemasAreRejected() {
            assertThatThrownBy(() -> StructuredOutput.ofSchema("has space", Json.object()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"has space\"");
            assertThatThrownBy(() -> StructuredOutput.ofSchema("ok", json("[1]")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("schema must be a JSON object, got ARRAY");
        }
    }

    @Nested
    class ChatReplies {

        @Test
        void contentIsParsedIntoTheRecord() {
            StructuredResult<MathReasoning> result = MATH.fromChatCompletion(chatContent("""
                    {"steps":[{"explanation":"8x = -30","output":"x = -3.75"}],"finalAnswer":"x = -3.75"}"""));
            assertThat(result.isRefusal()).isFalse();
            assertThat(result.orElseThrow()).isEqualTo(
                    new MathReasoning(List.of(new Step("8x = -30", "x = -3.75")), "x = -3.75"));
        }

        @Test
        void nullIsAcceptedForOptionalAndNullableComponents() {
            Profile profile = PROFILE.fromChatCompletion(chatContent(
                    "{\"name\":\"Ann\",\"mood\":\"HAPPY\",\"email\":null,\"age\":null,\"score\":3}")).orElseThrow();
            assertThat(profile).isEqualTo(new Profile("Ann", Mood.HAPPY, Optional.empty(), null, 3));
            Profile full = PROFILE.parse("{\"name\":\"Bo\",\"mood\":\"SAD\",\"email\":\"b@x.org\",\"age\":40,\"score\":1}");
            assertThat(full.email()).hasValue("b@x.org");
            assertThat(full.age()).isEqualTo(40);
        }

        @Test
        void aJsonTreeSuchAsToolArgumentsIsReadToo() {
            JsonNode arguments = json("{\"explanation\":\"e\",\"output\":\"o\"}");
            assertThat(StructuredOutput.of(Step.class).parse(arguments)).isEqualTo(new Step("e", "o"));
            assertThatThrownBy(() -> StructuredOutput.of(Step.class).parse(json("{\"explanation\":\"e\"}")))
                    .isInstanceOfSatisfying(StructuredOutputException.class,
                            e -> assertThat(e.field()).isEqualTo("output"));
        }

        @Test
        void aRefusalIsReturnedAsAValue() {
            var message = Json.object().put("role", "assistant").put("refusal", "I can't help with that.");
            message.putNull("content");
            StructuredResult<MathReasoning> result = MATH.fromChatCompletion(chat(message, "stop"));
            assertThat(result).isInstanceOf(StructuredResult.Refused.class);
            assertThat(((StructuredResult.Refused<MathReasoning>) result).refusal()).isEqualTo("I can't help with that.");
            assertThatThrownBy(result::orElseThrow).isInstanceOf(StructuredOutputException.class)
                    .hasMessage("the model refused: I can't help with that.");
        }

        @Test
        void aWrongTypeDeepInsideNamesThePath() {
            assertThatThrownBy(() -> MATH.fromChatCompletion(chatContent(
                    "{\"steps\":[{\"explanation\":\"a\",\"output\":\"b\"},{\"explanation\":\"c\",\"output\":[1]}],"
                            + "\"finalAnswer\":\"d\"}")))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                        assertThat(e.field()).isEqualTo("steps[1].output");
                        assertThat(e.getMessage()).startsWith(
                                "the reply does not match MathReasoning at \"steps[1].output\"");
                        assertThat(e.response()).isNotNull();
                    });
        }

        @Test
        void aMissingPropertyIsNamed() {
            assertThatThrownBy(() -> MATH.fromChatCompletion(chatContent("{\"steps\":[{\"explanation\":\"a\"}],"
                    + "\"finalAnswer\":\"d\"}")))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                        assertThat(e.field()).isEqualTo("steps[0].output");
                        assertThat(e.getMessage()).endsWith("the property is missing");
                    });
        }

        @Test
        void nullForARequiredComponentIsNamed() {
            assertThatThrownBy(() -> PROFILE.parse("{\"name\":null,\"mood\":\"SAD\",\"email\":null,\"age\":1,\"score\":1}"))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                        assertThat(e.field()).isEqualTo("name");
                        assertThat(e.getMessage()).contains("null is not allowed");
                    });
            assertThatThrownBy(() -> PROFILE.parse("{\"name\":\"a\",\"mood\":\"SAD\",\"email\":null,\"age\":1,\"score\":null}"))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> assertThat(e.field()).isEqualTo("score"));
        }

        @Test
        void anUnknownEnumValueOrPropertyIsNamed() {
            assertThatThrownBy(() -> PROFILE.parse("{\"name\":\"a\",\"mood\":\"ANGRY\",\"email\":null,\"age\":1,\"score\":1}"))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                        assertThat(e.field()).isEqualTo("mood");
                        assertThat(e.getMessage()).contains("ANGRY");
                    });
            assertThatThrownBy(() -> MATH.parse("{\"steps\":[],\"finalAnswer\":\"d\",\"extra\":1}"))
                    .isInstanceOfSatisfying(StructuredOutputException.class, e -> {
                        assertThat(e.field()).isEqualTo("extra");
                        assertThat(e.getMessage()).endsWith("the property is not in the schema");
                    });
        }

        @Test
        void truncatedContentSaysTheReplyWasCutShort() {
            var message = Json.object().put("role", "assistant").put("content", "{\"steps\":[{\"expl");
            assertThatThrownBy(() -> MATH.fromChatCompletion(chat(message, "length")))
                    .isInstanceOf(StructuredOutputException.class)
                    .hasMessageStartingWith("the reply is not valid JSON")
                    .hasMessageEndingWith("(finish_reason \"length\")");
        }

        @Test
        void noContentAndNoRefusalIsAFailure() {
            var message = Json.object().put("role", "assistant");
            message.putNull("content");
            assertThatThrownBy(() -> MATH.fromChatCompletion(chat(message, "content_filter")))
                    .isInstanceOf(StructuredOutputException.class)
                    .hasMessage("the reply has no content (finish_reason \"content_filter\")");
            assertThatThrownBy(() -> MATH.fromChatCompletion(response(200, "{\"choices\":[]}")))
                    .isInstanceOf(StructuredOutputException.class).hasMessage("the reply has no choices[0].message");
        }

        @Test
        void anErrorStatusRaisesApiExceptionWithTheApiMessage() {
            ApiResponse error = response(400, "{\"error\":{\"message\":\"Invalid schema for response_format\","
                    + "\"code\":\"invalid_json_schema\"}}");
            assertThatThrownBy(() -> MATH.fromChatCompletion(error))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("POST /chat/completions failed with status 400: "
                                + "Invalid schema for response_format");
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.body()).isSameAs(error.body());
                    });
            assertThatThrownBy(() -> MATH.fromResponse(response(500, "oops")))
                    .isInstanceOf(ApiException.class)
                    .hasMessage("POST /responses failed with status 500: oops");
        }
    }

    @Nested
    class ResponsesReplies {

        @Test
        void outputTextOfTheMessageItemIsParsed() {
            ApiResponse response = response(200, """
                    {"status":"completed","output":[
                      {"type":"reasoning","summary":[]},
                      {"type":"message","role":"assistant","content":[
                        {"type":"output_text","text":"{\\"steps\\":[],\\"finalAnswer\\":\\"42\\"}","annotations":[]}]}]}
                    """);
            assertThat(MATH.fromResponse(response).orElseThrow()).isEqualTo(new MathReasoning(List.of(), "42"));
        }

        @Test
        void aRefusalPartIsReturnedAsAValue() {
            ApiResponse response = response(200, """
                    {"status":"completed","output":[{"type":"message","role":"assistant","content":[
                      {"type":"refusal","refusal":"No."}]}]}
                    """);
            StructuredResult<MathReasoning> result = MATH.fromResponse(response);
            assertThat(result.isRefusal()).isTrue();
            assertThat(result).isEqualTo(new StructuredResult.Refused<MathReasoning>("No.", response));
        }

        @Test
        void anIncompleteResponseSaysWhy() {
            ApiResponse response = response(200, """
                    {"status":"incomplete","incomplete_details":{"reason":"max_output_tokens"},"output":[]}
                    """);
            assertThatThrownBy(() -> MATH.fromResponse(response)).isInstanceOf(StructuredOutputException.class)
                    .hasMessage("the reply has no content (status \"incomplete\" (max_output_tokens))");
        }

        @Test
        void aMismatchNamesTheField() {
            ApiResponse response = response(200, """
                    {"output":[{"type":"message","content":[{"type":"output_text","text":"{\\"steps\\":{},\\"finalAnswer\\":\\"1\\"}"}]}]}
                    """);
            assertThatThrownBy(() -> MATH.fromResponse(response))
                    .isInstanceOfSatisfying(StructuredOutputException.class,
                            e -> assertThat(e.field()).isEqualTo("steps"));
        }
    }
}
