package io.github.javaopenai.bench;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.Iterator;

/** The official SDK ({@code com.openai:openai-java}) with its default OkHttp client. */
final class OfficialClient implements BenchClient {

    private final OpenAIClient client;

    OfficialClient(String baseUrl) {
        this.client = OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-dummy").build();
    }

    /** Returns the SDK with its default OkHttp client, retrying at most {@code maxRetries} times. */
    static BenchClient withRetries(String baseUrl, int maxRetries) {
        return new OfficialClient(OpenAIOkHttpClient.builder().baseUrl(baseUrl).apiKey("sk-dummy")
                .maxRetries(maxRetries).build());
    }

    private OfficialClient(OpenAIClient client) {
        this.client = client;
    }

    @Override
    public String name() {
        return "OFFICIAL";
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addSystemMessage(SYSTEM)
                .addUserMessage(USER)
                .build();
    }

    @Override
    public long stream() {
        long chars = 0;
        try (StreamResponse<ChatCompletionChunk> chunks = client.chat().completions().createStreaming(params())) {
            for (Iterator<ChatCompletionChunk> it = chunks.stream().iterator(); it.hasNext(); ) {
                ChatCompletionChunk chunk = it.next();
                if (!chunk.choices().isEmpty()) {
                    chars += chunk.choices().get(0).delta().content().map(String::length).orElse(0);
                }
            }
        }
        return chars;
    }

    @Override
    public long complete() {
        return client.chat().completions().create(params()).choices().get(0).message().content()
                .map(String::length).orElse(0);
    }

    @Override
    public void close() {
        client.close();
    }
}
