package io.github.javaopenai.providers;

/**
 * Names a part of the OpenAI API that a provider serves.
 *
 * <p>Capabilities are information for callers (a command line can hide what a provider lacks); the
 * client never refuses a request because of them, since providers add endpoints faster than a
 * library can follow.
 *
 * @since 0.1
 */
public enum Capability {
    /** {@code POST /chat/completions}. */
    CHAT_COMPLETIONS,
    /** {@code POST /responses} and the calls on a stored response. */
    RESPONSES,
    /** {@code POST /completions}, the legacy text completions. */
    COMPLETIONS,
    /** {@code POST /embeddings}. */
    EMBEDDINGS,
    /** {@code POST /moderations}. */
    MODERATIONS,
    /** {@code POST /images/generations}. */
    IMAGES,
    /** {@code /files}. */
    FILES,
    /** {@code GET /models}. */
    MODELS,
    /** Server-sent event streams ({@code stream: true}). */
    STREAMING,
    /** Tool (function) calling. */
    TOOLS,
    /** Strict JSON-schema answers ({@code response_format} of type {@code json_schema}). */
    STRUCTURED_OUTPUTS
}
