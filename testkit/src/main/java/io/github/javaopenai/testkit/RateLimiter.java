package io.github.javaopenai.testkit;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enforces a requests and tokens limit per window, as the API's per-minute limits do, and says so
 * in the {@code x-ratelimit-*} headers of every answer; a request over either limit gets a 429.
 * Tokens are counted as a quarter of the body's bytes.
 */
final class RateLimiter {

    /** Whether a request was let through, and the headers that describe the budget left. */
    record Decision(boolean allowed, String exceeded, Map<String, String> headers) {
    }

    private final int maxRequests;
    private final long maxTokens;
    private final long windowNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private long windowStart = System.nanoTime();
    private int requests;
    private long tokens;
    private int refused;

    RateLimiter(int maxRequests, long maxTokens, Duration window) {
        this.maxRequests = maxRequests;
        this.maxTokens = maxTokens;
        this.windowNanos = window.toNanos();
    }

    Decision admit(int bodyBytes) {
        long cost = bodyBytes <= 0 ? 1 : (bodyBytes + 3) / 4;
        lock.lock();
        try {
            long now = System.nanoTime();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                requests = 0;
                tokens = 0;
            }
            String exceeded = requests + 1 > maxRequests ? "requests" : tokens + cost > maxTokens ? "tokens" : null;
            if (exceeded == null) {
                requests++;
                tokens += cost;
            } else {
                refused++;
            }
            String reset = (windowNanos - (now - windowStart) + 999_999) / 1_000_000 + "ms"; // rounded up
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("x-ratelimit-limit-requests", String.valueOf(maxRequests));
            headers.put("x-ratelimit-remaining-requests", String.valueOf(maxRequests - requests));
            headers.put("x-ratelimit-reset-requests", reset);
            headers.put("x-ratelimit-limit-tokens", String.valueOf(maxTokens));
            headers.put("x-ratelimit-remaining-tokens", String.valueOf(maxTokens - tokens));
            headers.put("x-ratelimit-reset-tokens", reset);
            return new Decision(exceeded == null, exceeded, headers);
        } finally {
            lock.unlock();
        }
    }

    int refused() {
        lock.lock();
        try {
            return refused;
        } finally {
            lock.unlock();
        }
    }
}
