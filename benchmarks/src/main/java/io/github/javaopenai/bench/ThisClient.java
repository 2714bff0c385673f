package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.sessions.ChatSession;
import java.util.List;
import java.util.Map;

/** This library, through its raw-event callback, its pull stream or a chat session. */
final class ThisClient implements BenchClient {

    /** How a stream is consumed. */
    private enum Mode { CALLBACK, PULL, SESSION }

    private final String name;
    private final OpenAI client;
    private final Mode mode;

    private ThisClient(String name, String baseUrl, Mode mode) {
        this(name, OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy").build(), mode);
    }

    private ThisClient(String name, OpenAI client, Mode mode) {
        this.name = name;
        this.client = client;
        this.mode = mode;
    }

    /** Returns the client streaming through {@code streamChatCompletion} over a client built by the caller. */
    static ThisClient pull(String name, OpenAI client) {
        return new ThisClient(name, client, Mode.PULL);
    }

    /** Returns the client streaming through {@code createChatCompletion(messages, options, callback)}. */
    static ThisClient callback(String baseUrl) {
        return new ThisClient("THIS (callback)", baseUrl, Mode.CALLBACK);
    }

    /** Returns the client streaming through {@code streamChatCompletion}, an {@link EventStream}. */
    static ThisClient pull(String baseUrl) {
        return new ThisClient("THIS (pull stream)", baseUrl, Mode.PULL);
    }

    /**
     * Returns the client streaming the text of a {@link ChatSession} reply: a new session per
     * stream (a conversation of one question), its chunk callback counting the content.
     */
    static ThisClient session(String baseUrl) {
        return new ThisClient("THIS (ChatSession text)", baseUrl, Mode.SESSION);
    }

    @Override
    public String name() {
        return name;
    }

    private static List<Map<String, Object>> messages() {
        return List.of(Messages.system(SYSTEM), Messages.user(USER));
    }

    @Override
    public long stream() {
        long[] chars = {0};
        switch (mode) {
            case PULL -> {
                try (EventStream events = client.streamChatCompletion(messages(), Map.of("model", MODEL))) {
                    for (JsonNode event : events) {
                        chars[0] += Content.ofChunk(event);
                    }
                }
            }
            case CALLBACK -> client.createChatCompletion(messages(), Map.of("model", MODEL),
                    event -> chars[0] += Content.ofChunk(event));
            case SESSION -> {
                ChatSession session = client.newChatSession(Map.of("model", MODEL,
                        "messages", List.of(Messages.system(SYSTEM))));
                String reply = session.send(USER, (chunk, event) -> chars[0] += chunk.toString().length()).toString();
                if (reply.length() != chars[0]) {
                    throw new IllegalStateException("the session's reply has " + reply.length()
                            + " characters, its chunks " + chars[0]);
                }
            }
        }
        return chars[0];
    }

    @Override
    public long complete() {
        return Content.ofCompletion(client.createChatCompletion(messages(), Map.of("model", MODEL)).body());
    }

    @Override
    public void close() {
        client.close();
    }
}
