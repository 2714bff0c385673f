package io.github.javaopenai.listener;

import io.github.javaopenai.transport.Headers;
import java.time.Duration;

/**
 * Observes the calls of one client: one callback per step of a call, all on the calling thread
 * (for a pull stream, on the thread pulling the events). Every method does nothing by default;
 * override the ones you need.
 *
 * <p>Async calls and streams from {@code client.async()} are observed too, each subscription to a
 * stream's publisher being one call: {@link #onRequestStart} and the first {@link #onAttempt} run on
 * the thread that calls the method or subscribes, so a tracer finds its context there; the other
 * callbacks run on the client's async executor, never on the HTTP client's threads, and a future's
 * listeners have heard its outcome before it completes. Cancelling the future or the subscription is
 * reported as {@link #onError} with a {@link java.util.concurrent.CancellationException}, on the
 * cancelling thread for a future. Only when that executor refuses work do the listeners hear of
 * the refusal on the engine's scheduler thread.
 *
 * <p>A call runs {@link #onRequestStart} once; {@link #onAttempt} before each attempt, with
 * {@link #onRetry} between attempts; {@link #onHeaders} when an attempt gets an answer; for a
 * stream {@link #onFirstStreamEvent} and {@link #onStreamEnd}; and ends with exactly one of
 * {@link #onFinish} (a successful status) or {@link #onError} (an error status, or an exception).
 *
 * <p>A listener that throws never breaks the call: the exception is logged once per listener at
 * WARNING and the call goes on. Listeners should return quickly, since they run on the call's path.
 *
 * @since 0.1
 */
public interface OpenAIListener {

    /**
     * Called once before the first attempt; {@link Call#setRequestHeader} may add headers to every
     * attempt of this call, such as a trace context.
     */
    default void onRequestStart(Call call) {
    }

    /** Called before each attempt is sent; {@code attempt} is 1 for the first. */
    default void onAttempt(Call call, int attempt) {
    }

    /** Called when an attempt failed and another follows after {@code wait}; {@code retry} is 1 for the first retry. */
    default void onRetry(Call call, int retry, String reason, Duration wait) {
    }

    /** Called when an attempt gets its status and headers (also for an attempt that will be retried). */
    default void onHeaders(Call call, int status, Headers headers) {
    }

    /** Called when the first event of a stream arrives: the time to first token. */
    default void onFirstStreamEvent(Call call) {
    }

    /** Called when a stream ended cleanly after {@code events} events, just before {@link #onFinish}. */
    default void onStreamEnd(Call call, long events) {
    }

    /** Called once when the call succeeded, with what the answer says about itself. */
    default void onFinish(Call call, CallResult result) {
    }

    /**
     * Called once when the call failed: with an {@link io.github.javaopenai.errors.ApiException}
     * for an error status (the call itself may still return that answer), or with the exception
     * the call throws.
     */
    default void onError(Call call, Throwable error) {
    }
}
