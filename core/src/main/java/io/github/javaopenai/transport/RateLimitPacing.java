package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paces requests by the rate limit headers the API sends, so that a burst of concurrent calls
 * waits for the window to reset instead of ending in a storm of 429s: a transport that wraps
 * another and holds each request until the budget it last heard of has room for it.
 *
 * <p>Each answer's {@code x-ratelimit-limit-*}, {@code x-ratelimit-remaining-*} and
 * {@code x-ratelimit-reset-*} headers (requests and tokens) set the budget; each request sent
 * takes one request and an estimate of its tokens (a token per four bytes of body) from it. When
 * the budget is spent, requests wait until the reset the server announced, then the budget is
 * the full limit again. Until a first answer has arrived, nothing is held back.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder().transport(RateLimitPacing.wrap(JdkHttpTransport.create())).build();
 * }</pre>
 *
 * <p>Thread-safe; one instance paces every call of the clients that share it. A waiting request
 * answers an interrupt with an {@link InterruptedIOException}.
 *
 * @since 0.1
 */
public final class RateLimitPacing implements Transport {

    /** Waits this much past an announced reset: the announcement is rounded, and clocks differ. */
    private static final long RESET_MARGIN = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private final Transport delegate;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Budget requests = new Budget();
    private final Budget tokens = new Budget();

    /** What is left of one limit in the current window, as last heard and since spent. */
    private static final class Budget {
        long limit = -1;
        long remaining = -1;
        long resetAt;
        /** Spent by requests sent and not answered yet: an answer's count may not include them. */
        long inFlight;
        /** The longest reset announced: about the window's length. */
        long span = TimeUnit.SECONDS.toNanos(1);
        long refreshedAt = Long.MIN_VALUE / 2;

        /** Refills the budget once the server's window has reset. */
        void refresh(long now) {
            if (remaining >= 0 && now - resetAt >= 0) {
                remaining = limit < 0 ? -1 : Math.max(0, limit - inFlight);
                refreshedAt = now;
                resetAt = now + span; // until an answer from the new window says otherwise
            }
        }

        boolean fits(long amount) {
            return remaining < 0 || remaining >= Math.min(amount, Math.max(limit, 1));
        }

        void take(long amount) {
            inFlight += amount;
            if (remaining >= 0) {
                remaining = Math.max(0, remaining - amount);
            }
        }

        /**
         * Takes an answer's count. Answers overtake each other, so within a window the count only
         * goes down (a later answer may tell of an earlier moment), what is still in flight comes
         * off it, and an answer from a window already over is ignored.
         */
        void update(long amount, long newLimit, long newRemaining, long reset, long now) {
            inFlight -= amount;
            if (newRemaining < 0) {
                return;
            }
            span = Math.max(span, reset);
            long newResetAt = now + reset + RESET_MARGIN;
            if (remaining >= 0 && newResetAt - (refreshedAt + span / 2) < 0) {
                return;
            }
            limit = newLimit >= 0 ? newLimit : Math.max(limit, newRemaining);
            long left = Math.max(0, newRemaining - inFlight);
            remaining = remaining < 0 ? left : Math.min(remaining, left);
            resetAt = newResetAt;
        }
    }

    private RateLimitPacing(Transport delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    }

    /** Returns a transport sending through {@code delegate}, paced by the rate limits it hears of. */
    public static RateLimitPacing wrap(Transport delegate) {
        return new RateLimitPacing(delegate);
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        long tokenCount = estimateTokens(request);
        acquire(tokenCount);
        Headers answered = Headers.empty();
        try {
            TransportResponse response = delegate.send(request);
            answered = response.headers();
            return response;
        } finally {
            update(tokenCount, answered);
        }
    }

    /** Estimates a request's tokens as the API's rule of thumb does: about four bytes each. */
    static long estimateTokens(TransportRequest request) {
        long length = request.hasBody() ? request.body().contentLength() : 0;
        return length <= 0 ? 1 : (length + 3) / 4;
    }

    private void acquire(long tokenCount) throws InterruptedIOException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                requests.refresh(now);
                tokens.refresh(now);
                if (requests.fits(1) && tokens.fits(tokenCount)) {
                    requests.take(1);
                    tokens.take(tokenCount);
                    return;
                }
                long until = Long.MAX_VALUE;
                if (!requests.fits(1)) {
                    until = Math.min(until, requests.resetAt - now);
                }
                if (!tokens.fits(tokenCount)) {
                    until = Math.min(until, tokens.resetAt - now);
                }
                changed.awaitNanos(Math.max(until, TimeUnit.MILLISECONDS.toNanos(1)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the rate limit to reset");
        } finally {
            lock.unlock();
        }
    }

    private void update(long tokenCount, Headers headers) {
        long now = System.nanoTime();
        long requestLimit = number(headers, "x-ratelimit-limit-requests");
        long requestsLeft = number(headers, "x-ratelimit-remaining-requests");
        long requestsReset = duration(headers, "x-ratelimit-reset-requests");
        long tokenLimit = number(headers, "x-ratelimit-limit-tokens");
        long tokensLeft = number(headers, "x-ratelimit-remaining-tokens");
        long tokensReset = duration(headers, "x-ratelimit-reset-tokens");
        lock.lock();
        try {
            requests.update(1, requestLimit, requestsLeft, requestsReset, now);
            tokens.update(tokenCount, tokenLimit, tokensLeft, tokensReset, now);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static long number(Headers headers, String name) {
        try {
            return headers.first(name).map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Reads a reset such as {@code 20ms}, {@code 1s} or {@code 6m0s} as nanoseconds; 1 s when absent. */
    static long duration(Headers headers, String name) {
        String value = headers.first(name).orElse("").trim();
        Matcher m = DURATION.matcher(value);
        double nanos = 0;
        boolean any = false;
        while (m.find()) {
            any = true;
            double amount = Double.parseDouble(m.group(1));
            nanos += switch (m.group(2)) {
                case "ms" -> amount * 1e6;
                case "s" -> amount * 1e9;
                case "m" -> amount * 60e9;
                default -> amount * 3600e9;
            };
        }
        return any ? (long) nanos : TimeUnit.SECONDS.toNanos(1);
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "RateLimitPacing{" + delegate + "}";
    }
}
