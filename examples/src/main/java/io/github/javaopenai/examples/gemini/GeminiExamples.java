package io.github.javaopenai.examples.gemini;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.providers.Providers;

/** Shares the Gemini examples' setup: the client from {@code GEMINI_API_KEY}, and error exits. */
final class GeminiExamples {

    private GeminiExamples() {
    }

    static OpenAI client() {
        String key = System.getenv("GEMINI_API_KEY");
        if (key == null || key.isEmpty()) {
            System.err.println("Set GEMINI_API_KEY to a Gemini API key (https://aistudio.google.com/apikey).");
            System.exit(2);
        }
        return OpenAI.create(Providers.gemini(), key);
    }

    static void requireSuccess(ApiResponse response) {
        if (!response.isSuccess()) {
            System.err.println("HTTP " + response.status() + ": " + response.bodyText());
            System.exit(1);
        }
    }
}
