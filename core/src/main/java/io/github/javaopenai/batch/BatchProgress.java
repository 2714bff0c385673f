package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Set;

/**
 * Holds a batch's state as of one poll.
 *
 * @param batchId the batch
 * @param status {@code validating}, {@code in_progress}, {@code finalizing}, {@code completed},
 *     {@code failed}, {@code expired}, {@code cancelling} or {@code cancelled}
 * @param total the number of requests, 0 until validated
 * @param completed the requests that have succeeded so far
 * @param failed the requests that have failed so far
 * @since 0.1
 */
public record BatchProgress(String batchId, String status, int total, int completed, int failed) {

    private static final Set<String> TERMINAL = Set.of("completed", "failed", "expired", "cancelled");

    /** Returns whether the batch will not change any more. */
    public boolean isTerminal() {
        return TERMINAL.contains(status);
    }

    @Override
    public String toString() {
        return batchId + " " + status + " " + (completed + failed) + "/" + total + (failed > 0 ? " (" + failed + " failed)" : "");
    }

    /** Reads the progress of a batch object as the API returns it. */
    static BatchProgress of(String batchId, JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        return new BatchProgress(batchId, batch.path("status").asText("unknown"), counts.path("total").asInt(0),
                counts.path("completed").asInt(0), counts.path("failed").asInt(0));
    }
}
