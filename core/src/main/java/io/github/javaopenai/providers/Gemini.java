package io.github.javaopenai.providers;

import io.github.javaopenai.OpenAI;
import java.util.Map;

/**
 * Creates clients for Google Gemini's OpenAI-compatible endpoint, as lua-openai's
 * {@code openai.compat.gemini} does.
 *
 * <p>The result is an ordinary {@link OpenAI} client on the {@link Providers#gemini()} profile:
 * the same methods, paths and bearer auth, with base URL {@value #BASE_URL}, chat model
 * {@value #DEFAULT_MODEL} and embedding model {@value #DEFAULT_EMBEDDING_MODEL} (lua-openai kept
 * OpenAI's embedding model here; Gemini does not serve it).
 *
 * <pre>{@code
 * OpenAI gemini = Gemini.create(System.getenv("GEMINI_API_KEY"));
 * ApiResponse r = gemini.createChatCompletion(List.of(Messages.user("Hello, how are you?")));
 * }</pre>
 *
 * @since 0.1
 */
public final class Gemini {

    /** The base URL of Gemini's OpenAI-compatible endpoint: {@value}. */
    public static final String BASE_URL = "https://generativelanguage.googleapis.com/v1beta/openai";

    /** The chat model used when a request names none: {@value}. */
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";

    /** The model {@code embedding} uses when the options name none: {@value}. */
    public static final String DEFAULT_EMBEDDING_MODEL = "gemini-embedding-001";

    private Gemini() {
    }

    /**
     * Returns a Gemini client with the given API key.
     *
     * @param apiKey the Gemini API key, or null to send none
     */
    public static OpenAI create(String apiKey) {
        return newBuilder().apiKey(apiKey).build();
    }

    /** Returns a Gemini client with the key in the {@code GEMINI_API_KEY} environment variable. */
    public static OpenAI fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Returns a Gemini client with the key in the given variables' {@code GEMINI_API_KEY}. */
    public static OpenAI fromEnv(Map<String, String> env) {
        String key = env.get("GEMINI_API_KEY");
        return create(key == null || key.isEmpty() ? null : key);
    }

    /** Returns a builder on the Gemini profile, for changing the timeout, transport or model. */
    public static OpenAI.Builder newBuilder() {
        return OpenAI.newBuilder().provider(Providers.gemini());
    }
}
