package io.github.javaopenai.examples.gemini;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.sessions.ChatSession;
import java.util.List;
import java.util.Map;

/**
 * Holds a two-turn conversation with Gemini, the second question relying on the first answer:
 * lua-openai's Gemini chat-session example.
 *
 * <pre>
 * GEMINI_API_KEY=... mvn -q -pl examples exec:java \
 *     -Dexec.mainClass=io.github.javaopenai.examples.gemini.GeminiChatSession
 * </pre>
 */
public final class GeminiChatSession {

    private GeminiChatSession() {
    }

    /** Asks about France's capital, then a follow-up that needs the context. */
    public static void main(String[] args) {
        OpenAI client = GeminiExamples.client();
        ChatSession chat = client.newChatSession(Map.of(
                "messages", List.of(Messages.system("You are a helpful assistant."))));
        System.out.println(chat.send("What is the capital of France?"));
        System.out.println(chat.send("What is its population?")); // follow-up with context
    }
}
