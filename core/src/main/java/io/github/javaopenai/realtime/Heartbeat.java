package io.github.javaopenai.realtime;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one session's connection whatever its reader does: pings the server after the ping
 * interval without a frame from it, and, with an idle timeout, ends the session once nothing at
 * all (an event, a ping or a pong) came for that long. A live server answers each ping with a
 * pong, so with pings more frequent than the idle timeout only a dead or hung connection times out.
 *
 * <p>Every session shares one daemon timer thread, which only sends pings and starts closes (both
 * return at once); user code never runs there. The thread ends after a few idle seconds when no
 * session is open.
 */
final class Heartbeat implements Runnable {

    private static final Duration MAX_TICK = Duration.ofSeconds(1);
    private static final Duration MIN_TICK = Duration.ofMillis(10);
    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final RealtimeSession session;
    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final ScheduledFuture<?> ticks;
    private long lastPing;

    private Heartbeat(RealtimeSession session, Duration idleTimeout, Duration pingInterval) {
        this.session = session;
        this.idleTimeout = idleTimeout;
        this.pingInterval = pingInterval;
        this.lastPing = System.nanoTime();
        long tick = tick(idleTimeout, pingInterval).toNanos();
        this.ticks = TIMER.scheduleWithFixedDelay(this, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** Starts watching the session, or returns null when its options neither ping nor time out. */
    static Heartbeat start(RealtimeSession session, RealtimeOptions options) {
        if (options.idleTimeout() == null && options.pingInterval() == null) {
            return null;
        }
        return new Heartbeat(session, options.idleTimeout(), options.pingInterval());
    }

    /** Stops watching; idempotent. */
    void stop() {
        ticks.cancel(false);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long silence = session.inbox().silence(now);
        if (idleTimeout != null && silence >= idleTimeout.toNanos()) {
            stop();
            session.idleTimedOut(idleTimeout);
            return;
        }
        if (pingInterval != null && silence >= pingInterval.toNanos() && now - lastPing >= pingInterval.toNanos()) {
            lastPing = now;
            session.ping();
        }
    }

    /** A quarter of the shorter period, so a timeout or a ping comes at most a quarter late, within 10 ms to 1 s. */
    private static Duration tick(Duration idleTimeout, Duration pingInterval) {
        Duration shorter = idleTimeout == null ? pingInterval
                : pingInterval == null || idleTimeout.compareTo(pingInterval) < 0 ? idleTimeout : pingInterval;
        Duration quarter = shorter.dividedBy(4);
        return quarter.compareTo(MIN_TICK) < 0 ? MIN_TICK : quarter.compareTo(MAX_TICK) > 0 ? MAX_TICK : quarter;
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "java-openai-realtime-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(5, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }
}
