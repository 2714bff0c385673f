package io.github.javaopenai.sessions;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.internal.engine.StreamOption;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * The state and the request cycle both session kinds share: options, history, lock, usage totals,
 * the tool loop, the stream rule ({@link StreamOption}) and the tool rounds. A session kind
 * supplies only what differs, as a {@link Protocol}: how one request is sent and its reply read,
 * how calls are found in a reply, and how their results go back.
 *
 * <p>Threading: calls that change the session hold the lock; readers get the snapshot of the
 * history published when the outermost change ended, and never wait.
 *
 * @param <H> the type of a history entry (a chat message, or a Responses API response)
 */
final class SessionEngine<H> {

    /** What a session kind does in one exchange, for one call. */
    interface Protocol<R> {

        /** Returns the tool declarations of the loop, in this API's form. */
        ArrayNode tools(ToolLoop loop);

        /** Adds what the session tracks itself (such as the previous response id) to the request. */
        void addState(Map<String, Object> params);

        /**
         * Sends one request and reads its reply, recording it in the session; returns null when a
         * streamed reply ended without a usable result, which ends the tool rounds.
         */
        R exchange(JsonNode input, Map<String, Object> params, boolean stream, BiConsumer<ChatChunk, JsonNode> onChunk);

        /** Returns the calls the reply asks for, in order; empty when none. */
        List<ToolCall> calls(R reply);

        /** Hands the results back and returns the input of the next exchange. */
        JsonNode toolResults(List<ToolCall> calls, List<String> results);
    }

    private final Generation client;
    private final ObjectNode options;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<H> history = new ArrayList<>();
    private volatile List<H> snapshot = List.of();
    private volatile Usage usage = Usage.ZERO;
    private volatile ToolLoop toolLoop;

    /**
     * Copies the options; a null value leaves its key out.
     *
     * @throws IllegalArgumentException when an option cannot be turned into JSON
     */
    SessionEngine(Generation client, Map<String, ?> options) {
        this.client = Objects.requireNonNull(client, "client == null");
        Objects.requireNonNull(options, "options == null");
        ObjectNode copy = Json.object();
        options.forEach((key, value) -> {
            if (value != null) {
                copy.set(Objects.requireNonNull(key, "option name == null"), Json.toTree(value, "option \"" + key + "\""));
            }
        });
        this.options = copy;
    }

    Generation client() {
        return client;
    }

    /** The session's own options, for the session to read or trim while it is being built. */
    ObjectNode options() {
        return options;
    }

    Usage usage() {
        return usage;
    }

    void setUsage(Usage usage) {
        this.usage = Objects.requireNonNull(usage, "usage == null");
    }

    void addUsage(Usage more) {
        usage = usage.plus(more);
    }

    ToolLoop toolLoop() {
        return toolLoop;
    }

    void setToolLoop(ToolLoop loop) {
        this.toolLoop = loop;
    }

    // ---------------------------------------------------------------- history and lock

    /** Returns the history: live to the thread holding the lock, else the last published one. */
    List<H> history() {
        return lock.isHeldByCurrentThread() ? List.copyOf(history) : snapshot;
    }

    /** Appends to the history; the caller holds the lock. */
    void add(H entry) {
        history.add(entry);
    }

    void lock() {
        lock.lock();
    }

    /** Releases the lock, publishing the history to readers when the outermost call ends. */
    void unlock() {
        if (lock.getHoldCount() == 1) {
            snapshot = List.copyOf(history);
        }
        lock.unlock();
    }

    // ---------------------------------------------------------------- the request cycle

    /**
     * Runs one call: an exchange, then, when a tool loop is set and {@code toolRounds} allows,
     * rounds of tool calls until the model answers without calls the loop handles. Streams when
     * {@code onChunk} is given or the options say {@code stream: true}. The caller holds the lock.
     *
     * @return the last reply, or null when a streamed reply ended without a usable result
     */
    <R> R run(Protocol<R> protocol, JsonNode input, Map<String, ?> overrides,
            BiConsumer<ChatChunk, JsonNode> onChunk, boolean toolRounds) {
        ToolLoop loop = toolLoop;
        Map<String, Object> params = params(protocol, overrides, loop);
        boolean stream = StreamOption.streams(onChunk, params);
        R reply = protocol.exchange(input, params, stream, onChunk);
        if (loop == null || !toolRounds) {
            return reply;
        }
        for (int round = 0; reply != null; round++) {
            List<ToolCall> calls = protocol.calls(reply);
            if (!loop.handlesAll(calls)) {
                return reply;
            }
            if (round == loop.maxRounds()) {
                throw loop.tooManyRounds(calls);
            }
            JsonNode next = protocol.toolResults(calls, loop.run(calls));
            reply = protocol.exchange(next, params(protocol, overrides, loop), stream, onChunk);
        }
        return null;
    }

    /** Returns whether a call with these per-call options streams, by {@link StreamOption}'s rule. */
    boolean streams(Protocol<?> protocol, Map<String, ?> overrides, BiConsumer<ChatChunk, JsonNode> onChunk) {
        return StreamOption.streams(onChunk, params(protocol, overrides, toolLoop));
    }

    /**
     * Builds the request options: the session's, the loop's tools added to the session's own,
     * what the session tracks, then the per-call options, which win (a null value removes a key).
     * A {@code stream_callback} key is dropped: callbacks are arguments (lua-parity.md G98).
     */
    private Map<String, Object> params(Protocol<?> protocol, Map<String, ?> overrides, ToolLoop loop) {
        Map<String, Object> params = new LinkedHashMap<>();
        options.properties().forEach(option -> params.put(option.getKey(), option.getValue()));
        if (loop != null) {
            ArrayNode tools = Json.MAPPER.createArrayNode();
            if (options.path("tools").isArray()) {
                tools.addAll((ArrayNode) options.get("tools"));
            }
            tools.addAll(protocol.tools(loop));
            params.put("tools", tools);
        }
        protocol.addState(params);
        params.putAll(overrides);
        params.remove("stream_callback");
        return params;
    }

    /** Returns whether a streaming request got an event stream (empty body), not a JSON answer. */
    static boolean isStreamBody(ApiResponse response) {
        return response.body().isTextual() && response.body().textValue().isEmpty();
    }
}
