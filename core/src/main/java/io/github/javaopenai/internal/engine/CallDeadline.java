package io.github.javaopenai.internal.engine;

import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.internal.IdleWatchdog;
import io.github.javaopenai.transport.TransportRequest;
import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

/**
 * The end of one call's time, from the client's call timeout: shared by all its attempts and the
 * waits between them. Without a call timeout nothing is bounded and nothing is scheduled.
 */
final class CallDeadline {

    private static final CallDeadline NONE = new CallDeadline(null, null, null);

    private final Duration limit;
    private final Instant end;
    private final RetryClock clock;

    private CallDeadline(Duration limit, Instant end, RetryClock clock) {
        this.limit = limit;
        this.end = end;
        this.clock = clock;
    }

    /** Starts the clock for a call; {@code limit} null means no call timeout. */
    static CallDeadline start(Duration limit, RetryClock clock) {
        return limit == null ? NONE : new CallDeadline(limit, clock.now().plus(limit), clock);
    }

    /** Returns the time left, or null without a call timeout. */
    Duration left() {
        return limit == null ? null : remaining();
    }

    private Duration remaining() {
        return Duration.between(clock.now(), end);
    }

    /** Returns whether no time is left. */
    boolean passed() {
        if (limit == null) {
            return false;
        }
        Duration left = remaining();
        return left.isNegative() || left.isZero();
    }

    /** Returns whether waiting {@code wait} would use up the time left. */
    boolean wouldPass(Duration wait) {
        return limit != null && wait.compareTo(remaining()) >= 0;
    }

    /**
     * Returns the request with its timeout cut to the time left when that is shorter, or the same
     * request when it is not.
     */
    TransportRequest bound(TransportRequest request) {
        if (limit == null) {
            return request;
        }
        Duration left = remaining();
        if (request.timeout() != null && request.timeout().compareTo(left) <= 0) {
            return request;
        }
        return new TransportRequest(request.method(), request.uri(), request.headers(), request.body(), left);
    }

    /** Closes {@code body} when the time runs out, unless the alarm is cancelled first; null without a limit. */
    IdleWatchdog.Alarm alarm(Closeable body) {
        return limit == null ? null : IdleWatchdog.closeAfter(body, remaining());
    }

    /** Returns the failure of a call whose time ran out after {@code attempts} attempts. */
    ApiTimeoutException exceeded(URI uri, int attempts, String last) {
        return new ApiTimeoutException(uri, new HttpTimeoutException(
                "call timeout of " + limit.toMillis() + " ms reached after " + attempts(attempts) + lastly(last)));
    }

    /** Returns the failure of a call whose next retry would have to wait past its time. */
    ApiTimeoutException exceededBefore(URI uri, int attempts, Duration wait, String last) {
        return new ApiTimeoutException(uri, new HttpTimeoutException(
                "call timeout of " + limit.toMillis() + " ms would pass during the " + wait.toMillis()
                        + " ms wait before the next retry, after " + attempts(attempts) + lastly(last)));
    }

    private static String attempts(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }

    private static String lastly(String last) {
        return last == null ? "" : "; the last failed with " + last;
    }
}
