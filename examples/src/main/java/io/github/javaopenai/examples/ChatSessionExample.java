package io.github.javaopenai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.sessions.ChatSession;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** The README's chat session example: the history is kept locally and sent with every request. */
public final class ChatSessionExample {

    private ChatSessionExample() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        ChatSession chat = client.newChatSession(Map.of(
                // provide an initial set of messages
                "messages", List.of(Messages.system("You are an artist who likes colors"))));

        // returns the reply, whose string form is its text
        out.println(chat.send("List your top 5 favorite colors"));

        // the chat history is sent on subsequent requests to continue the conversation
        out.println(chat.send("Excluding the colors you just listed, tell me your favorite color"));

        // the entire chat history is kept by the session
        for (JsonNode message : chat.messages()) {
            out.println(message.get("role").asText() + " " + message.path("content").asText());
        }

        // stream the output by giving a callback; the full reply is also returned
        chat.send("What's the most boring color?", (chunk, raw) -> {
            out.print(chunk);
            out.flush();
        });
        out.println();
    }
}
