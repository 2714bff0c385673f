package io.github.javaopenai.internal.engine;

import static io.github.javaopenai.internal.engine.Futures.cancel;
import static io.github.javaopenai.internal.engine.Futures.discard;
import static io.github.javaopenai.internal.engine.Futures.unwrap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.NonBlockingBody;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The async form of {@link Requester}: the same requests, {@link RetryPolicy}, call timeout and
 * exceptions, with no thread held while an exchange or a retry waits. Exchanges go out through
 * {@link io.github.javaopenai.transport.Transport#sendAsync}; the waits before retries and the call
 * timeout are tasks on one shared scheduler thread, which only hands work on. Every answer is read
 * and every future completed on the client's async executor, never on the transport's threads,
 * so user stages chained on a future run there too.
 */
public final class AsyncRequester {

    private static final String JSON = "application/json";

    /** Only starts attempts and fails timed-out calls; never runs user code or blocks. */
    private static final ScheduledExecutorService SCHEDULER = newScheduler();

    private final Requester requester;
    private final ClientSettings settings;
    private final RetryPolicy policy;
    private final RetryClock clock;
    private final Executor executor;

    public AsyncRequester(Requester requester, ClientSettings settings, RetryClock clock) {
        this.requester = requester;
        this.settings = settings;
        this.policy = RetryPolicy.of(settings.maxRetries());
        this.clock = clock;
        this.executor = settings.asyncExecutor();
    }

    private static ScheduledExecutorService newScheduler() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "java-openai-async-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true); // a cancelled call's timer does not linger
        return scheduler;
    }

    /** Returns the async form of {@link Downloads}, for answers whose body is data (file content, speech). */
    public AsyncDownloads downloads() {
        return new AsyncDownloads(requester, settings.streamIdleTimeout(), executor, SCHEDULER,
                (request, observation) -> call(request, OPEN, observation, false));
    }

    /** Returns the executor futures complete on. */
    public Executor executor() {
        return executor;
    }

    /** Sends a JSON request and completes with the whole answer, whatever its status, as {@link Requester#send} returns it. */
    public CompletableFuture<ApiResponse> send(String method, String path, JsonNode body, Map<String, String> headers) {
        CallObservation observation = requester.observe(method, path, body, false);
        TransportRequest request = requester.request(method, path, body, JSON, headers);
        return call(observation == null ? request : observation.decorate(request), requester::readWhole, observation);
    }

    /** Sends a body that is not JSON, such as a multipart form, and completes with the whole answer. */
    public CompletableFuture<ApiResponse> sendBody(String method, String path, RequestBody body, String contentType) {
        CallObservation observation = requester.observe(method, path, null, false);
        TransportRequest request = requester.bodyRequest(method, path, body, contentType, JSON);
        return call(observation == null ? request : observation.decorate(request), requester::readWhole, observation);
    }

    /**
     * Sends the request and completes with the response, its body unread, after retrying failures
     * to get one and retryable statuses; the body is never retried. The caller closes it.
     */
    public CompletableFuture<TransportResponse> open(TransportRequest request) {
        return call(request, OPEN, null);
    }

    /** The step of {@link #open}: hands the answer over with its body unread. */
    private static final Requester.Step<TransportResponse> OPEN = response -> response;

    /**
     * Returns a publisher of the events of {@code POST path} with {@code "stream": true}: each
     * subscription sends the request, retrying as the blocking stream does until its first event
     * is decoded (see {@link #openStream}); nothing is retried once an event may have been delivered.
     * Each subscription is one call for the client's listeners, started on the subscribing thread.
     */
    public EventPublisher stream(String path, ObjectNode body) {
        body.put("stream", true);
        TransportRequest request = requester.request("POST", path, body, Streaming.EVENT_STREAM, Map.of());
        return EventPublisher.of(request.uri(), () -> subscription(path, body, request), executor,
                SCHEDULER, settings.streamIdleTimeout(), settings.maxEventBytes());
    }

    /**
     * Returns a publisher of the events of {@code POST path} with a body that is not JSON, such as
     * a multipart form asking for {@code stream: true}, as {@link #stream(String, ObjectNode)} does;
     * every subscription sends the same body again, so it must be repeatable to be subscribed twice.
     */
    public EventPublisher streamBody(String path, RequestBody body, String contentType) {
        TransportRequest request = requester.bodyRequest("POST", path, body, contentType, Streaming.EVENT_STREAM);
        return EventPublisher.of(request.uri(), () -> subscription(path, null, request), executor,
                SCHEDULER, settings.streamIdleTimeout(), settings.maxEventBytes());
    }

    /** Returns the opener of one subscription: observed by the listeners when the client has any. */
    private EventPublisher.Opener subscription(String path, ObjectNode body, TransportRequest request) {
        CallObservation observation = requester.observe("POST", path, body, true);
        if (observation == null) {
            return (retry, failure) -> openStream(request, retry, failure, null);
        }
        TransportRequest decorated = observation.decorate(request);
        return new ObservedStream(observation, (retry, failure) -> openStream(decorated, retry, failure, observation));
    }

    /**
     * Opens attempt {@code retry} of a stream: the first at once; a later one, after a failure
     * before the first event, when the policy allows it and after the policy's wait, as the
     * blocking stream does; otherwise a future failed with {@code failure}.
     */
    private CompletableFuture<TransportResponse> openStream(TransportRequest request, int retry, RuntimeException failure,
            CallObservation observation) {
        if (failure == null) {
            return call(request, OPEN, observation, false);
        }
        boolean resendable = request.body() == null || request.body().isRepeatable();
        boolean retryable = failure.getCause() instanceof IOException cause && RetryPolicy.isRetryable(cause);
        if (retry > policy.maxRetries() || !resendable || !retryable) {
            return CompletableFuture.failedFuture(failure);
        }
        Duration wait = policy.delay(retry, null, clock.now(), clock.random());
        log(Level.INFO, () -> "Retrying " + request.method() + " " + request.uri() + " in " + wait.toMillis()
                + " ms (retry " + retry + " of " + policy.maxRetries() + ") after " + failure.getMessage());
        if (observation != null) {
            observation.retry(retry, requester.scrub(failure.getMessage()), wait);
        }
        CompletableFuture<TransportResponse> result = new CompletableFuture<>();
        Future<?> timer = SCHEDULER.schedule(() -> onExecutor(() -> {
            Call<TransportResponse> call = new Call<>(request, OPEN, retry, observation, false);
            call.start();
            result.whenComplete((r, e) -> call.result.cancel(true)); // no-op once it completed
            call.result.whenComplete((response, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else if (!result.complete(response)) {
                    discard(response);
                }
            });
        }, result::completeExceptionally), wait.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((r, e) -> timer.cancel(false));
        return result;
    }

    /** Starts a call whose outcome, if observed, ends the observation: a whole answer. */
    private <T> CompletableFuture<T> call(TransportRequest request, Requester.Step<T> step,
            CallObservation observation) {
        return call(request, step, observation, true);
    }

    private <T> CompletableFuture<T> call(TransportRequest request, Requester.Step<T> step,
            CallObservation observation, boolean endsObservation) {
        Call<T> call = new Call<>(request, step, 0, observation, endsObservation);
        call.start();
        return call.result;
    }

    /**
     * Runs a task the scheduler fired on the async executor instead, so that listeners and stages
     * do not run on the scheduler thread; runs {@code rejected} where it is when the executor
     * refuses the task.
     */
    private void onExecutor(Runnable task, Consumer<RejectedExecutionException> rejected) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            rejected.accept(e);
        }
    }

    /** One call: its attempts, the waits between them, and the future the caller holds. */
    private final class Call<T> {
        final TransportRequest request;
        final Requester.Step<T> step;
        final CompletableFuture<T> result = new CompletableFuture<>();
        final CallDeadline deadline;
        final boolean resendable;
        volatile Future<?> pending; // the exchange in flight, or the timer of the next attempt
        volatile Future<?> timer; // the call timeout

        final int firstRetry;
        final CallObservation observation; // null when nothing observes the call
        final boolean endsObservation; // false for a stream's exchange, which its events end

        Call(TransportRequest request, Requester.Step<T> step, int firstRetry, CallObservation observation,
                boolean endsObservation) {
            this.request = request;
            this.step = step;
            this.firstRetry = firstRetry;
            this.observation = observation;
            this.endsObservation = endsObservation;
            this.deadline = CallDeadline.start(settings.callTimeout(), clock);
            // A one-shot body (an InputStream upload) cannot be sent a second time.
            this.resendable = request.body() == null || request.body().isRepeatable();
        }

        void start() {
            result.whenComplete((response, failure) -> {
                // Cancelling the caller's future aborts the exchange; the server sees the connection close.
                cancel(pending);
                cancel(timer);
                if (endsObservation && observation != null && failure instanceof CancellationException cancelled) {
                    observation.fail(cancelled); // the caller cancelled: runs on the cancelling thread
                }
            });
            Duration left = deadline.left();
            if (left != null) {
                timer = SCHEDULER.schedule(() -> onExecutor(() -> fail(
                        deadline.exceeded(request.uri(), attemptsMade, lastReason)), this::fail),
                        Math.max(0, left.toNanos()), TimeUnit.NANOSECONDS);
            }
            attempt(firstRetry, null);
        }

        volatile int attemptsMade;
        volatile String lastReason;

        void attempt(int retry, String reason) {
            if (result.isDone()) {
                return;
            }
            if (deadline.passed()) {
                fail(deadline.exceeded(request.uri(), retry, reason));
                return;
            }
            attemptsMade = retry + 1;
            TransportRequest attempt = deadline.bound(request);
            TransportRequest numbered = RetryPolicy.numbered(attempt, retry);
            log(Level.DEBUG, () -> "--> " + numbered);
            if (observation != null) {
                observation.attempt(attemptsMade);
            }
            CompletableFuture<TransportResponse> exchange;
            try {
                exchange = settings.transport().sendAsync(numbered);
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
            pending = exchange;
            if (result.isDone()) {
                exchange.cancel(true); // cancelled while this attempt was being sent
            }
            exchange.whenComplete((response, failure) -> {
                try {
                    executor.execute(() -> answered(retry, attempt, response, failure));
                } catch (RejectedExecutionException e) {
                    discard(response);
                    SCHEDULER.execute(() -> fail(e)); // listeners never run on the transport's threads
                }
            });
        }

        /** Runs on the async executor: retries, or completes the caller's future. */
        void answered(int retry, TransportRequest attempt, TransportResponse response, Throwable failure) {
            if (result.isDone()) {
                discard(response);
                return;
            }
            boolean last = retry >= policy.maxRetries() || !resendable;
            int attempts = retry + 1;
            if (failure != null) {
                Throwable cause = unwrap(failure);
                if (!(cause instanceof IOException e)) {
                    fail(cause);
                    return;
                }
                if (deadline.passed() || (attempt != request && RetryPolicy.isTimeout(e))) {
                    ApiTimeoutException timeout = deadline.exceeded(request.uri(), attempts, describe(e));
                    timeout.addSuppressed(e);
                    fail(timeout);
                    return;
                }
                if (last || !RetryPolicy.isRetryable(e)) {
                    fail(Requester.failure(request.uri(), e));
                    return;
                }
                retryLater(retry, null, describe(e));
                return;
            }
            log(Level.DEBUG, () -> "<-- " + response.status() + " " + request.method() + " " + request.uri());
            if (observation != null) {
                observation.headers(response.status(), response.headers());
            }
            if (RetryPolicy.isRetryable(response.status(), response.headers()) && policy.maxRetries() > retry) {
                if (resendable) {
                    discard(response);
                    retryLater(retry, response.headers(), "status " + response.status());
                    return;
                }
                log(Level.WARNING, () -> "Not retrying " + request.method() + " " + request.uri() + " after status "
                        + response.status() + ": its body was a one-shot stream that cannot be sent again");
            }
            if (step != OPEN && response.body() instanceof NonBlockingBody signal) {
                // Read the body without a waiting thread, then decode it from memory.
                CompletableFuture<byte[]> body = WholeBodyReader.read(response.body(), signal,
                        settings.streamIdleTimeout(), executor, SCHEDULER);
                pending = body;
                if (result.isDone()) {
                    body.cancel(true);
                }
                body.whenComplete((bytes, readFailure) -> {
                    TransportResponse read = readFailure != null ? null : new TransportResponse(response.status(),
                            response.headers(), new ByteArrayInputStream(bytes));
                    executor.execute(() -> finish(retry, response, read, readFailure));
                });
                return;
            }
            // A body read by blocking on this thread: closing it is what aborts the exchange on a cancel.
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    discard(response);
                }
            });
            finish(retry, response, response, null);
        }

        /** Runs the step on the answer, its body read by now unless the step reads it; retries what may be. */
        void finish(int retry, TransportResponse response, TransportResponse read, Throwable readFailure) {
            if (result.isDone()) {
                discard(response);
                return;
            }
            boolean last = retry >= policy.maxRetries() || !resendable;
            try {
                if (readFailure != null) {
                    Throwable cause = unwrap(readFailure);
                    if (cause instanceof IOException e) {
                        throw e;
                    }
                    fail(cause);
                    return;
                }
                if (!succeed(step.apply(read))) {
                    discard(response); // cancelled meanwhile
                }
            } catch (IOException e) {
                discard(response);
                if (last || !RetryPolicy.isRetryable(e)) {
                    fail(Requester.failure(request.uri(), e));
                    return;
                }
                retryLater(retry, null, describe(e));
            } catch (RuntimeException e) {
                fail(e);
            }
        }

        /** Schedules the next attempt after the policy's wait, unless the wait would pass the call timeout. */
        void retryLater(int retry, Headers headers, String reason) {
            int next = retry + 1;
            lastReason = reason;
            Duration wait = policy.delay(next, headers, clock.now(), clock.random());
            if (deadline.wouldPass(wait)) {
                fail(deadline.exceededBefore(request.uri(), retry + 1, wait, reason));
                return;
            }
            log(Level.INFO, () -> "Retrying " + request.method() + " " + request.uri() + " in " + wait.toMillis()
                    + " ms (retry " + next + " of " + policy.maxRetries() + ") after " + reason);
            if (observation != null) {
                observation.retry(next, requester.scrub(reason), wait);
            }
            pending = SCHEDULER.schedule(() -> onExecutor(() -> attempt(next, reason), this::fail), wait.toNanos(),
                    TimeUnit.NANOSECONDS);
            if (result.isDone()) {
                cancel(pending);
            }
        }

        /** Completes the caller's future, telling the listeners first so they have heard by the time it sees it. */
        boolean succeed(T value) {
            if (endsObservation && observation != null && !result.isDone()) {
                observation.finish((ApiResponse) value);
            }
            return result.complete(value);
        }

        void fail(Throwable failure) {
            if (endsObservation && observation != null && !result.isDone()) {
                observation.fail(failure);
            }
            result.completeExceptionally(failure);
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void log(Level level, Supplier<String> message) {
        Log.shared().log(level, () -> requester.scrub(message.get()));
    }
}
