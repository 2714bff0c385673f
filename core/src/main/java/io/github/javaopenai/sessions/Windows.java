package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Makes a window's selection safe to send: no tool or function result without its request. */
final class Windows {

    /** The policy that sends everything, unchanged (no orphan check, exactly as lua-openai). */
    static final WindowPolicy ALL = history -> history;

    private Windows() {
    }

    /** Applies the policy to the history and drops every result whose call is not sent. */
    static List<JsonNode> apply(WindowPolicy policy, List<JsonNode> history) {
        if (policy == ALL) {
            return history;
        }
        List<JsonNode> selected = policy.select(history);
        if (selected == null) {
            throw new IllegalStateException("window policy returned null");
        }
        return withoutOrphans(selected);
    }

    static List<JsonNode> withoutOrphans(List<JsonNode> messages) {
        List<JsonNode> result = new ArrayList<>(messages.size());
        Set<String> openCallIds = new HashSet<>();
        Set<String> openFunctions = new HashSet<>();
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            switch (role) {
                case "assistant" -> {
                    openCallIds.clear();
                    openFunctions.clear();
                    message.path("tool_calls").forEach(call -> openCallIds.add(call.path("id").asText("")));
                    JsonNode function = message.path("function_call");
                    if (function.isObject()) {
                        openFunctions.add(function.path("name").asText(""));
                    }
                    result.add(message);
                }
                case "tool" -> {
                    if (openCallIds.contains(message.path("tool_call_id").asText(""))) {
                        result.add(message);
                    }
                }
                case "function" -> {
                    if (openFunctions.contains(message.path("name").asText(""))) {
                        result.add(message);
                    }
                }
                default -> result.add(message);
            }
        }
        return result;
    }
}
