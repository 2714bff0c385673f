package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Chooses which messages of a chat session's history are sent with the next request.
 *
 * <p>The session always keeps its full history; the policy only decides what goes on the wire.
 * Whatever a policy returns, the session then drops any tool or function result whose assistant
 * message (the one that asked for it) is not sent, so a window never orphans a tool result.
 * The built-in policies keep every system message and cut older messages first.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface WindowPolicy {

    /**
     * Returns the messages to send, in history order.
     *
     * @param history the full history, oldest first; read-only
     */
    List<JsonNode> select(List<JsonNode> history);

    /** Returns the policy that sends the whole history: the default, as in lua-openai. */
    static WindowPolicy all() {
        return Windows.ALL;
    }

    /**
     * Returns a policy that sends the system messages and the last {@code count} other messages.
     *
     * @throws IllegalArgumentException when count is below 1
     */
    static WindowPolicy lastMessages(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1: " + count);
        }
        return history -> {
            List<JsonNode> others = history.stream().filter(m -> !isSystem(m)).toList();
            return keep(history, others.subList(Math.max(0, others.size() - count), others.size()));
        };
    }

    /**
     * Returns a policy that sends the system messages and as many of the newest other messages as
     * fit in the token budget, by the given estimator. The newest message is always sent, even
     * when it alone exceeds the budget.
     *
     * @throws IllegalArgumentException when maxTokens is below 1
     */
    static WindowPolicy tokenBudget(int maxTokens, TokenEstimator estimator) {
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be at least 1: " + maxTokens);
        }
        Objects.requireNonNull(estimator, "estimator == null");
        return history -> {
            long used = 0;
            for (JsonNode message : history) {
                used += isSystem(message) ? estimator.estimate(message) : 0;
            }
            List<JsonNode> others = history.stream().filter(m -> !isSystem(m)).toList();
            int start = others.size();
            while (start > 0) {
                long cost = estimator.estimate(others.get(start - 1));
                if (used + cost > maxTokens && start < others.size()) {
                    break;
                }
                used += cost;
                start--;
            }
            return keep(history, others.subList(start, others.size()));
        };
    }

    /** Returns a token-budget policy with the {@linkplain TokenEstimator#approximate() rough estimator}. */
    static WindowPolicy tokenBudget(int maxTokens) {
        return tokenBudget(maxTokens, TokenEstimator.approximate());
    }

    private static boolean isSystem(JsonNode message) {
        return "system".equals(message.path("role").asText(null));
    }

    private static List<JsonNode> keep(List<JsonNode> history, List<JsonNode> recent) {
        List<JsonNode> result = new ArrayList<>();
        java.util.Set<JsonNode> wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        wanted.addAll(recent);
        for (JsonNode message : history) {
            if (isSystem(message) || wanted.contains(message)) {
                result.add(message);
            }
        }
        return result;
    }
}
