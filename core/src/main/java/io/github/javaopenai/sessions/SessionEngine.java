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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.BiConsumer;

/**
 * The state and the request cycle both session kinds share: options, history, lock, usage totals,
 * the tool loop, the stream rule ({@link StreamOption}) and the tool rounds. A session kind
 * supplies only what differs, as a {@link Protocol}: how one request is sent and its reply read,
 * how calls are found in a reply, and how their results go back.
 *
 * <p>Threading: calls that change the session take turns, in the order they were made; a blocking
 * call holds the lock for its whole turn, an async call only for each step that reads or changes
 * the state, never while a request is in flight. Readers get the snapshot of the history
 * published when the last locked step ended, and never wait.
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

        /**
         * Starts one whole (not streamed) request without waiting for its answer. Called with the
         * lock held, so it may read the session's state.
         */
        CompletableFuture<ApiResponse> sendAsync(JsonNode input, Map<String, Object> params);

        /**
         * Reads the answer of {@link #sendAsync} and records it in the session, as {@link #exchange}
         * does; throws what {@link #exchange} throws for an error status or an unreadable answer.
         * Called with the lock held.
         */
        R record(ApiResponse response);
    }

    private final Generation client;
    private final ObjectNode options;
    private final ReentrantLock lock = new ReentrantLock();
    /** Completes when the last call queued for the session ends: calls, async or not, take turns. */
    private final AtomicReference<CompletableFuture<Void>> lastTurn =
            new AtomicReference<>(CompletableFuture.completedFuture(null));
    /** The turn of the blocking call holding the lock, ended when it releases the lock; guarded by the lock. */
    private CompletableFuture<Void> blockingTurn;
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

    /**
     * Takes the lock for a blocking call: the outermost one first waits for its turn, after every
     * call queued before it, async ones included, has ended.
     */
    void lock() {
        if (lock.isHeldByCurrentThread()) {
            lock.lock();
            return;
        }
        CompletableFuture<Void> mine = new CompletableFuture<>();
        lastTurn.getAndSet(mine).join();
        lock.lock();
        blockingTurn = mine;
    }

    /** Releases the lock, publishing the history to readers and ending the turn when the outermost call ends. */
    void unlock() {
        CompletableFuture<Void> turn = null;
        if (lock.getHoldCount() == 1) {
            snapshot = List.copyOf(history);
            turn = blockingTurn;
            blockingTurn = null;
        }
        lock.unlock();
        if (turn != null) {
            turn.complete(null);
        }
    }

    /**
     * Runs a step of an async call, which already has its turn, under the lock for the moment the
     * step takes; the history is published to readers when it ends.
     */
    private <T> T locked(Supplier<T> step) {
        lock.lock();
        try {
            return step.get();
        } finally {
            unlock();
        }
    }

    /**
     * Queues an async call: it starts on the executor once every call queued before it has ended,
     * and holds no thread and no lock while it waits or while its requests are in flight.
     * Cancelling the returned future aborts the step in flight (see {@link InFlight}); a call
     * cancelled before its turn is never started. The next call's turn comes once this one's chain
     * has ended, so it never overlaps an aborted step still unwinding.
     */
    <T> CompletableFuture<T> inTurn(Executor executor, Function<InFlight, CompletableFuture<T>> call) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> previous = lastTurn.getAndSet(mine);
        CompletableFuture<T> result = new CompletableFuture<>();
        InFlight inFlight = new InFlight(result);
        previous.thenComposeAsync(ignored -> {
            if (inFlight.cancelled()) {
                return CompletableFuture.<T>completedFuture(null); // cancelled while waiting: nothing sent
            }
            try {
                return call.apply(inFlight);
            } catch (RuntimeException | Error e) {
                return CompletableFuture.<T>failedFuture(e);
            }
        }, executor).whenComplete((value, failure) -> {
            mine.complete(null); // the turn ends before the caller hears, as the next call may come from its stage
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        });
        return result;
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

    /**
     * The async form of {@link #run}, whole replies only: {@code start} (such as appending the
     * user's message) and every recording step run under the lock, the exchanges without it, and
     * the tool functions on the executor. The caller queues it with {@link #inTurn}.
     */
    <R> CompletableFuture<R> runAsync(Protocol<R> protocol, JsonNode input, Map<String, ?> overrides,
            boolean toolRounds, Runnable start, Executor executor, InFlight inFlight) {
        ToolLoop loop = toolLoop;
        CompletableFuture<ApiResponse> sent = locked(() -> {
            start.run();
            return inFlight.track(protocol.sendAsync(input, params(protocol, overrides, loop)));
        });
        CompletableFuture<R> reply = sent.thenApply(response -> locked(() -> protocol.record(response)));
        if (loop == null || !toolRounds) {
            return reply;
        }
        return reply.thenCompose(first -> rounds(protocol, first, overrides, loop, 0, executor, inFlight));
    }

    private <R> CompletableFuture<R> rounds(Protocol<R> protocol, R reply, Map<String, ?> overrides, ToolLoop loop,
            int round, Executor executor, InFlight inFlight) {
        List<ToolCall> calls = locked(() -> protocol.calls(reply));
        if (!loop.handlesAll(calls)) {
            return CompletableFuture.completedFuture(reply);
        }
        if (round == loop.maxRounds()) {
            return CompletableFuture.failedFuture(loop.tooManyRounds(calls));
        }
        return inFlight.track(loop.runAsync(calls, executor))
                .thenCompose(results -> locked(() -> inFlight.track(protocol.sendAsync(
                        protocol.toolResults(calls, results), params(protocol, overrides, loop)))))
                .thenApply(response -> locked(() -> protocol.record(response)))
                .thenCompose(next -> rounds(protocol, next, overrides, loop, round + 1, executor, inFlight));
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
