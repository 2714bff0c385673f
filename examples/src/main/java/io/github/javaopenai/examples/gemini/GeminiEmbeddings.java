package io.github.javaopenai.examples.gemini;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import java.util.List;

/**
 * Embeds two texts with {@code gemini-embedding-001}, the Gemini client's default embedding
 * model: lua-openai's {@code examples/gemini/embeddings.lua}.
 */
public final class GeminiEmbeddings {

    private GeminiEmbeddings() {
    }

    /** Prints the dimensions of each embedding. */
    public static void main(String[] args) {
        OpenAI client = GeminiExamples.client();
        ApiResponse response = client.embedding(List.of("Hello world", "How does embedding work?"));
        GeminiExamples.requireSuccess(response);
        response.body().path("data").forEach(item -> System.out.println(
                "embedding " + item.path("index").asInt() + ": " + item.path("embedding").size() + " dimensions"));
    }
}
