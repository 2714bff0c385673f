package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Holds a finished batch: its final state and every result it produced, by custom id.
 *
 * @param batchId the batch
 * @param status the final status: {@code completed}, {@code failed}, {@code expired} or {@code cancelled}
 * @param batch the batch object as last read, with {@code errors} when validation failed
 * @param results every result from the output and error files, by custom id, in file order;
 *     unmodifiable
 * @since 0.1
 */
public record BatchOutcome(String batchId, String status, JsonNode batch, Map<String, BatchResult> results) {

    /** Checks the fields and freezes the results. */
    public BatchOutcome {
        Objects.requireNonNull(batchId, "batchId == null");
        Objects.requireNonNull(status, "status == null");
        Objects.requireNonNull(batch, "batch == null");
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
    }

    /** Returns whether the batch ran to completion (some requests may still have failed). */
    public boolean isCompleted() {
        return status.equals("completed");
    }

    /** Returns the result for a custom id, if the batch produced one. */
    public Optional<BatchResult> result(String customId) {
        return Optional.ofNullable(results.get(customId));
    }

    /** Returns the results that did not succeed, in file order. */
    public List<BatchResult> failures() {
        return results.values().stream().filter(r -> !r.isSuccess()).toList();
    }
}
