package io.github.javaopenai.core;

import java.util.Map;
import java.util.Objects;

/**
 * Creates chat messages in the shape the API expects, as immutable maps.
 *
 * <pre>{@code
 * client.createChatCompletion(List.of(
 *     Messages.system("You are a Lua programmer"),
 *     Messages.user("Write a 'Hello world' program in Lua")));
 * }</pre>
 *
 * @since 0.1
 */
public final class Messages {

    private Messages() {
    }

    /** Returns {@code {role: "system", content}}. */
    public static Map<String, Object> system(String content) {
        return of("system", content);
    }

    /** Returns {@code {role: "user", content}}. */
    public static Map<String, Object> user(String content) {
        return of("user", content);
    }

    /** Returns {@code {role: "assistant", content}}. */
    public static Map<String, Object> assistant(String content) {
        return of("assistant", content);
    }

    /** Returns {@code {role: "tool", tool_call_id, content}}: a tool's result. */
    public static Map<String, Object> tool(String toolCallId, String content) {
        return Map.of("role", "tool",
                "tool_call_id", Objects.requireNonNull(toolCallId, "toolCallId == null"),
                "content", Objects.requireNonNull(content, "content == null"));
    }

    /** Returns {@code {role: "function", name, content}}: a legacy function's result. */
    public static Map<String, Object> function(String name, String content) {
        return Map.of("role", "function",
                "name", Objects.requireNonNull(name, "name == null"),
                "content", Objects.requireNonNull(content, "content == null"));
    }

    /** Returns {@code {role, content}} for any role. */
    public static Map<String, Object> of(String role, String content) {
        return Map.of("role", Objects.requireNonNull(role, "role == null"),
                "content", Objects.requireNonNull(content, "content == null"));
    }
}
