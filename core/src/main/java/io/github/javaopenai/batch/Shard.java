package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.io.OutputStream;
import java.util.Set;

/**
 * One input file of a large job, kept on disk beside the manifest until its results are written:
 * {@code open} while requests are added, {@code sealed} when full, {@code submitted} once its batch
 * exists. Requests in it share an endpoint and a model, as a batch requires.
 */
final class Shard {

    static final String OPEN = "open";
    static final String SEALED = "sealed";
    static final String SUBMITTED = "submitted";

    final int number;
    final String url;
    final String model;
    final int attempt;
    String state;
    int count;
    long bytes;
    String inputFileId;
    String batchId;

    /** While submitted: the requests its batch reported done (completed or failed) at the latest poll. */
    int polledDone;

    /** While open: the file being appended to and the custom ids in it (a batch refuses repeats). */
    OutputStream out;
    Set<String> ids;

    Shard(int number, String url, String model, int attempt, String state) {
        this.number = number;
        this.url = url;
        this.model = model;
        this.attempt = attempt;
        this.state = state;
    }

    String fileName() {
        return "shard-" + number + ".jsonl";
    }

    ObjectNode toJson() {
        ObjectNode node = Json.object();
        node.put("number", number).put("url", url).put("model", model).put("attempt", attempt).put("state", state)
                .put("count", count).put("bytes", bytes).put("input_file_id", inputFileId).put("batch_id", batchId);
        return node;
    }

    static Shard fromJson(JsonNode node) {
        Shard shard = new Shard(node.path("number").asInt(), node.path("url").asText(), node.path("model").asText(),
                node.path("attempt").asInt(1), node.path("state").asText());
        shard.count = node.path("count").asInt();
        shard.bytes = node.path("bytes").asLong();
        shard.inputFileId = node.path("input_file_id").isTextual() ? node.get("input_file_id").asText() : null;
        shard.batchId = node.path("batch_id").isTextual() ? node.get("batch_id").asText() : null;
        return shard;
    }
}
