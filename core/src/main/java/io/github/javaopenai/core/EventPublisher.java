package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.transport.NonBlockingBody;
import io.github.javaopenai.transport.TransportResponse;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * Delivers the events of a streamed answer to a {@link Flow.Subscriber} as decoded JSON objects:
 * the async form of {@link EventStream}, with the same events, ends and failures.
 *
 * <p>Each subscription sends the request anew (a cold publisher). Demand is honoured: the body is
 * read only while the subscriber has demand or nothing is decoded ahead, so at most one read
 * chunk's events wait here and a slow subscriber slows the socket. {@link Flow.Subscription#cancel()}
 * aborts the exchange. Failures arrive as {@code onError} with the exceptions the pull stream
 * throws: the {@link ApiException} for an error status, a {@link StreamException} for an error
 * event, data that is not JSON or a stream cut short before its last event, a
 * {@link StreamTimeoutException} after the stream idle timeout, a {@link ConnectionException} for a
 * broken connection. Every signal runs on the client's async executor, one at a time, never on the
 * HTTP client's threads. While the body has nothing to read no thread waits, with a transport whose
 * bodies are {@link NonBlockingBody} (the default one's are).
 *
 * @since 0.1
 */
public final class EventPublisher implements Flow.Publisher<JsonNode> {

    private final URI uri;
    private final Supplier<? extends Opener> openers;
    private final Executor executor;
    private final ScheduledExecutorService scheduler;
    private final Duration idleTimeout;
    private final int maxEventBytes;

    private EventPublisher(URI uri, Supplier<? extends Opener> openers, Executor executor,
            ScheduledExecutorService scheduler, Duration idleTimeout, int maxEventBytes) {
        this.uri = uri;
        this.openers = openers;
        this.executor = executor;
        this.scheduler = scheduler;
        this.idleTimeout = idleTimeout;
        this.maxEventBytes = maxEventBytes;
    }

    /**
     * Opens the exchange of a subscription, and opens it again after a failure that came before
     * any event: until an event is decoded nothing can be delivered twice.
     */
    @FunctionalInterface
    public interface Opener {
        /**
         * Returns the answer of attempt {@code retry} (0 for the first), or for a later attempt a
         * future failed with {@code failure} when it is not to be retried.
         *
         * @param failure why the previous attempt failed before its first event; null for the first
         */
        CompletableFuture<TransportResponse> open(int retry, RuntimeException failure);

        /** Hears of each event as it is decoded, before it is delivered; on the executor. */
        default void event(JsonNode event) {
        }

        /** Hears that the server answered with one whole object rather than a stream; on the executor. */
        default void whole(ApiResponse answer) {
        }

        /**
         * Hears, once, how the subscription ended: null when the stream ended cleanly, the failure
         * signalled otherwise, a {@link CancellationException} when it was cancelled before its
         * end. Runs on the executor, before the subscriber's terminal signal; on the scheduler
         * only when the executor refused the subscription's work.
         */
        default void ended(Throwable failure) {
        }
    }

    /**
     * Returns a publisher of the events of the answers {@code open} gives, one exchange per
     * subscription; for the client's engine, which decides the retries.
     */
    public static EventPublisher of(URI uri, Opener open, Executor executor,
            ScheduledExecutorService scheduler, Duration idleTimeout, int maxEventBytes) {
        Objects.requireNonNull(open);
        return of(uri, () -> open, executor, scheduler, idleTimeout, maxEventBytes);
    }

    /**
     * Returns a publisher as {@link #of(URI, Opener, Executor, ScheduledExecutorService, Duration, int)}
     * does, taking a new opener for each subscription on the thread that subscribes: one observed
     * call per subscription.
     */
    public static EventPublisher of(URI uri, Supplier<? extends Opener> openers, Executor executor,
            ScheduledExecutorService scheduler, Duration idleTimeout, int maxEventBytes) {
        return new EventPublisher(Objects.requireNonNull(uri), Objects.requireNonNull(openers),
                Objects.requireNonNull(executor), Objects.requireNonNull(scheduler), Objects.requireNonNull(idleTimeout),
                maxEventBytes);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super JsonNode> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber == null");
        new EventDelivery(subscriber, Objects.requireNonNull(openers.get(), "opener == null"), uri, executor, scheduler,
                idleTimeout, maxEventBytes).drain();
    }

    @Override
    public String toString() {
        return "EventPublisher[" + uri + "]";
    }
}
