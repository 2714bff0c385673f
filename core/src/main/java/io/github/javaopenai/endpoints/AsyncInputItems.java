package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The input items of one stored response in async form, from {@code client.async().inputItems(id)}:
 * the calls of {@link InputItems}, as futures and a publisher of pages. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncInputItems {

    private final AsyncRequester requester;
    private final String path;

    AsyncInputItems(AsyncRequester requester, String responseId) {
        this.requester = requester;
        this.path = "/responses/" + PathSegments.required(responseId, "response_id") + "/input_items";
    }

    /** Sends {@code GET /responses/{id}/input_items}: the first page, newest first. */
    public CompletableFuture<ApiResponse> list() {
        return list(Map.of());
    }

    /** Sends {@code GET /responses/{id}/input_items} with query parameters such as {@code limit} and {@code order}. */
    public CompletableFuture<ApiResponse> list(Map<String, ?> query) {
        return requester.send("GET", path + Query.of(query), null, Map.of());
    }

    /** Returns every input item, page by page, as a publisher; see {@link AsyncPages}. */
    public AsyncPages iterate(Map<String, ?> query) {
        return AsyncPages.ofList(requester, path, query);
    }

    @Override
    public String toString() {
        return "AsyncInputItems{" + path + "}";
    }
}
