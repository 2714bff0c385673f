package io.github.javaopenai.providers;

import io.github.javaopenai.OpenAI;
import java.util.Map;

/**
 * Creates clients for OpenRouter, as lua-openai's {@code openai.compat.openrouter} does.
 *
 * <p>The result is an ordinary {@link OpenAI} client on the {@link Providers#openRouter()}
 * profile: base URL {@value #BASE_URL}, default model {@value #DEFAULT_MODEL}, everything else as
 * for OpenAI.
 *
 * @since 0.1
 */
public final class OpenRouter {

    /** OpenRouter's base URL: {@value}. */
    public static final String BASE_URL = "https://openrouter.ai/api/v1";

    /** The model used when a request names none: {@value}. */
    public static final String DEFAULT_MODEL = "openai/gpt-4.1";

    private OpenRouter() {
    }

    /**
     * Returns an OpenRouter client with the given API key.
     *
     * @param apiKey the OpenRouter API key, or null to send none
     */
    public static OpenAI create(String apiKey) {
        return newBuilder().apiKey(apiKey).build();
    }

    /** Returns an OpenRouter client with the key in the {@code OPENROUTER_API_KEY} environment variable. */
    public static OpenAI fromEnv() {
        return fromEnv(System.getenv());
    }

    /** Returns an OpenRouter client with the key in the given variables' {@code OPENROUTER_API_KEY}. */
    public static OpenAI fromEnv(Map<String, String> env) {
        String key = env.get("OPENROUTER_API_KEY");
        return create(key == null || key.isEmpty() ? null : key);
    }

    /** Returns a builder on the OpenRouter profile. */
    public static OpenAI.Builder newBuilder() {
        return OpenAI.newBuilder().provider(Providers.openRouter());
    }
}
