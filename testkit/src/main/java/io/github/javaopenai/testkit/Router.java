package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.locks.ReentrantLock;

/** Sends each request to the endpoint that answers it, applying the scripted replies first. */
final class Router {

    private final ConcurrentLinkedDeque<FakeReply> script = new ConcurrentLinkedDeque<>();
    private final ReentrantLock scriptLock = new ReentrantLock();
    private final Responses responses = new Responses();
    private final BatchRules batchRules = new BatchRules();
    private final Files files = new Files(batchRules);
    private final Batches batches = new Batches(files, this::dispatch, batchRules);
    private final Uploads uploads = new Uploads(files);

    BatchRules batchRules() {
        return batchRules;
    }

    void enqueue(FakeReply reply) {
        script.addLast(reply);
    }

    int pending() {
        return script.size();
    }

    void clearScript() {
        script.clear();
    }

    /** Takes the next reply if this kind of request can use it: content only for generation. */
    private FakeReply take(boolean generation) {
        scriptLock.lock();
        try {
            FakeReply head = script.peekFirst();
            if (head == null || (head.isContent() && !generation)) {
                return null;
            }
            return script.pollFirst();
        } finally {
            scriptLock.unlock();
        }
    }

    Answer dispatch(String method, String path, byte[] body) {
        return route(new ReceivedRequest(method, path, null, io.github.javaopenai.transport.Headers.ofSingle(
                java.util.Map.of("Content-Type", "application/json")), body));
    }

    Answer route(ReceivedRequest request) {
        String path = request.path();
        boolean generation = request.method().equals("POST") && (path.equals("/chat/completions")
                || path.equals("/responses") || path.equals("/completions"));
        FakeReply reply = take(generation);
        if (reply != null && !reply.isContent()) {
            return Answer.forFault(reply).shapedBy(reply);
        }
        return answer(request, reply).shapedBy(reply);
    }

    private Answer answer(ReceivedRequest request, FakeReply reply) {
        String path = request.path().substring(1);
        if (path.startsWith("chat/") || path.startsWith("images/")) {
            path = path.replaceFirst("/", ".");
        }
        String[] segments = path.split("/", -1);
        String method = request.method();
        String root = segments[0];
        String id = segments.length > 1 ? segments[1] : null;
        String action = segments.length > 2 ? segments[2] : null;
        if (method.equals("POST") && id == null && !root.equals("files") && !request.json().isObject()) {
            return Wire.invalid("We could not parse the JSON body of your request. (HINT: This likely means you"
                    + " aren't using your HTTP library correctly.)", null);
        }
        JsonNode body = request.json();
        String route = method + " " + root + (id == null ? "" : action == null ? " {id}" : " {id} " + action);
        return switch (route) {
            case "POST chat.completions" -> ChatCompletions.create(body, reply);
            case "POST completions" -> ChatCompletions.completion(body, reply);
            case "POST responses" -> responses.create(body, reply);
            case "GET responses {id}" -> responses.get(id);
            case "DELETE responses {id}" -> responses.delete(id);
            case "POST responses {id} cancel" -> responses.cancel(id);
            case "GET responses {id} input_items" -> responses.inputItems(id);
            case "POST embeddings" -> Endpoints.embeddings(body);
            case "POST moderations" -> Endpoints.moderations(body);
            case "GET models" -> Endpoints.models();
            case "GET models {id}" -> Endpoints.retrieveModel(id);
            case "POST files" -> files.upload(request);
            case "GET files" -> files.list(request.query());
            case "GET files {id}" -> files.get(id);
            case "GET files {id} content" -> files.content(id);
            case "DELETE files {id}" -> files.delete(id);
            case "POST uploads" -> uploads.create(body);
            case "POST uploads {id} parts" -> uploads.addPart(id, request);
            case "POST uploads {id} complete" -> uploads.complete(id, body);
            case "POST uploads {id} cancel" -> uploads.cancel(id);
            case "POST batches" -> batches.create(body);
            case "GET batches" -> batches.list();
            case "GET batches {id}" -> batches.get(id);
            case "POST batches {id} cancel" -> batches.cancel(id);
            case "POST images.generations" -> Endpoints.images(body);
            case "POST realtime {id}" -> id.equals("client_secrets") ? Endpoints.realtimeClientSecret(body)
                    : Wire.notFound("Invalid URL (" + method + " /v1" + request.path() + ")");
            default -> Wire.notFound("Invalid URL (" + method + " /v1" + request.path() + ")");
        };
    }
}
