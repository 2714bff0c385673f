package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.ResponseAccumulator;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.SessionException;
import io.github.javaopenai.errors.SessionFileException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.internal.ResponseInputValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    private final Generation client;
    private final ObjectNode options;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<SessionResponse> history = new ArrayList<>();
    private volatile List<SessionResponse> snapshot = List.of();
    private volatile String currentResponseId;
    private volatile Usage usage = Usage.ZERO;
    private volatile ToolLoop toolLoop;

    /** Creates a session; obtain one from {@code client.newResponsesChatSession(options)}. */
    public ResponsesChatSession(Generation client, Map<String, ?> options) {
        this.client = Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(options, "options == null");
        ObjectNode copy = Json.object();
        options.forEach((key, value) -> {
            if (value != null) {
                copy.set(Objects.requireNonNull(key, "option name == null"), Json.toTree(value, "option \"" + key + "\""));
            }
        });
        this.options = copy;
        JsonNode previous = copy.get("previous_response_id");
        if (previous != null && !previous.isTextual()) {
            throw new IllegalArgumentException("option \"previous_response_id\" must be a string, got " + previous.getNodeType());
        }
        this.currentResponseId = previous == null ? null : previous.textValue();
    }

    /** Returns the id of the last successful response (or the seeded one), or null. */
    public String currentResponseId() {
        return currentResponseId;
    }

    /** Returns every successful response of this session, oldest first; an unmodifiable snapshot. */
    public List<SessionResponse> responseHistory() {
        return snapshot;
    }

    /** Returns a copy of the session options. */
    public ObjectNode options() {
        return options.deepCopy();
    }

    /** Returns the tokens used by every successful response of this session so far. */
    public Usage usage() {
        return usage;
    }

    /**
     * Sets the tool loop, or removes it with null. Default: none, so function calls are returned to
     * the caller as lua-openai returns them.
     */
    public void setToolLoop(ToolLoop loop) {
        this.toolLoop = loop;
    }

    /** Returns the tool loop, or null when none is set. */
    public ToolLoop toolLoop() {
        return toolLoop;
    }

    /**
     * Sends the input, chained to the previous response, and returns the response.
     *
     * @param input a string, or a list of role messages or {@code function_call_output} items
     * @throws IllegalArgumentException "input must be provided" for null, or naming a bad item
     * @throws SessionException when the request fails or the response cannot be read
     */
    public SessionResponse send(Object input) {
        return createResponse(input, Map.of());
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
        lock.lock();
        try {
            Map<String, Object> params = params(options, toolLoop);
            if (onChunk == null && !isStreaming(params)) {
                return loop(exchange(tree, params), options).outputText();
            }
            StringBuilder text = new StringBuilder();
            SessionResponse response = streamRound(tree, params, onChunk, text);
            ToolLoop loop = toolLoop;
            for (int round = 0; loop != null && response != null; round++) {
                List<ToolCall> calls = calls(response);
                if (!loop.handlesAll(calls)) {
                    break;
                }
                if (round == loop.maxRounds()) {
                    throw loop.tooManyRounds(calls);
                }
                response = streamRound(outputs(calls, loop.run(calls)), params(options, loop), onChunk, text);
            }
            return text.toString();
        } finally {
            lock.unlock();
        }
    }

    private SessionResponse streamRound(JsonNode input, Map<String, Object> params,
            BiConsumer<ChatChunk, JsonNode> onChunk, StringBuilder text) {
        ResponseAccumulator stream = new ResponseAccumulator();
        ApiResponse response = client.createResponse(input, params, event -> {
            String delta = stream.accept(event);
            if (delta != null && onChunk != null) {
                onChunk.accept(new ChatChunk(delta, 0, null), event);
            }
        });
        if (response.status() != 200) {
            throw failed(response);
        }
        if (!ChatSession.isStreamBody(response)) {
            SessionResponse parsed = parse(response.body());
            record(parsed);
            text.append(parsed.outputText());
            return parsed;
        }
        text.append(stream.text());
        if (!stream.isCompleted()) {
            return null;
        }
        SessionResponse completed = new SessionResponse((ObjectNode) stream.response());
        record(completed);
        return completed;
    }

    /**
     * Sends like {@link #send(Object)} with per-call options, which override the session's
     * (model, instructions, previous_response_id...). The lower-level form of {@code send}.
     *
     * @throws IllegalArgumentException when the options ask for {@code stream: true}: use the
     *     form with a callback, which returns the streamed text
     */
    public SessionResponse createResponse(Object input, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        JsonNode tree = checkedInput(input);
        lock.lock();
        try {
            Map<String, Object> params = params(options, toolLoop);
            if (isStreaming(params)) {
                throw new IllegalArgumentException("stream: true returns text: call createResponse(input, options, onChunk)");
            }
            return loop(exchange(tree, params), options);
        } finally {
            lock.unlock();
        }
    }

    private SessionResponse loop(SessionResponse response, Map<String, ?> overrides) {
        ToolLoop loop = toolLoop;
        if (loop == null) {
            return response;
        }
        for (int round = 0; ; round++) {
            List<ToolCall> calls = calls(response);
            if (!loop.handlesAll(calls)) {
                return response;
            }
            if (round == loop.maxRounds()) {
                throw loop.tooManyRounds(calls);
            }
            response = exchange(outputs(calls, loop.run(calls)), params(overrides, loop));
        }
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

    private SessionResponse exchange(JsonNode input, Map<String, Object> params) {
        ApiResponse response = client.createResponse(input, params);
        if (response.status() != 200) {
            throw failed(response);
        }
        SessionResponse parsed = parse(response.body());
        record(parsed);
        return parsed;
    }

    private void record(SessionResponse response) {
        currentResponseId = response.id();
        history.add(response);
        snapshot = List.copyOf(history);
        usage = usage.plus(response.usage());
    }

    Map<String, Object> params(Map<String, ?> overrides, ToolLoop loop) {
        Map<String, Object> params = new LinkedHashMap<>();
        // The seeded previous_response_id is the current id until a response replaces it.
        options.properties().forEach(option -> {
            if (!"previous_response_id".equals(option.getKey())) {
                params.put(option.getKey(), option.getValue());
            }
        });
        if (loop != null) {
            ArrayNode tools = Json.MAPPER.createArrayNode();
            if (options.path("tools").isArray()) {
                tools.addAll((ArrayNode) options.get("tools"));
            }
            tools.addAll(loop.responsesTools());
            params.put("tools", tools);
        }
        if (currentResponseId != null) {
            params.put("previous_response_id", currentResponseId);
        }
        params.putAll(overrides);
        params.remove("stream_callback");
        return params;
    }

    static boolean isStreaming(Map<String, Object> params) {
        Object stream = params.get("stream");
        return stream != null && Json.toTree(stream, "option \"stream\"").asBoolean(false);
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

    static SessionResponse parse(JsonNode body) {
        String prefix = "Failed to parse response: ";
        if (!body.isObject()) {
            throw new SessionException(prefix + "expected type \"table\", got \"" + ChatReplies.luaType(body) + "\"", 200, body);
        }
        if (!body.path("id").isTextual()) {
            throw new SessionException(prefix + "field \"id\": expected type \"string\", got \""
                    + ChatReplies.luaType(body.get("id")) + "\"", 200, body);
        }
        if (!body.path("output").isArray()) {
            throw new SessionException(prefix + "field \"output\": expected type \"table\", got \""
                    + ChatReplies.luaType(body.get("output")) + "\"", 200, body);
        }
        return new SessionResponse((ObjectNode) body);
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
        lock.lock();
        try {
            content.set("options", options.deepCopy());
            content.put("current_response_id", currentResponseId);
            ArrayNode ids = content.putArray("response_ids");
            ArrayNode responses = content.putArray("responses");
            for (SessionResponse response : history) {
                ids.add(response.id());
                responses.add(response.json());
            }
            content.set("usage", SessionFiles.usageJson(usage));
        } finally {
            lock.unlock();
        }
        SessionFiles.write(file, FILE_FORMAT, content);
    }

    /**
     * Loads a session saved by {@link #save(Path)}, bound to the given client; call it as {@code client.loadResponsesChatSession(file)}; the next send
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
        for (JsonNode response : responses) {
            try {
                session.history.add(parse(response));
            } catch (SessionException e) {
                throw new SessionFileException(file, "a saved response is invalid: " + e.getMessage(), e);
            }
        }
        session.snapshot = List.copyOf(session.history);
        JsonNode current = document.get("current_response_id");
        session.currentResponseId = current != null && current.isTextual() ? current.textValue() : null;
        session.usage = SessionFiles.usage(document.path("usage"), file);
        return session;
    }

    @Override
    public String toString() {
        return "ResponsesChatSession{currentResponseId=" + currentResponseId + ", responses=" + snapshot.size() + "}";
    }
}
