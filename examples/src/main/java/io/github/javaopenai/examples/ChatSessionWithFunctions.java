package io.github.javaopenai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.sessions.ChatReply;
import io.github.javaopenai.sessions.ChatSession;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The README appendix: a chat session with a legacy function declaration. When the model asks for
 * {@code add}, the program checks the arguments, computes the sum and sends it back as a
 * {@code role: "function"} message.
 */
public final class ChatSessionWithFunctions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatSessionWithFunctions() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) throws Exception {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) throws Exception {
        ChatSession chat = client.newChatSession(Map.of(
                "model", "gpt-4.1",
                "functions", List.of(Map.of(
                        "name", "add",
                        "description", "Add two numbers together",
                        "parameters", Map.of("type", "object", "properties",
                                Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")))))));
        ChatReply reply = chat.send("Using the provided function, calculate the sum of 2923 + 20839");
        JsonNode call = reply.functionCall();
        if (call == null) {
            out.println(reply);
            return;
        }
        // the model can make up any part of a call: check the name and the arguments
        String name = call.path("name").asText();
        JsonNode arguments = JSON.readTree(call.path("arguments").asText());
        if (!name.equals("add")) {
            throw new IllegalStateException("Unknown function: " + name);
        }
        if (!arguments.path("a").isNumber() || !arguments.path("b").isNumber()) {
            throw new IllegalStateException("add needs two numbers, got " + arguments);
        }
        double value = arguments.get("a").asDouble() + arguments.get("b").asDouble();
        // send the result back with a role "function" message, and print the final answer
        out.println(chat.send(Messages.function(name, JSON.writeValueAsString(value))));
    }
}
