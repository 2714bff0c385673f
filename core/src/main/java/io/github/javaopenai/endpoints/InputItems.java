package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.Requester;
import java.util.Map;

/**
 * Lists the input items of one stored response: what it was given, including items carried over
 * from {@code previous_response_id} or a conversation.
 *
 * <p>Obtain one from {@code client.inputItems(responseId)}; thread-safe.
 *
 * @since 0.1
 */
public final class InputItems {

    private final Requester requester;
    private final String path;

    public InputItems(Requester requester, String responseId) {
        this.requester = requester;
        this.path = "/responses/" + PathSegments.required(responseId, "response_id") + "/input_items";
    }

    /** Sends {@code GET /responses/{id}/input_items}: the first page, newest first. */
    public ApiResponse list() {
        return list(Map.of());
    }

    /** Sends {@code GET /responses/{id}/input_items} with query parameters such as {@code limit}, {@code order}, {@code include}. */
    public ApiResponse list(Map<String, ?> query) {
        return requester.send("GET", path + Query.of(query), null, Map.of());
    }

    /** Returns every input item, page by page. */
    public Pages iterate(Map<String, ?> query) {
        return Pages.ofList(requester, path, query);
    }

    @Override
    public String toString() {
        return "InputItems{" + path + "}";
    }
}
