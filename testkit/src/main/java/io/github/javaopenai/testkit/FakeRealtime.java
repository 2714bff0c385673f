package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.OpenAI;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An embedded Realtime API server: answers WebSocket sessions on {@code /v1/realtime} (and on
 * Azure's {@code /openai/realtime}) the way the real one does, over a small RFC 6455 server of the testkit's own (the JDK has none).
 *
 * <p>A text turn ({@code conversation.item.create} then {@code response.create}) is answered with
 * streamed {@code response.output_text.delta} events echoing the text; audio
 * ({@code input_audio_buffer.append} and {@code .commit}), or a session whose
 * {@code output_modalities} has {@code audio}, is answered with {@code response.output_audio.delta}
 * events of silence plus a transcript. Script other answers with {@link #enqueue}: function calls,
 * {@code error} events, a close or a dropped connection mid-response. Upgrades can be refused with
 * a status ({@link #rejectUpgrades}) or left unanswered ({@link #ignoreUpgrades}). Every event sent
 * and received is kept, for tests to check.
 *
 * <p>It also serves the Responses API over a WebSocket on {@code /v1/responses}: each
 * {@code response.create} streams the same events as {@code POST /responses} with
 * {@code stream: true}, chaining {@code previous_response_id}; script it with {@link #enqueueResponses}.
 *
 * <p>It listens on a port of its own, on the loopback interface: use {@link #baseUrl()} or
 * {@link #client()}. The one a {@link FakeOpenAI} returns from {@link FakeOpenAI#realtime()} also
 * serves the upgrades that arrive on that fake's own base URL. Thread-safe.
 *
 * @since 0.1
 */
public final class FakeRealtime implements AutoCloseable {

    /** Bytes of silence per audio delta: 100 ms of mono 24 kHz PCM16. */
    static final int SILENCE_CHUNK_BYTES = 4_800;
    private static final String END = "\u0000end";

    /** One WebSocket upgrade request as received: its target (path and query) and headers (lower-case names). */
    public record Upgrade(String target, Map<String, String> headers) {
    }

    private final WebSocketServer server;
    private final Queue<RealtimeScript> script = new ConcurrentLinkedQueue<>();
    private final List<JsonNode> serverEvents = new CopyOnWriteArrayList<>();
    private final List<JsonNode> clientEvents = new CopyOnWriteArrayList<>();
    private final List<Upgrade> upgrades = new CopyOnWriteArrayList<>();
    private final List<WebSocketConnection> connections = new CopyOnWriteArrayList<>();
    private final Responses responses = new Responses();
    private final Queue<FakeReply> responsesScript = new ConcurrentLinkedQueue<>();
    private volatile int rejectStatus;
    private volatile boolean ignoreUpgrades;
    private volatile boolean betaEventNames;
    private volatile boolean ignorePings;
    private final OpenAI client;

    private FakeRealtime() {
        this.server = new WebSocketServer(this::handle);
        this.client = OpenAI.newBuilder().baseUrl(baseUrl()).apiKey(FakeOpenAI.API_KEY).build();
    }

    /** Starts a server on a free loopback port. */
    public static FakeRealtime start() {
        return new FakeRealtime();
    }

    /** Returns the base URL to give a client, such as {@code http://127.0.0.1:50124/v1}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** Returns a client for this server, sending {@link FakeOpenAI#API_KEY}; closed with the server. */
    public OpenAI client() {
        return client;
    }

    /** Queues answers, each taken by the next {@code response.create}. */
    public FakeRealtime enqueue(RealtimeScript... answers) {
        for (RealtimeScript answer : answers) {
            script.add(Objects.requireNonNull(answer, "answer == null"));
        }
        return this;
    }

    /**
     * Queues answers for the Responses API WebSocket ({@code /v1/responses}), each taken by the next
     * {@code response.create} there: content replies stream as over HTTP, an error reply becomes an
     * {@code error} event, {@link FakeReply#disconnect()} drops the connection mid-response.
     */
    public FakeRealtime enqueueResponses(FakeReply... answers) {
        for (FakeReply answer : answers) {
            responsesScript.add(Objects.requireNonNull(answer, "answer == null"));
        }
        return this;
    }

    /** Refuses every following upgrade with the status and an OpenAI error body. */
    public FakeRealtime rejectUpgrades(int status) {
        rejectStatus = status;
        return this;
    }

    /** Leaves every following upgrade unanswered, as a server that hangs. */
    public FakeRealtime ignoreUpgrades() {
        ignoreUpgrades = true;
        return this;
    }

    /**
     * Sends the beta API's names for the streamed output from now on, as servers built on the beta
     * still do: {@code response.text.delta}, {@code response.audio.delta},
     * {@code response.audio_transcript.delta} and their {@code .done} events, in place of the GA
     * {@code response.output_text.*}, {@code response.output_audio.*} and
     * {@code response.output_audio_transcript.*}.
     */
    public FakeRealtime betaEventNames() {
        betaEventNames = true;
        return this;
    }

    /**
     * Stops answering pings, on open connections and later ones: a hung server whose TCP
     * connection stays up, for testing a client's idle timeout. Events are still answered.
     */
    public FakeRealtime ignorePings() {
        ignorePings = true;
        connections.forEach(connection -> connection.answerPings(false));
        return this;
    }

    /** Returns every server event sent so far, oldest first. */
    public List<JsonNode> serverEvents() {
        return List.copyOf(serverEvents);
    }

    /** Returns every client event received so far, oldest first. */
    public List<JsonNode> clientEvents() {
        return List.copyOf(clientEvents);
    }

    /** Returns every upgrade request received so far, oldest first. */
    public List<Upgrade> upgrades() {
        return List.copyOf(upgrades);
    }

    /** Returns how many pings clients sent on all connections. */
    public int pingsReceived() {
        return connections.stream().mapToInt(WebSocketConnection::pingsReceived).sum();
    }

    /** Returns the close codes clients sent, one per connection that ended with a client close. */
    public List<Integer> clientCloseCodes() {
        return connections.stream().map(WebSocketConnection::clientCloseCode).filter(code -> code >= 0).toList();
    }

    /** Serves an upgrade that arrived on another port (FakeOpenAI's); {@code head} holds the bytes read so far. */
    void adopt(java.net.Socket socket, byte[] head) {
        server.adopt(socket, head);
    }

    @Override
    public void close() {
        client.close();
        server.close();
    }

    @Override
    public String toString() {
        return "FakeRealtime{" + baseUrl() + "}";
    }

    private void handle(WebSocketServer.Upgrade upgrade) throws IOException {
        upgrades.add(new Upgrade(upgrade.target(), upgrade.headers()));
        if (ignoreUpgrades) {
            upgrade.ignore();
            return;
        }
        if (rejectStatus > 0) {
            String type = rejectStatus == 401 ? "invalid_request_error" : "server_error";
            upgrade.reject(rejectStatus, Wire.error("Incorrect API key provided.", type, null,
                    rejectStatus == 401 ? "invalid_api_key" : null).toString());
            return;
        }
        if (upgrade.target().equals("/v1/responses") || upgrade.target().startsWith("/v1/responses?")) {
            WebSocketConnection connection = accepted(upgrade);
            new ResponsesOverWebSocket(connection, responses, responsesScript, clientEvents::add, serverEvents::add).run();
            return;
        }
        String path = upgrade.target().split("\\?", 2)[0];
        if (!path.equals("/v1/realtime") && !path.equals("/openai/realtime")) {
            upgrade.reject(404, Wire.error("Unknown path " + upgrade.target(), "invalid_request_error", null, null).toString());
            return;
        }
        WebSocketConnection connection = accepted(upgrade);
        new Conversation(connection, model(upgrade.target())).run();
    }

    private WebSocketConnection accepted(WebSocketServer.Upgrade upgrade) throws IOException {
        WebSocketConnection connection = upgrade.accept();
        connection.answerPings(!ignorePings);
        connections.add(connection);
        return connection;
    }

    private static String model(String target) {
        int at = target.indexOf("model=");
        if (at < 0) {
            return "gpt-realtime";
        }
        int end = target.indexOf('&', at);
        return java.net.URLDecoder.decode(target.substring(at + 6, end < 0 ? target.length() : end),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    /** One session: a reader thread queues the client's events, this thread answers them in order. */
    private final class Conversation {
        private final WebSocketConnection connection;
        private final BlockingQueue<Object> incoming = new LinkedBlockingQueue<>();
        private final ObjectNode session = Wire.object();
        private final java.io.ByteArrayOutputStream audio = new java.io.ByteArrayOutputStream();
        private String lastItemId;
        private String lastUserText = "";
        private boolean lastInputAudio;

        Conversation(WebSocketConnection connection, String model) {
            this.connection = connection;
            session.put("type", "realtime").put("object", "realtime.session").put("id", Wire.id("sess_"))
                    .put("model", model).put("expires_at", Wire.now() + 3600);
            session.putArray("output_modalities").add("text");
        }

        void run() throws IOException {
            Thread reader = new Thread(this::read, "fake-realtime-reader");
            reader.setDaemon(true);
            reader.start();
            send(event("session.created").set("session", session.deepCopy()));
            while (true) {
                Object next;
                try {
                    next = incoming.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (END.equals(next)) {
                    return;
                }
                if (!answer((JsonNode) next)) {
                    return;
                }
            }
        }

        private void read() {
            try {
                while (true) {
                    String text = connection.receiveText();
                    if (text == null) {
                        break;
                    }
                    JsonNode event;
                    try {
                        event = Wire.MAPPER.readTree(text);
                    } catch (IOException e) {
                        event = Wire.object().put("type", "\u0000invalid").put("raw", text);
                    }
                    clientEvents.add(event);
                    incoming.add(event);
                }
            } catch (IOException e) {
                // The connection ended; the answering thread stops below.
            }
            incoming.add(END);
        }

        /** Answers one client event; returns false when the connection ended. */
        private boolean answer(JsonNode event) throws IOException {
            String type = event.path("type").asText();
            switch (type) {
                case "session.update" -> {
                    session.setAll((ObjectNode) event.path("session"));
                    send(event("session.updated").set("session", session.deepCopy()));
                }
                case "conversation.item.create" -> {
                    ObjectNode item = ((ObjectNode) event.path("item")).deepCopy();
                    if (!item.has("id")) {
                        item.put("id", Wire.id("item_"));
                    }
                    item.put("object", "realtime.item").put("status", "completed");
                    for (JsonNode part : item.path("content")) {
                        if (part.path("type").asText().equals("input_text")) {
                            lastUserText = part.path("text").asText();
                            lastInputAudio = false;
                        }
                    }
                    ObjectNode added = event("conversation.item.added");
                    added.put("previous_item_id", lastItemId);
                    added.set("item", item);
                    send(added);
                    lastItemId = item.path("id").asText();
                }
                case "input_audio_buffer.append" -> audio.writeBytes(Base64.getDecoder().decode(event.path("audio").asText()));
                case "input_audio_buffer.commit" -> {
                    String itemId = Wire.id("item_");
                    send(event("input_audio_buffer.committed").put("previous_item_id", lastItemId).put("item_id", itemId));
                    lastItemId = itemId;
                    lastUserText = "(" + audio.size() / 48 + " ms of audio)";
                    lastInputAudio = true;
                    audio.reset();
                }
                case "input_audio_buffer.clear" -> {
                    audio.reset();
                    send(event("input_audio_buffer.cleared"));
                }
                case "conversation.item.truncate" -> send(event("conversation.item.truncated")
                        .put("item_id", event.path("item_id").asText())
                        .put("content_index", event.path("content_index").asInt())
                        .put("audio_end_ms", event.path("audio_end_ms").asInt()));
                case "response.cancel" -> sendError(event, "invalid_request_error", "response_cancel_not_active",
                        "Cancellation failed: no active response found.");
                case "response.create" -> {
                    return respond(event);
                }
                default -> sendError(event, "invalid_request_error", "invalid_value",
                        "Invalid value: '" + type + "'. Supported values are realtime client events.");
            }
            return true;
        }

        private boolean respond(JsonNode create) throws IOException {
            RealtimeScript answer = script.poll();
            if (answer == null) {
                answer = RealtimeScript.text(Wire.echo(lastUserText));
            }
            if (answer.kind == RealtimeScript.Kind.ERROR) {
                sendError(create, "invalid_request_error", answer.name, answer.text);
                return true;
            }
            String responseId = Wire.id("resp_");
            ObjectNode response = Wire.object().put("id", responseId).put("object", "realtime.response")
                    .put("status", "in_progress");
            response.putArray("output");
            send(event("response.created").set("response", response.deepCopy()));
            String itemId = Wire.id("item_");
            ObjectNode item;
            String status = "completed";
            if (answer.kind == RealtimeScript.Kind.FUNCTION_CALL) {
                item = functionCall(responseId, itemId, answer);
            } else {
                boolean spoken = lastInputAudio || outputsAudio();
                Output output = spoken ? new SpokenOutput(responseId, itemId) : new TextOutput(responseId, itemId);
                item = output.item("in_progress");
                send(itemEvent("response.output_item.added", responseId, item));
                send(part(output.partAddedEvent(), responseId, itemId, output.part("")));
                StringBuilder sent = new StringBuilder();
                for (String piece : ChatCompletions.pieces(answer.text)) {
                    if (!answer.deltaDelay.isZero()) {
                        pause(answer.deltaDelay);
                    }
                    if (cancelRequested()) {
                        status = "cancelled";
                        break;
                    }
                    output.delta(piece);
                    sent.append(piece);
                }
                if (answer.kind == RealtimeScript.Kind.CLOSE) {
                    connection.close(answer.closeCode, answer.name == null ? "" : answer.name);
                    return false;
                }
                if (answer.kind == RealtimeScript.Kind.DROP) {
                    // A moment first: the JDK's client can lose a message that arrives in the
                    // same instant as the end of the connection (see RealtimeClosedException).
                    pause(Duration.ofMillis(200));
                    connection.drop();
                    awaitEnd();
                    return false;
                }
                output.done(sent.toString());
                send(part("response.content_part.done", responseId, itemId, output.part(sent.toString())));
                item = output.item(status.equals("completed") ? "completed" : "incomplete");
                output.fill(item, sent.toString());
                send(itemEvent("response.output_item.done", responseId, item));
            }
            response.put("status", status);
            if (status.equals("cancelled")) {
                response.putObject("status_details").put("type", "cancelled").put("reason", "client_cancelled");
            }
            response.putArray("output").add(item);
            int input = Wire.tokens(lastUserText);
            int outputTokens = Wire.tokens(answer.text == null ? answer.arguments : answer.text);
            response.putObject("usage").put("total_tokens", input + outputTokens).put("input_tokens", input)
                    .put("output_tokens", outputTokens);
            send(event("response.done").set("response", response));
            lastItemId = itemId;
            return true;
        }

        private ObjectNode functionCall(String responseId, String itemId, RealtimeScript answer) throws IOException {
            String callId = Wire.id("call_");
            ObjectNode item = Wire.object().put("id", itemId).put("object", "realtime.item").put("type", "function_call")
                    .put("status", "in_progress").put("call_id", callId).put("name", answer.name).put("arguments", "");
            send(itemEvent("response.output_item.added", responseId, item));
            send(event("response.function_call_arguments.delta").put("response_id", responseId).put("item_id", itemId)
                    .put("output_index", 0).put("call_id", callId).put("delta", answer.arguments));
            send(event("response.function_call_arguments.done").put("response_id", responseId).put("item_id", itemId)
                    .put("output_index", 0).put("call_id", callId).put("name", answer.name)
                    .put("arguments", answer.arguments));
            ObjectNode done = item.deepCopy().put("status", "completed").put("arguments", answer.arguments);
            send(itemEvent("response.output_item.done", responseId, done));
            return done;
        }

        /** Waits until the client goes away, so that closing the socket resets nothing unread. */
        private void awaitEnd() {
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            try {
                while (System.nanoTime() < deadline) {
                    Object next = incoming.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                    if (END.equals(next)) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private boolean outputsAudio() {
            for (JsonNode modality : session.path("output_modalities")) {
                if (modality.asText().equals("audio")) {
                    return true;
                }
            }
            return false;
        }

        /** Takes a queued {@code response.cancel}, leaving every other event in order. */
        private boolean cancelRequested() {
            for (Iterator<Object> it = incoming.iterator(); it.hasNext(); ) {
                Object next = it.next();
                if (next instanceof JsonNode event && event.path("type").asText().equals("response.cancel")) {
                    it.remove();
                    return true;
                }
            }
            return false;
        }

        private void sendError(JsonNode cause, String type, String code, String message) throws IOException {
            ObjectNode error = Wire.object().put("type", type).put("code", code).put("message", message);
            error.putNull("param");
            error.put("event_id", cause.path("event_id").asText(null));
            send(event("error").set("error", error));
        }

        private void send(ObjectNode event) throws IOException {
            if (betaEventNames) {
                String type = event.path("type").asText();
                event.put("type", type.replace("response.output_text.", "response.text.")
                        .replace("response.output_audio.", "response.audio.")
                        .replace("response.output_audio_transcript.", "response.audio_transcript."));
            }
            serverEvents.add(event);
            String text = event.toString();
            if (text.length() > 8192) {
                connection.sendFragmented(text, 4096);
            } else {
                connection.sendText(text);
            }
        }

        private ObjectNode event(String type) {
            return Wire.object().put("event_id", Wire.id("event_")).put("type", type);
        }

        private ObjectNode itemEvent(String type, String responseId, ObjectNode item) {
            ObjectNode event = event(type).put("response_id", responseId).put("output_index", 0);
            event.set("item", item);
            return event;
        }

        private ObjectNode part(String type, String responseId, String itemId, ObjectNode part) {
            ObjectNode event = event(type).put("response_id", responseId).put("item_id", itemId)
                    .put("output_index", 0).put("content_index", 0);
            event.set("part", part);
            return event;
        }

        private ObjectNode deltaEvent(String type, String responseId, String itemId, String delta) {
            return event(type).put("response_id", responseId).put("item_id", itemId).put("output_index", 0)
                    .put("content_index", 0).put("delta", delta);
        }

        private static void pause(Duration delay) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** How one kind of assistant message is streamed. */
        private abstract class Output {
            final String responseId;
            final String itemId;

            Output(String responseId, String itemId) {
                this.responseId = responseId;
                this.itemId = itemId;
            }

            ObjectNode item(String status) {
                ObjectNode item = Wire.object().put("id", itemId).put("object", "realtime.item").put("type", "message")
                        .put("status", status).put("role", "assistant");
                item.putArray("content");
                return item;
            }

            String partAddedEvent() {
                return "response.content_part.added";
            }

            abstract ObjectNode part(String text);

            abstract void delta(String piece) throws IOException;

            abstract void done(String text) throws IOException;

            abstract void fill(ObjectNode item, String text);
        }

        private final class TextOutput extends Output {
            TextOutput(String responseId, String itemId) {
                super(responseId, itemId);
            }

            @Override
            ObjectNode part(String text) {
                return Wire.object().put("type", "text").put("text", text);
            }

            @Override
            void delta(String piece) throws IOException {
                send(deltaEvent("response.output_text.delta", responseId, itemId, piece));
            }

            @Override
            void done(String text) throws IOException {
                send(event("response.output_text.done").put("response_id", responseId).put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0).put("text", text));
            }

            @Override
            void fill(ObjectNode item, String text) {
                ((ArrayNode) item.get("content")).addObject().put("type", "output_text").put("text", text);
            }
        }

        private final class SpokenOutput extends Output {
            SpokenOutput(String responseId, String itemId) {
                super(responseId, itemId);
            }

            @Override
            ObjectNode part(String text) {
                return Wire.object().put("type", "audio").put("transcript", text);
            }

            @Override
            void delta(String piece) throws IOException {
                send(deltaEvent("response.output_audio.delta", responseId, itemId,
                        Base64.getEncoder().encodeToString(new byte[SILENCE_CHUNK_BYTES])));
                send(deltaEvent("response.output_audio_transcript.delta", responseId, itemId, piece));
            }

            @Override
            void done(String text) throws IOException {
                send(event("response.output_audio.done").put("response_id", responseId).put("item_id", itemId)
                        .put("output_index", 0).put("content_index", 0));
                send(event("response.output_audio_transcript.done").put("response_id", responseId)
                        .put("item_id", itemId).put("output_index", 0).put("content_index", 0).put("transcript", text));
            }

            @Override
            void fill(ObjectNode item, String text) {
                ((ArrayNode) item.get("content")).addObject().put("type", "output_audio").put("transcript", text);
            }
        }
    }
}
