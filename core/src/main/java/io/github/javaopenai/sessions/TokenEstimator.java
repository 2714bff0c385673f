package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Estimates how many tokens a chat message costs, for a token-budget {@link WindowPolicy}.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TokenEstimator {

    /** Returns the estimated token count of the message; never negative. */
    int estimate(JsonNode message);

    /**
     * Returns the rough estimator: one token per four characters of the message's JSON form, plus
     * four for the message framing. Good enough for English text; plug in a real tokenizer when
     * the budget is tight.
     */
    static TokenEstimator approximate() {
        return message -> message.toString().length() / 4 + 4;
    }
}
