package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.Requester;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates, reads, updates and deletes conversations and their items: the server-side state the
 * Responses API can carry from one response to the next (pass {@code conversation: id} in
 * {@code client.createResponse(input, options)}'s options).
 *
 * <p>Methods return the server's answer whatever its status, like the rest of the client; only
 * {@link #iterateItems} raises on a failed page. Obtain one from {@code client.conversations()};
 * thread-safe.
 *
 * @since 0.1
 */
public final class Conversations {

    private final Requester requester;

    public Conversations(Requester requester) {
        this.requester = requester;
    }

    /** Sends {@code POST /conversations} with an empty body: a conversation with no items. */
    public ApiResponse create() {
        return create(List.of(), Map.of());
    }

    /**
     * Sends {@code POST /conversations} with {@code {items}} (left out when empty) and the options,
     * such as {@code metadata}.
     *
     * @param items input items, as for {@code createResponse}: at most 20
     */
    public ApiResponse create(List<?> items, Map<String, ?> options) {
        return requester.send("POST", "/conversations", createBody(items, options), Map.of());
    }

    /** Sends {@code GET /conversations/{id}}. */
    public ApiResponse get(String conversationId) {
        return requester.send("GET", path(conversationId), null, Map.of());
    }

    /** Sends {@code POST /conversations/{id}} replacing its metadata (up to 16 string pairs). */
    public ApiResponse update(String conversationId, Map<String, String> metadata) {
        return requester.send("POST", path(conversationId), updateBody(metadata), Map.of());
    }

    /** Sends {@code DELETE /conversations/{id}}; its items go with it. */
    public ApiResponse delete(String conversationId) {
        return requester.send("DELETE", path(conversationId), null, Map.of());
    }

    /** Sends {@code POST /conversations/{id}/items} adding up to 20 items. */
    public ApiResponse addItems(String conversationId, List<?> items) {
        return requester.send("POST", path(conversationId) + "/items", itemsBody(items), Map.of());
    }

    /** Sends {@code GET /conversations/{id}/items} with query parameters such as {@code limit}, {@code order}, {@code after}. */
    public ApiResponse listItems(String conversationId, Map<String, ?> query) {
        return requester.send("GET", path(conversationId) + "/items" + Query.of(query), null, Map.of());
    }

    /** Returns every item of the conversation, page by page. */
    public Pages iterateItems(String conversationId, Map<String, ?> query) {
        return Pages.ofList(requester, path(conversationId) + "/items", query);
    }

    /** Sends {@code GET /conversations/{id}/items/{item_id}}. */
    public ApiResponse item(String conversationId, String itemId) {
        return requester.send("GET", itemPath(conversationId, itemId), null, Map.of());
    }

    /** Sends {@code DELETE /conversations/{id}/items/{item_id}}; answers with the updated conversation. */
    public ApiResponse deleteItem(String conversationId, String itemId) {
        return requester.send("DELETE", itemPath(conversationId, itemId), null, Map.of());
    }

    // The bodies and paths below are shared with AsyncConversations, and check their arguments.

    static ObjectNode createBody(List<?> items, Map<String, ?> options) {
        Objects.requireNonNull(items, "items == null");
        ObjectNode body = Json.object();
        if (!items.isEmpty()) {
            body.set("items", Json.toTree(items, "items"));
        }
        return RequestBodies.merge(body, options);
    }

    static ObjectNode updateBody(Map<String, String> metadata) {
        Objects.requireNonNull(metadata, "metadata == null");
        ObjectNode body = Json.object();
        body.set("metadata", Json.toTree(metadata, "metadata"));
        return body;
    }

    static ObjectNode itemsBody(List<?> items) {
        Objects.requireNonNull(items, "items == null");
        if (items.isEmpty()) {
            throw new IllegalArgumentException("items is empty");
        }
        ObjectNode body = Json.object();
        JsonNode array = Json.toTree(items, "items");
        body.set("items", array);
        return body;
    }

    static String path(String conversationId) {
        return "/conversations/" + PathSegments.required(conversationId, "conversation_id");
    }

    static String itemPath(String conversationId, String itemId) {
        return path(conversationId) + "/items/" + PathSegments.required(itemId, "item_id");
    }

    @Override
    public String toString() {
        return "Conversations";
    }
}
