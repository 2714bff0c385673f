package io.github.javaopenai.internal;

import java.io.Closeable;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Aborts streams that stop delivering bytes for longer than their idle timeout, and closes what
 * must not outlive a call's timeout.
 *
 * <p>One daemon thread serves every stream. Each watched stream costs one scheduled task, which
 * re-arms itself for the remaining time when bytes arrived meanwhile, so a read only records a
 * timestamp.
 */
public final class IdleWatchdog {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private IdleWatchdog() {
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "java-openai-stream-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        // A task that becomes the head of the queue wakes the timer thread; with every request
        // watched, that was one thread wake-up per request. This tick keeps an earlier task at the
        // head, so arming a check minutes away wakes nobody; the thread runs once a second instead.
        timer.scheduleAtFixedRate(() -> { }, 1, 1, TimeUnit.SECONDS);
        return timer;
    }

    /**
     * Wraps a stream so that it is closed when no byte arrives for {@code idle}; the returned
     * stream reports that through {@link WatchedStream#timedOut()}.
     */
    public static WatchedStream watch(InputStream in, Duration idle) {
        return new WatchedStream(in, idle.toNanos());
    }

    /**
     * Closes {@code target} once {@code delay} has passed, unless the returned alarm is cancelled
     * first; it costs one scheduled task and nothing per read.
     */
    public static Alarm closeAfter(Closeable target, Duration delay) {
        Alarm alarm = new Alarm(target);
        alarm.task = TIMER.schedule(alarm::fire, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        return alarm;
    }

    /** A pending {@link #closeAfter} that either fires or is cancelled, never both. */
    public static final class Alarm {
        private static final int ARMED = 0;
        private static final int FIRED = 1;
        private static final int CANCELLED = 2;

        private final Closeable target;
        private final AtomicInteger state = new AtomicInteger(ARMED);
        private volatile ScheduledFuture<?> task;

        private Alarm(Closeable target) {
            this.target = target;
        }

        private void fire() {
            if (state.compareAndSet(ARMED, FIRED)) {
                try {
                    target.close();
                } catch (IOException e) {
                    // Abandoned; the reader sees that the alarm fired.
                }
            }
        }

        /** Returns whether the alarm fired and closed its target. */
        public boolean fired() {
            return state.get() == FIRED;
        }

        /** Stops the alarm; returns false when it already fired. */
        public boolean cancel() {
            if (state.compareAndSet(ARMED, CANCELLED)) {
                ScheduledFuture<?> pending = task;
                if (pending != null) {
                    pending.cancel(false);
                }
                return true;
            }
            return state.get() != FIRED;
        }
    }

    /** An input stream closed by the watchdog when idle for too long. */
    public static final class WatchedStream extends FilterInputStream {
        private final long idleNanos;
        private volatile long lastActivity = System.nanoTime();
        private volatile boolean timedOut;
        private volatile boolean closed;
        private volatile ScheduledFuture<?> check;

        private WatchedStream(InputStream in, long idleNanos) {
            super(in);
            this.idleNanos = idleNanos;
            arm(idleNanos);
        }

        /** Returns the idle timeout this stream is watched with. */
        public java.time.Duration idleTimeout() {
            return java.time.Duration.ofNanos(idleNanos);
        }

        /** Returns whether the watchdog closed this stream for being idle. */
        public boolean timedOut() {
            return timedOut;
        }

        private void arm(long delayNanos) {
            check = TIMER.schedule(this::check, delayNanos, TimeUnit.NANOSECONDS);
        }

        private void check() {
            if (closed) {
                return;
            }
            long idleFor = System.nanoTime() - lastActivity;
            if (idleFor < idleNanos) {
                arm(idleNanos - idleFor);
                if (closed) {
                    check.cancel(false); // closed while re-arming: drop the new task too
                }
                return;
            }
            timedOut = true;
            try {
                close();
            } catch (IOException e) {
                // The stream is being abandoned; the reader sees the timeout flag.
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            lastActivity = System.nanoTime();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            lastActivity = System.nanoTime();
            return n;
        }

        @Override
        public void close() throws IOException {
            closed = true;
            ScheduledFuture<?> pending = check;
            if (pending != null) {
                pending.cancel(false);
            }
            super.close();
        }
    }
}
