package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs batches for real: each JSONL line of the input file is sent through the server's own
 * endpoints, and the answers are written to an output file (and failures to an error file).
 *
 * <p>A batch moves forward each time it is read: {@code validating}, then {@code in_progress}
 * with about a tenth of its lines run per read, then {@code completed}. A client polling it thus
 * sees progress, and a test stays deterministic. Timestamps and file ids are left out until they
 * exist, since the spec types them as non-null.
 */
final class Batches {

    /** Sends one request through the server's endpoints, as a batch line asks. */
    interface Dispatcher {
        Answer dispatch(String method, String path, byte[] body);
    }

    private static final List<String> ENDPOINTS = List.of("/v1/responses", "/v1/chat/completions",
            "/v1/embeddings", "/v1/completions", "/v1/moderations");

    /** One batch: its object, its parsed lines and the results so far. */
    private static final class Run {
        final ObjectNode batch;
        final List<JsonNode> lines;
        final ByteArrayOutputStream output = new ByteArrayOutputStream();
        final ByteArrayOutputStream errors = new ByteArrayOutputStream();
        final ReentrantLock lock = new ReentrantLock();
        int next;

        Run(ObjectNode batch, List<JsonNode> lines) {
            this.batch = batch;
            this.lines = lines;
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Files files;
    private final Dispatcher dispatcher;

    Batches(Files files, Dispatcher dispatcher) {
        this.files = files;
        this.dispatcher = dispatcher;
    }

    Answer create(JsonNode body) {
        String endpoint = body.path("endpoint").asText("");
        if (!ENDPOINTS.contains(endpoint)) {
            return Wire.invalid("Invalid 'endpoint': expected one of " + ENDPOINTS + ".", "endpoint");
        }
        if (!"24h".equals(body.path("completion_window").asText())) {
            return Wire.invalid("Invalid 'completion_window': only '24h' is supported.", "completion_window");
        }
        Files.StoredFile input = files.find(body.path("input_file_id").asText(""));
        if (input == null) {
            return Wire.invalid("Could not find file " + body.path("input_file_id").asText("") + ".", "input_file_id");
        }
        ObjectNode batch = newBatch(body, endpoint);
        List<JsonNode> lines = new ArrayList<>();
        ArrayNode problems = Wire.array();
        String[] rows = new String(input.data(), StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].isBlank()) {
                continue;
            }
            JsonNode line = Wire.parse(rows[i].getBytes(StandardCharsets.UTF_8));
            String problem = check(line, endpoint);
            if (problem != null) {
                problems.addObject().put("code", "invalid_request").put("message", problem)
                        .putNull("param").put("line", i + 1);
            }
            lines.add(line);
        }
        if (lines.isEmpty()) {
            problems.addObject().put("code", "empty_file").put("message", "The input file is empty.")
                    .putNull("param").putNull("line");
        }
        if (!problems.isEmpty()) {
            batch.put("status", "failed").put("failed_at", Wire.now());
            batch.putObject("errors").put("object", "list").set("data", problems);
        }
        ((ObjectNode) batch.get("request_counts")).put("total", problems.isEmpty() ? lines.size() : 0);
        String id = batch.get("id").textValue();
        runs.put(id, new Run(batch, lines));
        order.add(id);
        return Answer.json(200, batch);
    }

    private static String check(JsonNode line, String endpoint) {
        if (!line.isObject()) {
            return "Line is not a JSON object.";
        }
        if (!line.path("custom_id").isTextual()) {
            return "Missing 'custom_id'.";
        }
        if (!"POST".equals(line.path("method").asText())) {
            return "Only the POST method is supported.";
        }
        if (!endpoint.equals(line.path("url").asText())) {
            return "The url '" + line.path("url").asText() + "' does not match the batch endpoint " + endpoint + ".";
        }
        return line.path("body").isObject() ? null : "Missing 'body'.";
    }

