package io.github.javaopenai.spring;

import io.github.javaopenai.OpenAI;

/**
 * Adjusts the builder of the auto-configured client after the properties were applied, for what
 * properties cannot say (a transport, a provider needing arguments). Beans of this type run in
 * their {@code @Order}.
 */
@FunctionalInterface
public interface OpenAIBuilderCustomizer {

    /** Adjusts the builder. */
    void customize(OpenAI.Builder builder);
}
