package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Counts the tokens of one request, or the totals of a session: input, output, and the cached
 * and reasoning tokens inside them.
 *
 * <p>{@link #from(JsonNode)} reads both shapes the API uses: Chat Completions'
 * {@code prompt_tokens} / {@code completion_tokens} and the Responses API's {@code input_tokens} /
 * {@code output_tokens}, with their {@code *_details}. Missing counts are zero.
 *
 * @param inputTokens tokens read by the model (prompt or input)
 * @param outputTokens tokens written by the model (completion or output)
 * @param cachedTokens input tokens served from the prompt cache
 * @param reasoningTokens output tokens spent on reasoning
 * @since 0.1
 */
public record Usage(long inputTokens, long outputTokens, long cachedTokens, long reasoningTokens) {

    /** No tokens at all. */
    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    /** Checks that no count is negative. */
    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cachedTokens < 0 || reasoningTokens < 0) {
            throw new IllegalArgumentException("token counts must not be negative: " + inputTokens + ", "
                    + outputTokens + ", " + cachedTokens + ", " + reasoningTokens);
        }
    }

    /** Reads a {@code usage} object of either API; null or a non-object gives {@link #ZERO}. */
    public static Usage from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return ZERO;
        }
        long input = count(usage, "/input_tokens", "/prompt_tokens");
        long output = count(usage, "/output_tokens", "/completion_tokens");
        long cached = count(usage, "/input_tokens_details/cached_tokens", "/prompt_tokens_details/cached_tokens");
        long reasoning = count(usage, "/output_tokens_details/reasoning_tokens",
                "/completion_tokens_details/reasoning_tokens");
        return new Usage(input, output, cached, reasoning);
    }

    /** Returns the sum of this usage and another. */
    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                cachedTokens + other.cachedTokens, reasoningTokens + other.reasoningTokens);
    }

    /** Returns input plus output tokens. */
    public long totalTokens() {
        return inputTokens + outputTokens;
    }

    private static long count(JsonNode usage, String pointer, String alternative) {
        JsonNode value = usage.at(pointer);
        if (!value.isNumber()) {
            value = usage.at(alternative);
        }
        return value.isNumber() ? Math.max(0, value.asLong()) : 0;
    }
}
