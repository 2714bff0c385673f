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
 * takes one request and an estimate of its tokens (a token per four bytes of body) from it. Within
 * a window, what is used is the larger of what this client sent and what the server last said was
 * used (answers overtake each other, and others may share the key), so requests in flight count
 * once. When the budget is spent, requests wait until the latest reset the server announced for
 * the window, and go as soon as it passes, with the full limit again. Until a first answer has
 * arrived, nothing is held back.
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

    /**
     * One limit's window as this client sees it: what it sent in the window and the most the
     * server said was used in it. A window ends at the latest reset the server announced for it;
     * the next window starts with the full limit, less what is still in flight from the last.
     */
    private static final class Budget {
        long limit = -1;
        /** Counts the windows: an answer counts only for the window its request was sent in. */
        long window;
        long resetAt;
        /** Whether an answer from this window has set {@link #resetAt}; until then it is a guess. */
        boolean heard;
        /** Spent in this window by the requests sent in it (and those still in flight from before). */
        long sent;
        /** The most the server said was used in this window: others may share the key. */
        long used;
        long inFlight;
        long inFlightThisWindow;
        /** The longest reset announced: about the window's length. */
        long span = TimeUnit.SECONDS.toNanos(1);

        /**
         * Starts the next window once this one has reset. A window none of whose answers has come
         * back yet waits for one, since its reset is only a guess until then.
         */
        void refresh(long now) {
            if (limit >= 0 && now - resetAt >= 0 && (heard || inFlightThisWindow == 0)) {
                window++;
                sent = inFlight; // in flight across the reset: the server may count them in either window
                used = 0;
                inFlightThisWindow = 0;
                heard = false;
                resetAt = now + span; // until an answer from the new window says otherwise
            }
        }

        boolean fits(long amount) {
            return limit < 0 || limit - Math.max(sent, used) >= Math.min(amount, Math.max(limit, 1));
        }

        /** Whether waiting for the reset time is enough, rather than for an answer. */
        boolean resetKnown() {
            return heard || inFlightThisWindow == 0;
        }

        long take(long amount) {
            sent += amount;
            inFlight += amount;
            inFlightThisWindow += amount;
            return window;
        }

        /**
         * Takes an answer's count. Answers overtake each other, so the count used is the largest
         * heard in the window, and the reset the latest; an answer from a window already over
         * tells nothing about this one.
         */
        void update(long amount, long sentIn, long newLimit, long newRemaining, long reset, long now) {
            inFlight -= amount;
            if (sentIn != window) {
                return;
            }
            inFlightThisWindow -= amount;
            if (newRemaining < 0) {
                return;
            }
            span = Math.max(span, reset);
            limit = newLimit >= 0 ? newLimit : Math.max(limit, newRemaining + amount);
            used = Math.max(used, limit - newRemaining);
            long newResetAt = now + reset + RESET_MARGIN;
            resetAt = heard && resetAt - newResetAt > 0 ? resetAt : newResetAt;
            heard = true;
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
        long[] windows = acquire(tokenCount);
        Headers answered = Headers.empty();
        try {
            TransportResponse response = delegate.send(request);
            answered = response.headers();
            return response;
        } finally {
            update(tokenCount, windows, answered);
        }
    }

    /** Estimates a request's tokens as the API's rule of thumb does: about four bytes each. */
    static long estimateTokens(TransportRequest request) {
        long length = request.hasBody() ? request.body().contentLength() : 0;
        return length <= 0 ? 1 : (length + 3) / 4;
    }

    /** Waits until both budgets have room, takes from them and returns the windows taken from. */
    private long[] acquire(long tokenCount) throws InterruptedIOException {
        lock.lock();
        try {
            while (true) {
                long now = System.nanoTime();
                requests.refresh(now);
                tokens.refresh(now);
                if (requests.fits(1) && tokens.fits(tokenCount)) {
                    return new long[] {requests.take(1), tokens.take(tokenCount)};
                }
                long until = Long.MAX_VALUE;
                if (!requests.fits(1)) {
                    until = Math.min(until, wait(requests, now));
                }
                if (!tokens.fits(tokenCount)) {
                    until = Math.min(until, wait(tokens, now));
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

    /** How long to wait for a budget: until its reset, or for an answer (signalled) if that is unknown. */
    private static long wait(Budget budget, long now) {
        return budget.resetKnown() ? budget.resetAt - now : budget.span;
    }

    private void update(long tokenCount, long[] windows, Headers headers) {
        long now = System.nanoTime();
        long requestLimit = number(headers, "x-ratelimit-limit-requests");
        long requestsLeft = number(headers, "x-ratelimit-remaining-requests");
        long requestsReset = duration(headers, "x-ratelimit-reset-requests");
        long tokenLimit = number(headers, "x-ratelimit-limit-tokens");
        long tokensLeft = number(headers, "x-ratelimit-remaining-tokens");
        long tokensReset = duration(headers, "x-ratelimit-reset-tokens");
        lock.lock();
        try {
            requests.update(1, windows[0], requestLimit, requestsLeft, requestsReset, now);
            tokens.update(tokenCount, windows[1], tokenLimit, tokensLeft, tokensReset, now);
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
