package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.sse.SseDecoder;
import io.github.javaopenai.sse.SseException;
import io.github.javaopenai.transport.NonBlockingBody;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscription of an {@link EventPublisher}. Every signal and every read happens in {@link #drainLoop()}, which runs on
 * the executor and never on two threads at once (the {@code wip} counter), so the fields that
 * are not volatile are only touched there.
 */
final class EventDelivery implements Flow.Subscription {
    private static final int CHUNK = 8192;
    /** Marks a clean end: the terminal signal is onComplete. */
    private static final Throwable COMPLETE = new Throwable("complete", null, false, false) { };

    private final URI uri;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Duration idleTimeout;
    private final int maxEventBytes;
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong demand = new AtomicLong();
    private final ArrayDeque<JsonNode> ready = new ArrayDeque<>();
    private final byte[] chunk = new byte[CHUNK];
    private final EventPublisher.Opener open;
    private final AtomicBoolean endReported = new AtomicBoolean();
    private volatile Flow.Subscriber<? super JsonNode> subscriber; // dropped once done
    private volatile boolean cancelled;
    private volatile IllegalArgumentException badRequest;
    private volatile CompletableFuture<TransportResponse> opening;
    private volatile TransportResponse response;
    private volatile Throwable openFailure;
    private volatile Future<?> idleTimer;
    private volatile boolean idleFired;
    private boolean subscribed;
    private boolean done;
    private InputStream body;
    private SseDecoder decoder; // null when the server answered whole, not with an event stream
    private ByteArrayOutputStream whole;
    private StreamEnd end;
    private Throwable terminal; // COMPLETE or the failure, signalled once the ready events are out
    private boolean decodedAny; // once an event is decoded, a failure is never retried
    private int retries; // attempts before the current one

    EventDelivery(Flow.Subscriber<? super JsonNode> subscriber, EventPublisher.Opener open, URI uri, Executor executor,
            ScheduledExecutorService scheduler, Duration idleTimeout, int maxEventBytes) {
        this.subscriber = subscriber;
        this.open = open;
        this.uri = uri;
        this.executor = executor;
        this.scheduler = scheduler;
        this.idleTimeout = idleTimeout;
        this.maxEventBytes = maxEventBytes;
    }

    /** Tells the opener, once, how the subscription ended. */
    private void reportEnd(Throwable failure) {
        if (endReported.compareAndSet(false, true)) {
            open.ended(failure);
        }
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException(
                    "request(n) needs a positive n (Reactive Streams rule 3.9), got " + n);
        } else {
            demand.getAndAccumulate(n, (now, more) -> now + more < 0 ? Long.MAX_VALUE : now + more);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        abort();
        drain(); // lets the loop drop the subscriber
    }

    private void abort() {
        CompletableFuture<TransportResponse> pending = opening;
        if (pending != null) {
            pending.cancel(true);
        }
        TransportResponse answered = response;
        if (answered != null) {
            closeQuietly(answered);
        }
        Future<?> timer = idleTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void drain() {
        if (wip.getAndIncrement() == 0) {
            try {
                executor.execute(this::drainLoop);
            } catch (RejectedExecutionException e) {
                cancelled = true;
                abort();
                // This thread may be the HTTP client's own: the opener hears of it on the scheduler.
                scheduler.execute(() -> reportEnd(e));
            }
        }
    }

    private void drainLoop() {
        int missed = 1;
        while (true) {
            try {
                step();
            } catch (RuntimeException | Error e) {
                // A subscriber that throws breaks rule 2.13: its subscription is cancelled.
                cancelled = true;
                abort();
                finish();
                reportEnd(e);
            }
            missed = wip.addAndGet(-missed);
            if (missed == 0) {
                return;
            }
        }
    }

    private void step() {
        if (done) {
            return;
        }
        if (!subscribed) {
            subscribed = true;
            subscriber.onSubscribe(this);
            if (!cancelled) {
                startAttempt(null);
            }
        }
        while (true) {
            if (cancelled) {
                abort();
                finish();
                reportEnd(new CancellationException("the subscription was cancelled before the stream's end"));
                return;
            }
            if (badRequest != null) {
                abort();
                signalError(badRequest);
                return;
            }
            if (body == null && !begin()) {
                return;
            }
            if (!ready.isEmpty()) {
                if (demand.get() == 0) {
                    return; // nothing more is read until the subscriber asks: the socket waits
                }
                demand.decrementAndGet();
                subscriber.onNext(ready.poll());
                continue;
            }
            if (terminal != null) {
                if (terminal == COMPLETE) {
                    Flow.Subscriber<? super JsonNode> s = subscriber;
                    finish();
                    reportEnd(null); // already told, for a whole answer
                    s.onComplete();
                } else {
                    signalError(terminal);
                }
                return;
            }
            if (body instanceof NonBlockingBody nonBlocking && !nonBlocking.readable()) {
                watchIdle();
                nonBlocking.whenReadable(this::drain);
                return;
            }
            readChunk();
        }
    }

    /** Opens the exchange (again, after {@code failure}); its answer arrives through {@link #drain()}. */
    private void startAttempt(RuntimeException failure) {
        CompletableFuture<TransportResponse> pending;
        try {
            pending = open.open(retries, failure);
        } catch (RuntimeException e) {
            pending = CompletableFuture.failedFuture(e);
        }
        opening = pending;
        pending.whenComplete((answer, error) -> {
            if (error != null) {
                openFailure = error;
            } else {
                response = answer;
                if (cancelled) {
                    closeQuietly(answer);
                }
            }
            drain();
        });
        if (cancelled) {
            abort();
        }
    }

    /**
     * Tries the exchange again when it failed before its first event, if the opener allows:
     * true when a new attempt is under way, false when the failure is to be signalled.
     */
    private boolean retryBeforeFirstEvent(RuntimeException failure) {
        if (decodedAny || !(failure instanceof ConnectionException || failure instanceof StreamTimeoutException)) {
            return false;
        }
        retries++;
        Future<?> timer = idleTimer;
        if (timer != null) {
            timer.cancel(false); // it would close the next attempt's answer
        }
        response = null;
        openFailure = null;
        body = null;
        decoder = null;
        whole = null;
        end = null;
        terminal = null;
        idleFired = false;
        idleTimer = null;
        startAttempt(failure);
        return true;
    }

    /** Takes the answer once it is there; false while it is still awaited. */
    private boolean begin() {
        Throwable failed = openFailure;
        if (failed != null) {
            signalError(unwrap(failed));
            return false;
        }
        TransportResponse answer = response;
        if (answer == null) {
            return false;
        }
        body = answer.body();
        end = StreamEnd.forPath(uri.getPath());
        if (isEventStream(answer)) {
            decoder = new SseDecoder(maxEventBytes);
        } else {
            whole = new ByteArrayOutputStream();
        }
        return true;
    }

    private void readChunk() {
        int n;
        try {
            n = body.read(chunk);
        } catch (IOException e) {
            closeQuietly(response);
            if (cancelled) {
                terminal = COMPLETE;
                return;
            }
            RuntimeException failure = idleFired ? new StreamTimeoutException(idleTimeout, e)
                    : new ConnectionException(uri, e);
            if (!retryBeforeFirstEvent(failure)) {
                terminal = failure;
            }
            return;
        }
        stopIdleWatch();
        try {
            if (n < 0) {
                ended();
            } else if (decoder == null) {
                whole.write(chunk, 0, n);
            } else {
                decoder.feed(chunk, 0, n);
                for (SseDecoder.RawEvent event = decoder.nextRaw(); event != null && terminal == null;
                        event = decoder.nextRaw()) {
                    accept(event);
                }
            }
        } catch (SseException e) {
            closeQuietly(response);
            terminal = new StreamException(e.getMessage(), e);
        }
    }

    private void ended() {
        closeQuietly(response);
        if (decoder == null) {
            JsonNode answer = Json.decodeBody(whole.toByteArray());
            TransportResponse r = response;
            if (endReported.compareAndSet(false, true)) {
                open.whole(new ApiResponse(r.status(), answer, r.headers()));
            }
            if (r.status() < 200 || r.status() >= 300) {
                terminal = ApiException.from(r.status(), r.headers(), answer);
            } else {
                decodedAny = true;
                ready.add(answer); // a server that ignored "stream": its whole answer is the one event
                terminal = COMPLETE;
            }
            return;
        }
        SseDecoder.RawEvent last = decoder.finishRaw();
        if (last != null) {
            accept(last);
        }
        if (terminal == null) {
            terminal = end.isComplete() ? COMPLETE
                    : new StreamException(end.endedEarlyMessage(), response.status(), null);
        }
    }

    /** Decodes one event as the pull stream does: the end marker, an error event, or the next event. */
    private void accept(SseDecoder.RawEvent event) {
        if (event.isDone()) {
            closeQuietly(response);
            terminal = COMPLETE;
            return;
        }
        JsonNode json = EventStream.parse(event);
        if (json == null) {
            closeQuietly(response);
            String data = event.data();
            terminal = new StreamException("A stream event's data is not JSON (" + data.length() + " chars): "
                    + (data.length() <= 500 ? data : data.substring(0, 500) + "..."), response.status(),
                    TextNode.valueOf(data));
            return;
        }
        decodedAny = true;
        end.observe(event.type(), json);
        open.event(json);
        if (EventStream.isError(event.type(), json)) {
            closeQuietly(response);
            terminal = new StreamException(EventStream.errorMessage(json), response.status(), json);
            return;
        }
        ready.add(json);
    }

    /** Fails the stream when the body stays silent for the idle timeout while it is awaited. */
    private void watchIdle() {
        if (idleTimer == null) {
            idleTimer = scheduler.schedule(() -> {
                idleFired = true;
                closeQuietly(response); // wakes the waiting read with a failure
                drain();
            }, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void stopIdleWatch() {
        Future<?> timer = idleTimer;
        if (timer != null && !idleFired) {
            timer.cancel(false);
            idleTimer = null;
        }
    }

    private void signalError(Throwable failure) {
        Flow.Subscriber<? super JsonNode> s = subscriber;
        finish();
        reportEnd(failure);
        s.onError(failure);
    }

    /** Ends the subscription: no more signals, and no reference kept to the subscriber (rule 3.13). */
    private void finish() {
        done = true;
        subscriber = null;
        ready.clear();
        Future<?> timer = idleTimer;
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private static boolean isEventStream(TransportResponse response) {
        String type = response.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith("text/event-stream")) {
            return true;
        }
        boolean success = response.status() >= 200 && response.status() < 300;
        return success && !type.contains("json") && !type.startsWith("text/html");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static void closeQuietly(TransportResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // Aborting or finished: nothing more to read, nothing to report.
        }
    }
}
