package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeSession;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * The README's streaming example done the realtime way: one WebSocket session, the instructions
 * set once for the session, and the text deltas printed as they arrive.
 */
public final class StreamingRealtime {

    private StreamingRealtime() {
    }

    /** Runs the example against the client configured by the environment. */
    public static void main(String[] args) {
        run(OpenAI.fromEnv(), System.out);
    }

    static void run(OpenAI client, PrintStream out) {
        try (RealtimeSession session = client.realtime("gpt-realtime", RealtimeOptions.defaults())) {
            session.updateSession(Map.of(
                    "instructions", "You work for Streak.Club, a website to track daily creative habits",
                    "output_modalities", List.of("text")));
            session.sendText("Who do you work for?");
            session.awaitReply(event -> {
                // raw server event: text arrives in response.output_text.delta events
                if (event.path("type").asText().equals("response.output_text.delta")) {
                    out.print(event.path("delta").asText());
                    out.flush();
                }
            });
        }
        out.println();
    }
}
