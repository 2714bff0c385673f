package io.github.javaopenai.examples;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.Messages;
import io.github.javaopenai.OpenAI;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The README's chat session example: a conversation whose history is kept locally and sent on
 * every request, the last answer streamed. The history is a plain list here; the library's
 * {@code ChatSession} does the same bookkeeping.
 */
public final class ChatSessionExample {

    private ChatSessionExample() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        List<Map<String, Object>> messages = new ArrayList<>();
        messages.add(Messages.system("You are an artist who likes colors"));
        out.println(send(client, messages, "List your top 5 favorite colors"));
        // the chat history is sent on subsequent requests to continue the conversation
        out.println(send(client, messages, "Excluding the colors you just listed, tell me your favorite color"));
        for (Map<String, Object> message : messages) {
            out.println(message.get("role") + " " + message.get("content"));
        }
        // stream the output; the full answer is also kept in the history
        messages.add(Messages.user("What's the most boring color?"));
        StringBuilder answer = new StringBuilder();
        client.createChatCompletion(messages, Map.of(), event -> {
            JsonNode delta = event.at("/choices/0/delta/content");
            if (delta.isTextual()) {
                answer.append(delta.textValue());
                out.print(delta.textValue());
                out.flush();
            }
        });
        out.println();
        messages.add(Messages.assistant(answer.toString()));
    }

    private static String send(OpenAI client, List<Map<String, Object>> messages, String text) {
        messages.add(Messages.user(text));
        String reply = client.createChatCompletion(messages).body().at("/choices/0/message/content").asText();
        messages.add(Messages.assistant(reply));
        return reply;
    }
}
