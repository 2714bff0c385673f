package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The README's quick usage with the Responses API. */
public final class ResponsesQuickUsage {

    private ResponsesQuickUsage() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        ApiResponse response = client.createResponse(List.of(
                Messages.system("You are a Lua programmer"),
                Messages.user("Write a 'Hello world' program in Lua")),
                Map.of("model", "gpt-4.1", "temperature", 0.5));
        // the text the model wrote; an error status throws its ApiException instead
        out.println(response.outputText());
    }
}
