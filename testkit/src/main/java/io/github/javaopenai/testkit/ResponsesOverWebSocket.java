package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Queue;
import java.util.function.Consumer;

/**
 * Serves one Responses API WebSocket ({@code /v1/responses}): each {@code response.create} is
 * answered, in order, with the events the HTTP stream of {@code POST /responses} would carry.
 * A refused request (an unknown {@code previous_response_id}, a missing model, a scripted error)
 * becomes an {@code error} event with its status; the connection stays open. A scripted
 * {@link FakeReply#disconnect()} or {@link FakeReply#withStreamCutAfter} drops the connection
 * after the first half of the events, or after the given number.
 */
final class ResponsesOverWebSocket {

    private final WebSocketConnection connection;
    private final Responses responses;
    private final Queue<FakeReply> script;
    private final Consumer<JsonNode> received;
    private final Consumer<JsonNode> sent;

    ResponsesOverWebSocket(WebSocketConnection connection, Responses responses, Queue<FakeReply> script,
            Consumer<JsonNode> received, Consumer<JsonNode> sent) {
        this.connection = connection;
        this.responses = responses;
        this.script = script;
        this.received = received;
        this.sent = sent;
    }

    void run() throws IOException {
        while (true) {
            String text = connection.receiveText();
            if (text == null) {
                return;
            }
            JsonNode event;
            try {
                event = Wire.MAPPER.readTree(text);
            } catch (IOException e) {
                event = Wire.object().put("type", "\u0000invalid").put("raw", text);
            }
            received.accept(event);
            if (!"response.create".equals(event.path("type").asText())) {
                sendError(400, Wire.error("Invalid value: '" + event.path("type").asText()
                        + "'. Supported values are: 'response.create'.", "invalid_request_error", "type", "invalid_value"));
                continue;
            }
            if (!answer((ObjectNode) event)) {
                return;
            }
        }
    }

    /** Answers one {@code response.create}; returns false when the connection was dropped. */
    private boolean answer(ObjectNode create) throws IOException {
        ObjectNode body = create.deepCopy();
        body.remove("type");
        if (body.has("stream") || body.has("background")) {
            sendError(400, Wire.error("'stream' and 'background' are not supported over a WebSocket.",
                    "invalid_request_error", body.has("stream") ? "stream" : "background", "invalid_value"));
            return true;
        }
        body.put("stream", true);
        FakeReply reply = script.poll();
        if (reply != null && reply.kind() == FakeReply.Kind.DISCONNECT) {
            List<JsonNode> events = responses.create(body, null).events();
            return sendThenDrop(events, events.size() / 2);
        }
        if (reply != null && !reply.isContent()) {
            Answer fault = Answer.forFault(reply);
            sendError(fault.status(), Wire.MAPPER.readTree(fault.body()));
            return true;
        }
        Answer answer = responses.create(body, reply);
        if (!answer.isStream()) {
            sendError(answer.status(), Wire.MAPPER.readTree(answer.body()));
            return true;
        }
        List<JsonNode> events = answer.events();
        if (reply != null && reply.cutAfter() >= 0 && reply.cutAfter() < events.size()) {
            return sendThenDrop(events, reply.cutAfter());
        }
        for (JsonNode event : events) {
            send(event);
        }
        return true;
    }

    private boolean sendThenDrop(List<JsonNode> events, int count) throws IOException {
        for (JsonNode event : events.subList(0, count)) {
            send(event);
        }
        try {
            // A moment first: the JDK's client can lose a message that arrives in the same instant
            // as the end of the connection.
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connection.drop();
        return false;
    }

    /** Sends an {@code error} event carrying the status and the error object of an HTTP error body. */
    private void sendError(int status, JsonNode errorBody) throws IOException {
        ObjectNode event = Wire.object().put("type", "error").put("status", status);
        event.set("error", errorBody.path("error").deepCopy());
        send(event);
    }

    private void send(JsonNode event) throws IOException {
        sent.accept(event);
        connection.sendText(event.toString());
    }
}
