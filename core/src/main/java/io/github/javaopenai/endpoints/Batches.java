package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.Requester;
import java.util.Map;

/**
 * Creates, reads, lists and cancels batches: the Batch API, which runs a file of requests within
 * a completion window at a lower price. For a whole job (write, upload, wait, collect results)
 * see {@link io.github.javaopenai.batch.BatchJob}.
 *
 * <p>Methods return the server's answer whatever its status, like the rest of the client. Obtain
 * one from {@code client.batches()}; thread-safe.
 *
 * @since 0.1
 */
public final class Batches {

    /** The only completion window the API offers: {@value}. */
    public static final String DEFAULT_COMPLETION_WINDOW = "24h";

    private final Requester requester;

    public Batches(Requester requester) {
        this.requester = requester;
    }

    /**
     * Sends {@code POST /batches} with {@code {input_file_id, endpoint, completion_window: 24h}};
     * the options extend or override it, for example with {@code metadata}.
     *
     * @param inputFileId the id of an uploaded JSONL file (purpose {@code batch})
     * @param endpoint the endpoint every request in the file targets, such as
     *     {@code /v1/chat/completions}, {@code /v1/responses} or {@code /v1/embeddings}
     * @throws IllegalArgumentException when the file id or endpoint is null or empty
     */
    public ApiResponse create(String inputFileId, String endpoint, Map<String, ?> options) {
        return requester.send("POST", "/batches", createBody(inputFileId, endpoint, options), Map.of());
    }

    /** Returns the body of {@link #create}, checking its arguments; shared with {@link AsyncBatches}. */
    static ObjectNode createBody(String inputFileId, String endpoint, Map<String, ?> options) {
        PathSegments.required(inputFileId, "input_file_id");
        PathSegments.required(endpoint, "endpoint");
        ObjectNode body = Json.object();
        body.put("input_file_id", inputFileId);
        body.put("endpoint", endpoint);
        body.put("completion_window", DEFAULT_COMPLETION_WINDOW);
        return RequestBodies.merge(body, options);
    }

    /** Sends {@code GET /batches/{id}}. */
    public ApiResponse get(String batchId) {
        return requester.send("GET", "/batches/" + PathSegments.required(batchId, "batch_id"), null, Map.of());
    }

    /** Sends {@code GET /batches} with query parameters such as {@code limit} and {@code after}. */
    public ApiResponse list(Map<String, ?> query) {
        return requester.send("GET", "/batches" + Query.of(query), null, Map.of());
    }

    /** Returns every batch, page by page; the query's {@code after} sets where to start. */
    public Pages iterate(Map<String, ?> query) {
        return Pages.ofList(requester, "/batches", query);
    }

    /** Sends {@code POST /batches/{id}/cancel}; the batch goes to {@code cancelling}, then {@code cancelled}. */
    public ApiResponse cancel(String batchId) {
        return requester.send("POST", "/batches/" + PathSegments.required(batchId, "batch_id") + "/cancel", null, Map.of());
    }

    @Override
    public String toString() {
        return "Batches";
    }
}
