package io.github.javaopenai.examples;

import io.github.javaopenai.ApiResponse;
import io.github.javaopenai.Messages;
import io.github.javaopenai.OpenAI;
import java.util.List;
import java.util.Map;

/**
 * Runs the quick-usage example of the README: one chat completion against the server named by
 * {@code OPENAI_BASE_URL} (the OpenAI API by default), with the key in {@code OPENAI_API_KEY}.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** Sends the prompt given as arguments, or the README's prompt, and prints the answer. */
    public static void main(String[] args) {
        String prompt = args.length > 0 ? String.join(" ", args) : "Write a 'Hello world' program in Lua";
        OpenAI client = OpenAI.fromEnv();
        ApiResponse response = client.createChatCompletion(List.of(
                Messages.system("You are a Lua programmer"),
                Messages.user(prompt)), Map.of("temperature", 0.5));
        if (response.status() == 200) {
            System.out.println(response.body().at("/choices/0/message/content").asText());
        } else {
            System.err.println("HTTP " + response.status() + ": " + response.bodyText());
            System.exit(1);
        }
    }
}