    private static ObjectNode newBatch(JsonNode body, String endpoint) {
        ObjectNode batch = Wire.object();
        long now = Wire.now();
        batch.put("id", Wire.id("batch_"));
        batch.put("object", "batch");
        batch.put("endpoint", endpoint);
        batch.put("input_file_id", body.path("input_file_id").asText());
        batch.put("completion_window", "24h");
        batch.put("status", "validating");
        batch.put("created_at", now);
        batch.put("expires_at", now + 24 * 3600);
        batch.putObject("request_counts").put("total", 0).put("completed", 0).put("failed", 0);
        batch.set("metadata", body.has("metadata") ? body.get("metadata") : Wire.object());
        return batch;
    }

    Answer get(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return Wire.notFound("No batch found with id '" + id + "'.");
        }
        run.lock.lock();
        try {
            advance(run);
            return Answer.json(200, run.batch.deepCopy());
        } finally {
            run.lock.unlock();
        }
    }

    Answer cancel(String id) {
        Run run = runs.get(id);
        if (run == null) {
            return Wire.notFound("No batch found with id '" + id + "'.");
        }
        run.lock.lock();
        try {
            String status = run.batch.path("status").asText();
            if (status.equals("validating") || status.equals("in_progress")) {
                run.batch.put("status", "cancelled").put("cancelling_at", Wire.now()).put("cancelled_at", Wire.now());
            }
            return Answer.json(200, run.batch.deepCopy());
        } finally {
            run.lock.unlock();
        }
    }

    Answer list() {
        ArrayNode data = Wire.array();
        List<String> ids = new ArrayList<>(order);
        java.util.Collections.reverse(ids);
        for (String id : ids) {
            data.add(runs.get(id).batch.deepCopy());
        }
        return Answer.json(200, Wire.list(data));
    }

    private void advance(Run run) {
        String status = run.batch.path("status").asText();
        if (status.equals("validating")) {
            run.batch.put("status", "in_progress").put("in_progress_at", Wire.now());
            return;
        }
        if (!status.equals("in_progress")) {
            return;
        }
        int step = Math.max(1, (run.lines.size() + 9) / 10);
        for (int i = 0; i < step && run.next < run.lines.size(); i++) {
            runLine(run, run.lines.get(run.next++));
        }
        if (run.next == run.lines.size()) {
            finish(run);
        }
    }

    private void runLine(Run run, JsonNode line) {
        String path = line.get("url").textValue().substring("/v1".length());
        Answer answer = dispatcher.dispatch("POST", path, Wire.bytes(line.get("body")));
        ObjectNode result = Wire.object().put("id", Wire.id("batch_req_"));
        result.put("custom_id", line.get("custom_id").textValue());
        boolean ok = !answer.isStream() && !answer.disconnect() && answer.status() >= 200 && answer.status() < 300;
        ObjectNode counts = ((ObjectNode) run.batch.get("request_counts"));
        if (answer.isStream() || answer.disconnect()) {
            result.putNull("response");
            result.putObject("error").put("code", "batch_expired").put("message", "The request could not be run.");
        } else {
            ObjectNode response = result.putObject("response");
            response.put("status_code", answer.status());
            response.put("request_id", Wire.id("req_"));
            response.set("body", Wire.parse(answer.body()));
            result.putNull("error");
        }
        byte[] row = (result.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        (ok ? run.output : run.errors).writeBytes(row);
        counts.put(ok ? "completed" : "failed", counts.path(ok ? "completed" : "failed").asInt() + 1);
    }

    private void finish(Run run) {
        String name = run.batch.get("id").textValue();
        long now = Wire.now();
        run.batch.put("finalizing_at", now);
        if (run.output.size() > 0) {
            run.batch.put("output_file_id", files.store(name + "_output.jsonl", "batch_output",
                    run.output.toByteArray()).meta().get("id").textValue());
        }
        if (run.errors.size() > 0) {
            run.batch.put("error_file_id", files.store(name + "_error.jsonl", "batch_output",
                    run.errors.toByteArray()).meta().get("id").textValue());
        }
        run.batch.put("status", "completed").put("completed_at", now);
    }
}
