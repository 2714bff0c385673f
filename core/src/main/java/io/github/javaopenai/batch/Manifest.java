package io.github.javaopenai.batch;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The durable state of a large job, rewritten atomically after every step: where the requests
 * come from and how many were read, the output file and how many of its bytes are final, and each
 * unfinished shard with its batch. Finished shards leave it, so it stays small for any job size.
 * The shard files themselves live in a directory beside it ({@code MANIFEST.parts}).
 */
final class Manifest {

    private static final int VERSION = 1;

    final Path path;
    String input;
    String output;
    long consumed;
    boolean inputDone;
    long written;
    long succeeded;
    long failed;
    int batchesDone;
    int nextShard;
    final List<Shard> shards = new ArrayList<>();

    Manifest(Path path) {
        this.path = path.toAbsolutePath();
    }

    Path work() {
        return path.resolveSibling(path.getFileName() + ".parts");
    }

    Path file(Shard shard) {
        return work().resolve(shard.fileName());
    }

    static Manifest load(Path path) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(path.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batch job manifest " + path + ": " + e.getMessage(), e);
        }
        if (node == null || node.path("version").asInt() != VERSION) {
            throw new IllegalArgumentException(path + " is not a batch job manifest (version " + VERSION + ")");
        }
        Manifest m = new Manifest(path);
        m.input = node.path("input").isTextual() ? node.get("input").asText() : null;
        m.output = node.path("output").asText();
        m.consumed = node.path("consumed").asLong();
        m.inputDone = node.path("input_done").asBoolean();
        m.written = node.path("written").asLong();
        m.succeeded = node.path("succeeded").asLong();
        m.failed = node.path("failed").asLong();
        m.batchesDone = node.path("batches_done").asInt();
        m.nextShard = node.path("next_shard").asInt();
        for (JsonNode shard : node.path("shards")) {
            m.shards.add(Shard.fromJson(shard));
        }
        return m;
    }

    /** Writes the state to a temporary file, then moves it over the manifest in one step. */
    void save() {
        ObjectNode node = Json.object();
        node.put("version", VERSION).put("input", input).put("output", output).put("consumed", consumed)
                .put("input_done", inputDone).put("written", written).put("succeeded", succeeded)
                .put("failed", failed).put("batches_done", batchesDone).put("next_shard", nextShard);
        ArrayNode list = node.putArray("shards");
        shards.forEach(shard -> list.add(shard.toJson()));
        Path temporary = path.resolveSibling(path.getFileName() + ".tmp");
        try {
            Files.write(temporary, Json.toBytes(node));
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the batch job manifest " + path + ": " + e.getMessage(), e);
        }
    }

    /** Starts a new manifest at {@code manifest} for a job writing {@code output}, replacing an old output. */
    static Manifest fresh(Path output, Path manifest, String input) {
        Objects.requireNonNull(output, "output == null");
        Objects.requireNonNull(manifest, "manifest == null");
        Manifest m = new Manifest(manifest);
        m.input = input;
        m.output = output.toAbsolutePath().toString();
        try {
            java.nio.file.Files.deleteIfExists(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace " + output + ": " + e.getMessage(), e);
        }
        m.save();
        return m;
    }
}
