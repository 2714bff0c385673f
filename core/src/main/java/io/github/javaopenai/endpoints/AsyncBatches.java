package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Batch API in async form, from {@code client.async().batches()}: create, get, list, iterate and cancel,
 * with the names, arguments and requests of {@link Batches}, each returning a
 * {@link CompletableFuture} as {@link AsyncOpenAI}'s calls do. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncBatches {

    private final AsyncRequester requester;

    AsyncBatches(AsyncRequester requester) {
        this.requester = requester;
    }

    /**
     * Sends {@code POST /batches}, as {@link Batches#create}.
     *
     * @throws IllegalArgumentException at once, nothing sent, when the file id or endpoint is null or empty
     */
    public CompletableFuture<ApiResponse> create(String inputFileId, String endpoint, Map<String, ?> options) {
        return requester.send("POST", "/batches", Batches.createBody(inputFileId, endpoint, options), Map.of());
    }

    /** Sends {@code GET /batches/{id}}. */
    public CompletableFuture<ApiResponse> get(String batchId) {
        return requester.send("GET", "/batches/" + PathSegments.required(batchId, "batch_id"), null, Map.of());
    }

    /** Sends {@code GET /batches} with query parameters such as {@code limit} and {@code after}. */
    public CompletableFuture<ApiResponse> list(Map<String, ?> query) {
        return requester.send("GET", "/batches" + Query.of(query), null, Map.of());
    }

    /** Returns every batch, page by page, as a publisher; the query's {@code after} sets where to start. */
    public AsyncPages iterate(Map<String, ?> query) {
        return AsyncPages.ofList(requester, "/batches", query);
    }

    /** Sends {@code POST /batches/{id}/cancel}. */
    public CompletableFuture<ApiResponse> cancel(String batchId) {
        return requester.send("POST", "/batches/" + PathSegments.required(batchId, "batch_id") + "/cancel", null,
                Map.of());
    }

    @Override
    public String toString() {
        return "AsyncBatches";
    }
}
