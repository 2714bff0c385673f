package io.github.javaopenai.internal.engine;

import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Decides whether a failed attempt is tried again, and how long to wait first.
 *
 * <p>Retried: failures to get a response at all, and statuses 408, 409, 429 and 5xx, unless the
 * server says {@code x-should-retry: false}; any status the server marks
 * {@code x-should-retry: true}. The wait grows from {@link #initialDelay} by doubling up to
 * {@link #maxDelay}, less up to a quarter at random so that clients do not retry in step; a
 * {@code retry-after-ms} or {@code retry-after} header (seconds or an HTTP date) sets the wait
 * instead, capped at {@link #maxRetryAfter}.
 *
 * @param maxRetries how many times a request is tried again after its first attempt
 * @param initialDelay the wait before the first retry
 * @param maxDelay the longest computed wait
 * @param maxRetryAfter the longest wait a server's {@code retry-after} can ask for
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /** The number of retries a client makes unless told otherwise. */
    public static final int DEFAULT_MAX_RETRIES = 2;

    /** The header each attempt carries, holding how many attempts came before it. */
    static final String RETRY_COUNT_HEADER = "X-Retry-Count";

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative: " + maxRetries);
        }
    }

    /** Returns the policy used by clients: 0.5 s doubling to 8 s, server waits up to 60 s. */
    static RetryPolicy of(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));
    }

    /** Returns whether an answer with this status and these headers is worth another attempt. */
    static boolean isRetryable(int status, Headers headers) {
        Optional<String> shouldRetry = headers.first("x-should-retry");
        if (shouldRetry.isPresent()) {
            return shouldRetry.get().trim().equalsIgnoreCase("true");
        }
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /**
     * Returns whether an I/O failure is worth another attempt: every one except an interrupt of
     * the calling thread, which means the caller wants to stop.
     */
    static boolean isRetryable(IOException failure) {
        // A socket timeout is an InterruptedIOException too, but a timeout, not the caller's interrupt.
        return !(failure instanceof InterruptedIOException) || isTimeout(failure);
    }

    /** Returns whether the failure is a timeout, from the JDK client or any other transport. */
    static boolean isTimeout(IOException failure) {
        return failure instanceof HttpTimeoutException || failure instanceof java.net.SocketTimeoutException;
    }

    /**
     * Returns how long to wait before retry number {@code retry} (1 for the first retry).
     *
     * @param headers the failed answer's headers, or null when no answer arrived
     * @param now the current time, to read an HTTP-date {@code retry-after}
     * @param random a number in [0, 1) for the jitter
     */
    Duration delay(int retry, Headers headers, Instant now, double random) {
        if (headers != null) {
            Optional<Duration> asked = retryAfter(headers, now);
            if (asked.isPresent()) {
                return asked.get().compareTo(maxRetryAfter) > 0 ? maxRetryAfter : asked.get();
            }
        }
        long doubled = initialDelay.toMillis() << Math.min(retry - 1, 20);
        long capped = Math.min(doubled, maxDelay.toMillis());
        return Duration.ofMillis(Math.round(capped * (1 - 0.25 * random)));
    }

    /** Returns the wait the server asked for, if it asked in a form that can be read. */
    static Optional<Duration> retryAfter(Headers headers, Instant now) {
        Optional<String> millis = headers.first("retry-after-ms");
        if (millis.isPresent()) {
            Optional<Duration> parsed = seconds(millis.get(), 0.001);
            if (parsed.isPresent()) {
                return parsed;
            }
        }
        Optional<String> value = headers.first("retry-after");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> seconds = seconds(value.get(), 1);
        return seconds.isPresent() ? seconds : date(value.get(), now);
    }

    private static Optional<Duration> seconds(String text, double unit) {
        try {
            double amount = Double.parseDouble(text.trim());
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                return Optional.empty();
            }
            return Optional.of(Duration.ofMillis(Math.round(Math.min(amount * unit, 1e9) * 1000)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Duration> date(String text, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns the request carrying the number of attempts made before it. */
    static TransportRequest numbered(TransportRequest request, int retry) {
        return new TransportRequest(request.method(), request.uri(),
                request.headers().with(RETRY_COUNT_HEADER, Integer.toString(retry)), request.body(), request.timeout());
    }
}
