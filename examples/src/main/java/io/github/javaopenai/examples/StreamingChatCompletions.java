package io.github.javaopenai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The README's streaming example with the Chat Completions API: content deltas printed as they arrive. */
public final class StreamingChatCompletions {

    private StreamingChatCompletions() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        client.createChatCompletion(List.of(
                Messages.system("You work for Streak.Club, a website to track daily creative habits"),
                Messages.user("Who do you work for?")), Map.of(), event -> {
                    // raw event object from the API: the content is at choices[0].delta.content
                    JsonNode delta = event.at("/choices/0/delta/content");
                    if (delta.isTextual()) {
                        out.print(delta.textValue());
                        out.flush();
                    }
                });
        out.println();
    }
}
