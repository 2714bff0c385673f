package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback server implementing just enough of the Files and Batch APIs for a batch job: uploads,
 * content downloads, batch creation and polling. A batch moves one status further per poll
 * (validating, in_progress, finalizing, completed); on completion each request whose body has
 * {@code "fail": true} lands in the error file with status 400, and every other request in the
 * output file with its body echoed back.
 */
final class FakeBatchServer implements AutoCloseable {

    private static final List<String> STATUSES = List.of("validating", "in_progress", "finalizing", "completed");

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> purposes = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> batches = new ConcurrentHashMap<>();
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    FakeBatchServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** Every request as "METHOD /path", in order. */
    List<String> requests() {
        return requests;
    }

    byte[] file(String id) {
        return files.get(id);
    }

    String purpose(String id) {
        return purposes.get(id);
    }

    JsonNode batch(String id) {
        return batches.get(id);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/v1".length());
            requests.add(method + " " + path);
            byte[] body = exchange.getRequestBody().readAllBytes();
            String[] parts = path.split("/");
            if (method.equals("POST") && path.equals("/files")) {
                String boundary = exchange.getRequestHeaders().getFirst("Content-Type").replaceFirst(".*boundary=", "");
                reply(exchange, 200, upload(body, boundary));
            } else if (method.equals("GET") && parts.length == 4 && parts[1].equals("files") && parts[3].equals("content")) {
                byte[] content = files.get(parts[2]);
                if (content == null) {
                    reply(exchange, 404, error("No such File object: " + parts[2]));
                } else {
                    send(exchange, 200, "application/octet-stream", content);
                }
            } else if (method.equals("POST") && path.equals("/batches")) {
                reply(exchange, 200, create(Json.decodeBody(body)));
            } else if (method.equals("GET") && parts.length == 3 && parts[1].equals("batches")) {
                ObjectNode batch = batches.get(parts[2]);
                reply(exchange, batch == null ? 404 : 200, batch == null ? error("No batch " + parts[2]) : poll(batch));
            } else {
                reply(exchange, 404, error("unknown path " + path));
            }
        }
    }

    private JsonNode upload(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String purpose = null;
        byte[] content = null;
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int split = part.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String value = part.substring(split + 4, part.length() - 2);
            if (part.contains("name=\"purpose\"")) {
                purpose = value;
            } else if (part.contains("name=\"file\"")) {
                content = value.getBytes(StandardCharsets.ISO_8859_1);
            }
        }
        String id = "file-" + ids.incrementAndGet();
        files.put(id, content);
        purposes.put(id, purpose);
        ObjectNode file = Json.object().put("id", id).put("object", "file").put("bytes", content.length);
        return file.put("purpose", purpose);
    }

    private JsonNode create(JsonNode request) {
        String id = "batch_" + ids.incrementAndGet();
        ObjectNode batch = Json.object().put("id", id).put("object", "batch")
                .put("endpoint", request.path("endpoint").asText())
                .put("input_file_id", request.path("input_file_id").asText())
                .put("completion_window", request.path("completion_window").asText())
                .put("status", "validating");
        batch.set("metadata", request.path("metadata"));
        batch.putObject("request_counts").put("total", 0).put("completed", 0).put("failed", 0);
        batches.put(id, batch);
        return batch;
    }

    private synchronized JsonNode poll(ObjectNode batch) {
        String id = batch.path("id").asText();
        int count = polls.merge(id, 1, Integer::sum);
        String status = STATUSES.get(Math.min(count, STATUSES.size() - 1));
        if (status.equals("completed") && !batch.path("status").asText().equals("completed")) {
            complete(batch);
        }
        batch.put("status", status);
        return batch;
    }

    private void complete(ObjectNode batch) {
        StringBuilder output = new StringBuilder();
        StringBuilder errors = new StringBuilder();
        int ok = 0;
        int failed = 0;
        String input = new String(files.get(batch.path("input_file_id").asText()), StandardCharsets.UTF_8);
        for (String line : input.split("\n")) {
            JsonNode request = Json.decodeBody(line.getBytes(StandardCharsets.UTF_8));
            ObjectNode result = Json.object().put("id", "batch_req_" + ids.incrementAndGet())
                    .put("custom_id", request.path("custom_id").asText());
            ObjectNode response = result.putObject("response");
            if (request.path("body").path("fail").asBoolean()) {
                response.put("status_code", 400).set("body", error("bad request " + request.path("custom_id").asText()));
                result.putNull("error");
                errors.append(result).append('\n');
                failed++;
            } else {
                response.put("status_code", 200).putObject("body").set("echo", request.path("body"));
                result.putNull("error");
                output.append(result).append('\n');
                ok++;
            }
        }
        batch.put("output_file_id", store(output));
        batch.put("error_file_id", store(errors));
        batch.putObject("request_counts").put("total", ok + failed).put("completed", ok).put("failed", failed);
    }

    private String store(StringBuilder content) {
        String id = "file-" + ids.incrementAndGet();
        files.put(id, content.toString().getBytes(StandardCharsets.UTF_8));
        return id;
    }

    private static ObjectNode error(String message) {
        ObjectNode error = Json.object();
        error.putObject("error").put("message", message);
        return error;
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        send(exchange, status, "application/json", Json.toBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
