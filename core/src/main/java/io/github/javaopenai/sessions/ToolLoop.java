package io.github.javaopenai.sessions;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.github.javaopenai.errors.ToolLoopException;
import io.github.javaopenai.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Configures a session's tool loop: the Java functions the model may call, how many rounds it may
 * take, what a failing handler sends back, and an optional hook approving each call.
 *
 * <p>Once a session has a tool loop, {@code send} sends the functions' declarations with every
 * request, runs the calls the model asks for, sends their results back and repeats until the
 * model answers without calls. The calls of one round run concurrently, one thread per call (at
 * most {@value #MAX_PARALLEL} at once); results go back in the order the model asked for them.
 * When the model names a function the loop does not know, the loop stops and the reply is
 * returned as lua-openai would return it, for the caller to handle.
 *
 * <p>Defaults: at most {@value #DEFAULT_MAX_ROUNDS} rounds, then a {@link ToolLoopException};
 * a handler's exception is sent to the model as {@code "Error: <message>"}, so it can recover;
 * every call is approved. Instances are immutable; each {@code with...} method returns a copy.
 *
 * <pre>{@code
 * chat.setToolLoop(ToolLoop.of(ToolFunction.of("add", "Adds two numbers",
 *     Map.of("type", "object", "properties", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number"))),
 *     args -> args.get("a").asDouble() + args.get("b").asDouble())));
 * System.out.println(chat.send("What is 2923 + 20839?"));
 * }</pre>
 *
 * @since 0.1
 */
public final class ToolLoop {

    /** How many rounds of calls a loop may take unless configured otherwise: {@value}. */
    public static final int DEFAULT_MAX_ROUNDS = 10;

    /** How many calls of one round run at once, at most: {@value}. */
    public static final int MAX_PARALLEL = 16;

    private static final Function<Exception, String> DEFAULT_ERROR_TEXT = ToolLoop::errorText;

    private final Map<String, ToolFunction> functions;
    private final int maxRounds;
    private final Predicate<ToolCall> approval;
    private final Function<Exception, String> onError;

    private ToolLoop(Map<String, ToolFunction> functions, int maxRounds, Predicate<ToolCall> approval,
            Function<Exception, String> onError) {
        this.functions = functions;
        this.maxRounds = maxRounds;
        this.approval = approval;
        this.onError = onError;
    }

    /**
     * Returns a loop over the given functions, with every other setting at its default.
     *
     * @throws IllegalArgumentException when two functions share a name
     */
    public static ToolLoop of(ToolFunction... functions) {
        return of(List.of(functions));
    }

    /** Returns a loop over the given functions, with every other setting at its default. */
    public static ToolLoop of(Collection<ToolFunction> functions) {
        Map<String, ToolFunction> byName = new LinkedHashMap<>();
        for (ToolFunction function : functions) {
            Objects.requireNonNull(function, "function == null");
            if (byName.putIfAbsent(function.name(), function) != null) {
                throw new IllegalArgumentException("two tools are named \"" + function.name() + "\"");
            }
        }
        return new ToolLoop(java.util.Collections.unmodifiableMap(byName), DEFAULT_MAX_ROUNDS, call -> true, DEFAULT_ERROR_TEXT);
    }

    /** Returns a copy that also offers the given function. */
    public ToolLoop with(ToolFunction function) {
        List<ToolFunction> all = new ArrayList<>(functions());
        all.add(Objects.requireNonNull(function, "function == null"));
        return of(all).copySettingsOf(this);
    }

    /**
     * Returns a copy that allows the given number of rounds. Default {@value #DEFAULT_MAX_ROUNDS};
     * raise it for agents that chain many calls, lower it to cap cost.
     *
     * @throws IllegalArgumentException when rounds is below 1
     */
    public ToolLoop withMaxRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("maxRounds must be at least 1: " + rounds);
        }
        return new ToolLoop(functions, rounds, approval, onError);
    }

    /**
     * Returns a copy that asks the hook before running each call. A rejected call is not run; the
     * model receives {@code "Tool call rejected: <name>"} instead. Default: every call approved.
     * The hook runs on the calls' threads, several at once when the model asks for parallel calls,
     * so it must be thread-safe.
     */
    public ToolLoop withApproval(Predicate<ToolCall> approval) {
        return new ToolLoop(functions, maxRounds, Objects.requireNonNull(approval, "approval == null"), onError);
    }

    /**
     * Returns a copy that turns a handler's exception into the given text for the model. Default:
     * {@code "Error: <message>"}. The function may throw to end the loop instead.
     */
    public ToolLoop withErrorText(Function<Exception, String> onError) {
        return new ToolLoop(functions, maxRounds, approval, Objects.requireNonNull(onError, "onError == null"));
    }

    /** Returns a copy in which a handler's exception ends the loop with a {@link ToolLoopException}. */
    public ToolLoop withErrorsThrown() {
        return withErrorText(e -> {
            throw new ToolLoopException("tool call failed: " + errorText(e), e);
        });
    }

    /** Returns the functions, in the order they were given. */
    public List<ToolFunction> functions() {
        return List.copyOf(functions.values());
    }

    /** Returns how many rounds of calls the loop may take. */
    public int maxRounds() {
        return maxRounds;
    }

    private ToolLoop copySettingsOf(ToolLoop other) {
        return new ToolLoop(functions, other.maxRounds, other.approval, other.onError);
    }

    /** Returns whether every call names a function of this loop, and there is at least one. */
    boolean handlesAll(List<ToolCall> calls) {
        return !calls.isEmpty() && calls.stream().allMatch(call -> functions.containsKey(call.name()));
    }

    ArrayNode chatTools() {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        functions.values().forEach(f -> tools.add(f.chatTool()));
        return tools;
    }

    ArrayNode responsesTools() {
        ArrayNode tools = Json.MAPPER.createArrayNode();
        functions.values().forEach(f -> tools.add(f.responsesTool()));
        return tools;
    }

    ToolLoopException tooManyRounds(List<ToolCall> pending) {
        List<String> names = pending.stream().map(ToolCall::name).toList();
        return new ToolLoopException("tool loop stopped after " + maxRounds + " rounds: the model still asks for "
                + String.join(", ", names));
    }

    /** Runs the calls, concurrently when there are several, and returns their results in order. */
    List<String> run(List<ToolCall> calls) {
        if (calls.size() == 1) {
            return List.of(runOne(calls.get(0)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(calls.size(), MAX_PARALLEL), THREADS);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (ToolCall call : calls) {
                futures.add(pool.submit(() -> runOne(call)));
            }
            List<String> results = new ArrayList<>();
            for (Future<String> future : futures) {
                results.add(await(future));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Runs the calls as {@link #run} does, each as a task on the executor, and completes with their
     * results in order; the first failure a handler's error text turns into an exception fails it.
     */
    CompletableFuture<List<String>> runAsync(List<ToolCall> calls, Executor executor) {
        List<CompletableFuture<String>> results = new ArrayList<>();
        for (ToolCall call : calls) {
            results.add(CompletableFuture.supplyAsync(() -> runOne(call), executor));
        }
        return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
                .thenApply(done -> results.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Runs one call as the loop runs each of its calls (the approval hook, then the function, a
     * failure becoming the error text) and returns the text for the model. For sessions that drive
     * their own rounds, such as realtime sessions.
     *
     * @throws IllegalArgumentException when no function of this loop has the call's name
     */
    public String call(ToolCall call) {
        Objects.requireNonNull(call, "call == null");
        if (!functions.containsKey(call.name())) {
            throw new IllegalArgumentException("no tool named \"" + call.name() + "\" in this loop");
        }
        return runOne(call);
    }

    private String runOne(ToolCall call) {
        if (!approval.test(call)) {
            return "Tool call rejected: " + call.name();
        }
        try {
            Object result = functions.get(call.name()).handler().call(call.argumentsJson());
            return result == null ? "" : result instanceof String s ? s : Json.toTree(result, "result of tool \""
                    + call.name() + "\"").toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolLoopException("tool call \"" + call.name() + "\" was interrupted", e);
        } catch (Exception e) {
            return onError.apply(e);
        }
    }

    private static String await(Future<String> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ToolLoopException("interrupted while waiting for tool calls", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ToolLoopException("tool call failed: " + e.getCause(), e.getCause());
        }
    }

    private static String errorText(Exception e) {
        String message = e.getMessage();
        return "Error: " + (message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    private static final ThreadFactory THREADS = new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "java-openai-tool-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    };

    @Override
    public String toString() {
        return "ToolLoop{functions=" + functions.keySet() + ", maxRounds=" + maxRounds + "}";
    }
}
