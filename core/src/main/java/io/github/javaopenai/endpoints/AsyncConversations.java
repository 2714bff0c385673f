package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.Query;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The Conversations API in async form, from {@code client.async().conversations()}: the calls of
 * {@link Conversations}, with the same names, arguments and requests,
 * each returning a {@link CompletableFuture} as {@link AsyncOpenAI}'s calls do. Invalid arguments
 * are refused at once, before anything is sent. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncConversations {

    private final AsyncRequester requester;

    AsyncConversations(AsyncRequester requester) {
        this.requester = requester;
    }

    /** Sends {@code POST /conversations} with an empty body: a conversation with no items. */
    public CompletableFuture<ApiResponse> create() {
        return create(List.of(), Map.of());
    }

    /** Sends {@code POST /conversations} with {@code {items}} (left out when empty) and the options. */
    public CompletableFuture<ApiResponse> create(List<?> items, Map<String, ?> options) {
        return requester.send("POST", "/conversations", Conversations.createBody(items, options), Map.of());
    }

    /** Sends {@code GET /conversations/{id}}. */
    public CompletableFuture<ApiResponse> get(String conversationId) {
        return requester.send("GET", Conversations.path(conversationId), null, Map.of());
    }

    /** Sends {@code POST /conversations/{id}} replacing its metadata. */
    public CompletableFuture<ApiResponse> update(String conversationId, Map<String, String> metadata) {
        return requester.send("POST", Conversations.path(conversationId), Conversations.updateBody(metadata), Map.of());
    }

    /** Sends {@code DELETE /conversations/{id}}; its items go with it. */
    public CompletableFuture<ApiResponse> delete(String conversationId) {
        return requester.send("DELETE", Conversations.path(conversationId), null, Map.of());
    }

    /**
     * Returns every item of the conversation, page by page, as a publisher; the query's
     * {@code after} sets where to start. See {@link AsyncPages}.
     */
    public AsyncPages iterateItems(String conversationId, Map<String, ?> query) {
        return AsyncPages.ofList(requester, Conversations.path(conversationId) + "/items", query);
    }

    /** Sends {@code POST /conversations/{id}/items} adding up to 20 items. */
    public CompletableFuture<ApiResponse> addItems(String conversationId, List<?> items) {
        return requester.send("POST", Conversations.path(conversationId) + "/items", Conversations.itemsBody(items),
                Map.of());
    }

    /** Sends {@code GET /conversations/{id}/items} with query parameters such as {@code limit} and {@code after}. */
    public CompletableFuture<ApiResponse> listItems(String conversationId, Map<String, ?> query) {
        return requester.send("GET", Conversations.path(conversationId) + "/items" + Query.of(query), null, Map.of());
    }

    /** Sends {@code GET /conversations/{id}/items/{item_id}}. */
    public CompletableFuture<ApiResponse> item(String conversationId, String itemId) {
        return requester.send("GET", Conversations.itemPath(conversationId, itemId), null, Map.of());
    }

    /** Sends {@code DELETE /conversations/{id}/items/{item_id}}. */
    public CompletableFuture<ApiResponse> deleteItem(String conversationId, String itemId) {
        return requester.send("DELETE", Conversations.itemPath(conversationId, itemId), null, Map.of());
    }

    @Override
    public String toString() {
        return "AsyncConversations";
    }
}
