package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.RequestBodies;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Models API in async form, from {@code client.async().models()}: the calls of {@link Models},
 * each returning a {@link CompletableFuture} as {@link AsyncOpenAI}'s do. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncModels {

    private final AsyncRequester requester;

    AsyncModels(AsyncRequester requester) {
        this.requester = requester;
    }

    /** Sends {@code GET /models}. */
    public CompletableFuture<ApiResponse> list() {
        return requester.send("GET", "/models", null, Map.of());
    }

    /** Sends {@code GET /models/{id}}; a null id raises "model is required" at once. */
    public CompletableFuture<ApiResponse> get(String model) {
        return requester.send("GET", "/models/" + RequestBodies.segment(model, "model"), null, Map.of());
    }

    /** Sends {@code DELETE /models/{id}}, for a fine-tuned model of yours. */
    public CompletableFuture<ApiResponse> delete(String model) {
        return requester.send("DELETE", "/models/" + RequestBodies.segment(model, "model"), null, Map.of());
    }

    @Override
    public String toString() {
        return "AsyncModels";
    }
}
