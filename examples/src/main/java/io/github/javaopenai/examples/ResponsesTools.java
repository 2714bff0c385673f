package io.github.javaopenai.examples;

import io.github.javaopenai.core.ApiResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Tools with the Responses API: the model calls {@code get_weather}, the program answers with a
 * {@code function_call_output} item chained by {@code previous_response_id}, and prints the final text.
 */
public final class ResponsesTools {

    private ResponsesTools() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        List<Map<String, Object>> tools = List.of(Map.of("type", "function", "name", "get_weather",
                "description", "Get the current weather for a city",
                "parameters", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string")),
                        "required", List.of("city"), "additionalProperties", false),
                "strict", true));
        ApiResponse answer = client.createResponse("What is the weather in Paris?", Map.of("tools", tools));
        JsonNode first = answer.body();
        for (JsonNode item : first.path("output")) {
            if (item.path("type").asText().equals("function_call")) {
                out.println("calling " + item.path("name").asText() + " " + item.path("arguments").asText());
                ApiResponse next = client.createResponse(List.of(Map.of("type", "function_call_output",
                        "call_id", item.path("call_id").asText(), "output", "{\"temperature_c\":18}")),
                        Map.of("tools", tools, "previous_response_id", first.path("id").asText()));
                out.println(next.outputText());
                return;
            }
        }
        out.println(answer.outputText());
    }
}
