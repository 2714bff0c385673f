package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.EventStream;
import io.github.javaopenai.Messages;
import io.github.javaopenai.OpenAI;
import java.util.List;
import java.util.Map;

/** This library, through its raw-event callback or its pull stream. */
final class ThisClient implements BenchClient {

    private final String name;
    private final OpenAI client;
    private final boolean pull;

    private ThisClient(String name, String baseUrl, boolean pull) {
        this.name = name;
        this.client = OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy").build();
        this.pull = pull;
    }

    /** Returns the client streaming through {@code createChatCompletion(messages, options, callback)}. */
    static ThisClient callback(String baseUrl) {
        return new ThisClient("THIS (callback)", baseUrl, false);
    }

    /** Returns the client streaming through {@code streamChatCompletion}, an {@link EventStream}. */
    static ThisClient pull(String baseUrl) {
        return new ThisClient("THIS (pull stream)", baseUrl, true);
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
        if (pull) {
            try (EventStream events = client.streamChatCompletion(messages(), Map.of("model", MODEL))) {
                for (JsonNode event : events) {
                    chars[0] += Content.ofChunk(event);
                }
            }
        } else {
            client.createChatCompletion(messages(), Map.of("model", MODEL), event -> chars[0] += Content.ofChunk(event));
        }
        return chars[0];
    }

    @Override
    public long complete() {
        return Content.ofCompletion(client.createChatCompletion(messages(), Map.of("model", MODEL)).body());
    }

    @Override
    public void close() {
        client.transport().close();
    }
}
