package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
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
 *
 * <p>Validation follows the real API: a file of more than 50,000 requests fails with
 * {@code too_many_tasks}, a repeated custom id with {@code duplicate_custom_id}, a second model
 * with {@code model_mismatch} (the 200 MB limit is checked at upload). {@link BatchRules} can fail
 * or expire chosen requests (an expired one leaves the batch {@code expired}, the request in the
 * error file with {@code batch_expired}) and slow the batches down.
 */
final class Batches {

    /** Sends one request through the server's endpoints, as a batch line asks. */
    interface Dispatcher {
        Answer dispatch(String method, String path, byte[] body);
    }

    private static final List<String> ENDPOINTS = List.of("/v1/responses", "/v1/chat/completions",
            "/v1/embeddings", "/v1/completions", "/v1/moderations");

    /** One batch: its object, its input (kept as bytes, read a line at a time) and the results so far. */
    private static final class Run {
        final ObjectNode batch;
        final int total;
        byte[] input;
        GzipBuffer output = new GzipBuffer();
        GzipBuffer errors = new GzipBuffer();
        final ReentrantLock lock = new ReentrantLock();
        int position;
        int lineNumber;
        int expired;

        Run(ObjectNode batch, byte[] input, int total) {
            this.batch = batch;
            this.input = input;
            this.total = total;
        }

        /** Returns the next non-blank line, or null at the end. */
        JsonNode nextLine() {
            while (position < input.length) {
                int end = position;
                while (end < input.length && input[end] != '\n') {
                    end++;
                }
                int start = position;
                position = end + 1;
                lineNumber++;
                if (!new String(input, start, end - start, StandardCharsets.UTF_8).isBlank()) {
                    return Wire.parse(java.util.Arrays.copyOfRange(input, start, end));
                }
            }
            return null;
        }
    }

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Files files;
    private final Dispatcher dispatcher;
    private final BatchRules rules;

    Batches(Files files, Dispatcher dispatcher, BatchRules rules) {
        this.files = files;
        this.dispatcher = dispatcher;
        this.rules = rules;
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
        ArrayNode problems = Wire.array();
        Set<String> ids = new HashSet<>();
        String model = null;
        int count = 0;
        byte[] data = input.data();
        Run scan = new Run(batch, data, 0);
        for (JsonNode line = scan.nextLine(); line != null; line = scan.nextLine()) {
            int number = scan.lineNumber;
            count++;
            String problem = check(line, endpoint);
            if (problem == null && !ids.add(line.path("custom_id").asText())) {
                problems.add(problem("duplicate_custom_id", "The custom_id for this request is a duplicate of"
                        + " another request. The custom_id parameter must be unique for each request in a batch.", number));
            } else if (problem != null) {
                problems.add(problem("invalid_request", problem, number));
            } else {
                String lineModel = line.path("body").path("model").asText(null);
                if (model == null) {
                    model = lineModel;
                } else if (lineModel != null && !model.equals(lineModel)) {
                    problems.add(problem("model_mismatch", "The provided model '" + lineModel + "' does not match"
                            + " the model of the first request, '" + model + "'. Every request of a batch must use"
                            + " the same model.", number));
                }
            }
        }
        if (count > rules.maxRequests) {
            problems.removeAll();
            problems.add(problem("too_many_tasks", "The batch input file has " + count + " requests; the maximum"
                    + " per batch is " + rules.maxRequests + ".", null));
        }
        if (count == 0) {
            problems.add(problem("empty_file", "The input file is empty.", null));
        }
        if (!problems.isEmpty()) {
            batch.put("status", "failed").put("failed_at", Wire.now());
            batch.putObject("errors").put("object", "list").set("data", problems);
        }
        ((ObjectNode) batch.get("request_counts")).put("total", problems.isEmpty() ? count : 0);
        Run run = new Run(batch, problems.isEmpty() ? data : new byte[0], problems.isEmpty() ? count : 0);
        String id = batch.get("id").textValue();
        runs.put(id, run);
        order.add(id);
        return Answer.json(200, batch);
    }

    private static ObjectNode problem(String code, String message, Integer line) {
        ObjectNode problem = Wire.object().put("code", code).put("message", message).putNull("param");
        return line == null ? problem.putNull("line") : problem.put("line", line);
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
            return "The url '" + line.path("url").asText() + "' does not match the batch endpoint " + endpoint
                    + " (url_mismatch).";
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
                run.input = new byte[0];
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
        int step = rules.linesPerPoll > 0 ? rules.linesPerPoll : Math.max(1, (run.total + 9) / 10);
        for (int i = 0; i < step; i++) {
            JsonNode line = run.nextLine();
            if (line == null) {
                finish(run);
                return;
            }
            String customId = line.get("custom_id").textValue();
            if (rules.expiring.test(customId)) {
                expire(run, customId);
            } else if (rules.failing.test(customId)) {
                fail(run, customId);
            } else {
                runLine(run, line);
            }
        }
        if (run.position >= run.input.length) {
            finish(run);
        }
    }

    /** Writes what the real API writes for a request its batch did not reach in 24 hours. */
    private static void expire(Run run, String customId) {
        ObjectNode result = Wire.object().put("id", Wire.id("batch_req_")).put("custom_id", customId);
        result.putNull("response");
        result.putObject("error").put("code", "batch_expired")
                .put("message", "This request could not be executed before the completion window expired.");
        run.errors.write((result + "\n").getBytes(StandardCharsets.UTF_8));
        run.expired++;
    }

    /** Writes a server error answer, as a request failing inside a batch gets. */
    private static void fail(Run run, String customId) {
        ObjectNode result = Wire.object().put("id", Wire.id("batch_req_")).put("custom_id", customId);
        ObjectNode response = result.putObject("response").put("status_code", 500).put("request_id", Wire.id("req_"));
        response.set("body", Wire.error("The server had an error while processing your request.", "server_error",
                null, null));
        result.putNull("error");
        run.errors.write((result + "\n").getBytes(StandardCharsets.UTF_8));
        ObjectNode counts = (ObjectNode) run.batch.get("request_counts");
        counts.put("failed", counts.path("failed").asInt() + 1);
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
        (ok ? run.output : run.errors).write(row);
        counts.put(ok ? "completed" : "failed", counts.path(ok ? "completed" : "failed").asInt() + 1);
    }

    private void finish(Run run) {
        String name = run.batch.get("id").textValue();
        long now = Wire.now();
        run.batch.put("finalizing_at", now);
        if (run.output.size() > 0) {
            run.batch.put("output_file_id", files.storeGzipped(name + "_output.jsonl", "batch_output",
                    run.output.finish(), run.output.size()).meta().get("id").textValue());
        }
        if (run.errors.size() > 0) {
            run.batch.put("error_file_id", files.storeGzipped(name + "_error.jsonl", "batch_output",
                    run.errors.finish(), run.errors.size()).meta().get("id").textValue());
        }
        if (run.expired > 0) {
            run.batch.put("status", "expired").put("expired_at", now);
        } else {
            run.batch.put("status", "completed").put("completed_at", now);
        }
        run.input = new byte[0]; // the results now live in the stored files alone
        run.output = null;
        run.errors = null;
    }
}
