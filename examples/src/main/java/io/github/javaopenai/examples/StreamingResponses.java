package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The README's streaming example with the Responses API: text deltas printed as they arrive. */
public final class StreamingResponses {

    private StreamingResponses() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        client.createResponse(List.of(
                Messages.system("You work for Streak.Club, a website to track daily creative habits"),
                Messages.user("Who do you work for?")), Map.of(), event -> {
                    // raw event object from the API: check its type and read the delta
                    if (event.path("type").asText().equals("response.output_text.delta")) {
                        out.print(event.path("delta").asText());
                        out.flush();
                    }
                });
        out.println();
    }
}
