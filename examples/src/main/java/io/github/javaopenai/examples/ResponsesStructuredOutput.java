package io.github.javaopenai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.javaopenai.OpenAI;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Structured output with the Responses API: a JSON schema in {@code text.format}, the answer parsed back. */
public final class ResponsesStructuredOutput {

    private ResponsesStructuredOutput() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) throws Exception {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) throws Exception {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of(
                        "name", Map.of("type", "string"),
                        "population", Map.of("type", "integer"),
                        "landmarks", Map.of("type", "array", "items", Map.of("type", "string"))),
                "required", List.of("name", "population", "landmarks"),
                "additionalProperties", false);
        JsonNode body = client.createResponse("Describe the capital of France.", Map.of("text", Map.of("format",
                Map.of("type", "json_schema", "name", "city", "schema", schema, "strict", true)))).body();
        JsonNode city = new ObjectMapper().readTree(body.at("/output/0/content/0/text").asText());
        out.println("name: " + city.path("name").asText());
        out.println("population: " + city.path("population").asLong());
        out.println("landmarks: " + city.path("landmarks"));
    }
}
