package io.github.javaopenai.sessions;

import io.github.javaopenai.internal.engine.Generation;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.ResponseAccumulator;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.SessionFileException;
import io.github.javaopenai.errors.ApiException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.SessionException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.ResponseInputValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Holds a conversation with the Responses API, whose state lives on the server: each request
 * carries {@code previous_response_id}, the id of the last successful response. The Java form of
 * lua-openai's {@code ResponsesChatSession}.
 *
 * <pre>{@code
 * ResponsesChatSession session = client.newResponsesChatSession(Map.of(
 *     "instructions", "You are a concise assistant"));
 * System.out.println(session.send("What is the capital of France?"));
 * System.out.println(session.send("And its population?"));
 * }</pre>
 *
 * <p><b>Options.</b> Every session option goes into every request body ({@code model},
 * {@code instructions}, {@code tools}, {@code temperature}, {@code max_output_tokens},
 * {@code store}...), as {@link ChatSession} does; lua-openai sends only {@code model},
 * {@code instructions} and {@code tools} and drops the rest (lua-parity.md J139-141).
 * {@code previous_response_id} seeds {@link #currentResponseId()}, which is sent in its place.
 * Per-call options are sent as given and override everything, {@code previous_response_id}
 * included.
 *
 * <p><b>Results.</b> As in lua-openai, a plain {@code send} returns the response object
 * ({@link SessionResponse}, whose {@code toString()} is its text), while a streaming {@code send}
 * returns the streamed text as a {@code String}; the completed response is then the last entry of
 * {@link #responseHistory()}.
 *
 * <p><b>Failures.</b> A failed request throws {@link SessionException} with lua-openai's text
 * ({@code Request failed with status: N} or {@code Failed to parse response: ...}), the status and
 * the raw body, and changes neither the current id nor the history. A streamed answer cut short
 * (the connection closed before {@code response.completed}, {@code response.incomplete} or
 * {@code response.failed}) throws {@link io.github.javaopenai.errors.StreamException}, with the
 * current id and history unchanged.
 *
 * <p><b>Threading.</b> Share the client, not the session. Calls that change the session are
 * serialized by a {@link ReentrantLock} (a second caller waits); readers never wait.
 *
 * @since 0.1
 */
public final class ResponsesChatSession {

    static final String FILE_FORMAT = "java-openai/responses-session";

    private final SessionEngine<SessionResponse> engine;
    private final ObjectNode options;
    private volatile String currentResponseId;
    private volatile ResponseStreamer socket;

    /** Creates a session; obtain one from {@code client.newResponsesChatSession(options)}. */
    public ResponsesChatSession(Generation client, Map<String, ?> options) {
        this.engine = new SessionEngine<>(client, options);
        this.options = engine.options();
        JsonNode previous = this.options.get("previous_response_id");
        if (previous != null && !previous.isTextual()) {
            throw new IllegalArgumentException("option \"previous_response_id\" must be a string, got "
                    + Json.typeName(previous));
        }
        this.currentResponseId = previous == null ? null : previous.textValue();
    }

    /** Returns the id of the last successful response (or the seeded one), or null. */
    public String currentResponseId() {
        return currentResponseId;
    }

    /** Returns every successful response of this session, oldest first; an unmodifiable snapshot. */
    public List<SessionResponse> responseHistory() {
        return engine.history();
    }

    /** Returns a copy of the session options. */
    public ObjectNode options() {
        return options.deepCopy();
    }

    /** Returns the tokens used by every successful response of this session so far. */
    public Usage usage() {
        return engine.usage();
    }

    /**
     * Sets the tool loop, or removes it with null. Default: none, so function calls are returned to
     * the caller as lua-openai returns them.
     */
    public void setToolLoop(ToolLoop loop) {
        engine.setToolLoop(loop);
    }

    /** Returns the tool loop, or null when none is set. */
    public ToolLoop toolLoop() {
        return engine.toolLoop();
    }

    /**
     * Sends the input, chained to the previous response, and returns the response.
     *
     * @param input a string, or a list of role messages or {@code function_call_output} items
     * @throws IllegalArgumentException "input must be provided" for null, or naming a bad item
     * @throws io.github.javaopenai.errors.ApiException for an error status, and {@link SessionException} when
     *     the response cannot be read
     */
    public SessionResponse send(Object input) {
        return createResponse(input, Map.of());
    }

    /**
     * The async form of {@link #send(Object)}: completes with the response, chained to the previous
     * one and recorded as {@code send} records it, after the tool rounds when a {@link ToolLoop} is
     * set, whose functions run on the client's async executor. The call waits its turn behind the
     * session's earlier calls, async or not, without holding a thread.
     *
     * <p>Fails at once with {@link IllegalArgumentException}, nothing queued or sent, for an
     * invalid input or when the options say {@code stream: true}. Completes exceptionally with the
     * {@link io.github.javaopenai.errors.ApiException} of an error status, or the exception
     * {@code send} throws; the id and history are then unchanged, as with {@code send}.
     */
    public CompletableFuture<SessionResponse> sendAsync(Object input) {
        return sendAsync(input, Map.of());
    }

    /** Sends like {@link #sendAsync(Object)}, with options that override the session's for this call only. */
    public CompletableFuture<SessionResponse> sendAsync(Object input, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        JsonNode tree = checkedInput(input);
        Exchange exchange = new Exchange();
        if (engine.streams(exchange, options, null)) {
            throw new IllegalArgumentException("sendAsync cannot stream: option \"stream\" is true; call send with an"
                    + " onChunk callback, or client.async().streamResponse");
        }
        Executor executor = engine.client().asyncExecutor();
        return engine.inTurn(executor, inFlight -> engine.runAsync(exchange, tree, options, true, () -> { }, executor,
                inFlight));
    }

    /**
     * Sends the input, streaming: the request goes out with {@code stream: true} and
     * {@code onChunk} receives a chunk whose content is the delta, and the raw event, for each
     * {@code response.output_text.delta}. Returns the streamed text, as lua-openai does; the
     * {@code response.completed} response becomes the current response and joins the history.
     */
    public String send(Object input, BiConsumer<ChatChunk, JsonNode> onChunk) {
        return createResponse(input, Map.of(), Objects.requireNonNull(onChunk, "onChunk == null"));
    }

    /**
     * Sends with per-call options and returns the text: streamed when {@code onChunk} is not null
     * or the options say {@code stream: true} (the text accumulates even without a callback), else
     * the response's output text. A stream that the server ends without a valid
     * {@code response.completed} ({@code response.failed} or {@code response.incomplete}) still
     * returns its partial text and leaves the id and history unchanged; a stream cut short before
     * any of those events raises {@link io.github.javaopenai.errors.StreamException} instead.
     *
     * @param onChunk receives each text delta and its raw event; may be null
     */
    public String createResponse(Object input, Map<String, ?> options, BiConsumer<ChatChunk, JsonNode> onChunk) {
        Objects.requireNonNull(options, "options == null");
        JsonNode tree = checkedInput(input);
        engine.lock();
        try {
            Exchange exchange = new Exchange();
            SessionResponse last = engine.run(exchange, tree, options, onChunk, true);
            // Streamed: every delta of every round, as lua-openai returns; else the last response's text.
            return exchange.streamed ? exchange.text.toString() : last.outputText();
        } finally {
            engine.unlock();
        }
    }

    /**
     * Sends like {@link #send(Object)} with per-call options, which override the session's
     * (model, instructions, previous_response_id...). The lower-level form of {@code send}.
     *
     * @throws IllegalArgumentException when the session's or the call's options say
     *     {@code stream: true}: use the form with a callback, which returns the streamed text
     */
    public SessionResponse createResponse(Object input, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        JsonNode tree = checkedInput(input);
        engine.lock();
        try {
            Exchange exchange = new Exchange();
            if (engine.streams(exchange, options, null)) {
                throw new IllegalArgumentException("createResponse(input, options) returns a SessionResponse and cannot"
                        + " stream: option \"stream\" is true; call createResponse(input, options, onChunk), which"
                        + " returns the streamed text");
            }
            return engine.run(exchange, tree, options, null, true);
        } finally {
            engine.unlock();
        }
    }

    /** One call's exchanges with the Responses API, chained by previous_response_id. */
    private final class Exchange implements SessionEngine.Protocol<SessionResponse> {

        /** The text of every streamed round, in order. */
        final StringBuilder text = new StringBuilder();
        boolean streamed;

        @Override
        public ArrayNode tools(ToolLoop loop) {
            return loop.responsesTools();
        }

        @Override
        public void addState(Map<String, Object> params) {
            // The seeded previous_response_id is the current id until a response replaces it.
            params.remove("previous_response_id");
            if (currentResponseId != null) {
                params.put("previous_response_id", currentResponseId);
            }
        }

        @Override
        public SessionResponse exchange(JsonNode input, Map<String, Object> params, boolean stream,
                BiConsumer<ChatChunk, JsonNode> onChunk) {
            streamed = stream;
            ResponseStreamer via = socket;
            SessionResponse response = via != null ? socketRound(via, input, params, stream ? onChunk : null, text)
                    : stream ? streamRound(input, params, onChunk, text) : whole(input, params);
            if (response != null) {
                ResponsesChatSession.this.record(response);
            }
            return response;
        }

        @Override
        public CompletableFuture<ApiResponse> sendAsync(JsonNode input, Map<String, Object> params) {
            return engine.client().createResponseAsync(input, params);
        }

        @Override
        public SessionResponse record(ApiResponse response) {
            if (response.status() != 200) {
                throw failed(response);
            }
            SessionResponse parsed = SessionResponse.parse(response.body());
            ResponsesChatSession.this.record(parsed);
            return parsed;
        }

        @Override
        public List<ToolCall> calls(SessionResponse response) {
            return ResponsesChatSession.calls(response);
        }

        @Override
        public JsonNode toolResults(List<ToolCall> calls, List<String> results) {
            return outputs(calls, results);
        }
    }

    /**
     * Sends the next calls over a Responses API WebSocket ({@code client.responsesSocket()}) instead
     * of one HTTP request each, chaining {@code previous_response_id} as before; null goes back to
     * HTTP. The socket streams one response at a time, so give each session its own; the caller
     * closes it. Returns this session.
     */
    public ResponsesChatSession useWebSocket(ResponseStreamer socket) {
        this.socket = socket;
        return this;
    }

    /** Streams one round over the socket; returns its response, or null when it did not complete. */
    private SessionResponse socketRound(ResponseStreamer via, JsonNode input, Map<String, Object> params,
            BiConsumer<ChatChunk, JsonNode> onChunk, StringBuilder text) {
        ObjectNode body = engine.client().responseBody(input, params);
        ResponseAccumulator stream = new ResponseAccumulator();
        via.stream(body, event -> {
            String delta = stream.accept(event);
            if (delta != null && onChunk != null) {
                onChunk.accept(new ChatChunk(delta, 0, null), event);
            }
        });
        text.append(stream.text());
        return stream.isCompleted() ? new SessionResponse((ObjectNode) stream.response()) : null;
    }

    private SessionResponse whole(JsonNode input, Map<String, Object> params) {
        ApiResponse response = engine.client().createResponse(input, params);
        if (response.status() != 200) {
            throw failed(response);
        }
        return SessionResponse.parse(response.body());
    }

    /** Streams one round; returns its completed response, or null when none arrived (lua-parity.md J162). */
    private SessionResponse streamRound(JsonNode input, Map<String, Object> params,
            BiConsumer<ChatChunk, JsonNode> onChunk, StringBuilder text) {
        ResponseAccumulator stream = new ResponseAccumulator();
        ApiResponse response = engine.client().createResponse(input, params, event -> {
            String delta = stream.accept(event);
            if (delta != null && onChunk != null) {
                onChunk.accept(new ChatChunk(delta, 0, null), event);
            }
        });
        if (response.status() != 200) {
            throw failed(response);
        }
        if (!SessionEngine.isStreamBody(response)) {
            // A server that ignores stream answers with JSON: read it like any response (lua-parity.md J164).
            SessionResponse parsed = SessionResponse.parse(response.body());
            text.append(parsed.outputText());
            return parsed;
        }
        text.append(stream.text());
        return stream.isCompleted() ? new SessionResponse((ObjectNode) stream.response()) : null;
    }

    static List<ToolCall> calls(SessionResponse response) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode item : response.functionCalls()) {
            calls.add(new ToolCall(item.path("call_id").asText(null), item.path("name").asText(""),
                    item.path("arguments").asText("")));
        }
        return calls;
    }

    static ArrayNode outputs(List<ToolCall> calls, List<String> results) {
        ArrayNode input = Json.MAPPER.createArrayNode();
        for (int i = 0; i < calls.size(); i++) {
            input.addObject().put("type", "function_call_output").put("call_id", calls.get(i).id())
                    .put("output", results.get(i));
        }
        return input;
    }

    private void record(SessionResponse response) {
        currentResponseId = response.id();
        engine.add(response);
        engine.addUsage(response.usage());
    }

    static JsonNode checkedInput(Object input) {
        if (input == null) {
            throw new IllegalArgumentException("input must be provided");
        }
        JsonNode tree = Json.toTree(input, "input");
        ResponseInputValidator.validate(tree);
        return tree;
    }

    static ApiException failed(ApiResponse response) {
        return ApiException.of("Request failed with status: " + response.status(), response.status(),
                response.headers(), response.body());
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Saves the session (options, current id, every response of the id chain, usage totals) to a
     * JSON file, atomically.
     *
     * @throws IOException when the file cannot be written
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file == null");
        ObjectNode content = Json.object();
        engine.lock();
        try {
            content.set("options", options.deepCopy());
            content.put("current_response_id", currentResponseId);
            ArrayNode ids = content.putArray("response_ids");
            ArrayNode responses = content.putArray("responses");
            for (SessionResponse response : engine.history()) {
                ids.add(response.id());
                responses.add(response.json());
            }
            content.set("usage", SessionFiles.usageJson(engine.usage()));
        } finally {
            engine.unlock();
        }
        SessionFiles.write(file, FILE_FORMAT, content);
    }

    /**
     * Loads a session saved by {@link #save(Path)}, bound to the given client; the next send
     * continues the saved chain.
     *
     * @throws SessionFileException when the file is cut short, not JSON, or not a Responses session
     * @throws IOException when the file cannot be read
     */
    public static ResponsesChatSession load(Generation client, Path file) throws IOException {
        Objects.requireNonNull(client, "client == null");
        ObjectNode document = SessionFiles.read(Objects.requireNonNull(file, "file == null"), FILE_FORMAT);
        JsonNode options = SessionFiles.require(document, file, "options", false);
        JsonNode responses = SessionFiles.require(document, file, "responses", true);
        Map<String, Object> map = new LinkedHashMap<>();
        options.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        ResponsesChatSession session = new ResponsesChatSession(client, map);
        session.engine.lock();
        try {
            for (JsonNode response : responses) {
                try {
                    session.engine.add(SessionResponse.parse(response));
                } catch (SessionException e) {
                    throw new SessionFileException(file, "a saved response is invalid: " + e.getMessage(), e);
                }
            }
        } finally {
            session.engine.unlock();
        }
        JsonNode current = document.get("current_response_id");
        session.currentResponseId = current != null && current.isTextual() ? current.textValue() : null;
        session.engine.setUsage(SessionFiles.usage(document.path("usage"), file));
        return session;
    }

    @Override
    public String toString() {
        return "ResponsesChatSession{currentResponseId=" + currentResponseId + ", responses=" + engine.history().size() + "}";
    }
}
