package io.github.javaopenai.examples.gemini;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.providers.Providers;
import java.util.List;
import java.util.Map;

/**
 * Sends one chat completion to Gemini's OpenAI-compatible endpoint, with the key in
 * {@code GEMINI_API_KEY}: lua-openai's {@code examples/gemini/chat.lua}.
 *
 * <pre>
 * GEMINI_API_KEY=... mvn -q -pl examples exec:java \
 *     -Dexec.mainClass=io.github.javaopenai.examples.gemini.GeminiChat
 * </pre>
 */
public final class GeminiChat {

    private GeminiChat() {
    }

    /** Asks the question given as arguments, or a greeting, and prints the answer. */
    public static void main(String[] args) {
        OpenAI client = GeminiExamples.client();
        String prompt = args.length > 0 ? String.join(" ", args) : "Hello, how are you?";
        ApiResponse response = client.createChatCompletion(List.of(Messages.user(prompt)),
                Map.of("model", Providers.gemini().defaultModel()));
        GeminiExamples.requireSuccess(response);
        System.out.println(response.outputText());
    }
}
