package io.github.javaopenai.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes blocking socket waits answer interrupts and deadlines. A thread blocked connecting to or
 * reading from a socket ignores {@link Thread#interrupt()}; so while exchanges are open, a tick
 * every {@value #TICK_MILLIS} ms looks at the threads waiting in them and closes the socket of any
 * that is interrupted, or whose deadline has passed, which ends its wait with an error the
 * exchange reports as an {@link java.io.InterruptedIOException} or a timeout.
 *
 * <p>Deadlines are kept here rather than as socket timeouts on purpose: a single read with a
 * timeout switches the JDK's socket to non-blocking mode for good, after which every read that
 * finds no data costs a failed read, a poll and another read instead of one blocking read; with
 * one event per TLS record, that is per event.
 *
 * <p>A read costs two plain volatile writes; the tick runs only while an exchange is open, on one
 * daemon thread shared by the transport.
 */
final class SocketWatch implements AutoCloseable {

    static final long TICK_MILLIS = 25;

    private final Set<Exchange> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final ScheduledExecutorService ticker;

    SocketWatch() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "java-openai-socket-watch");
            thread.setDaemon(true);
            return thread;
        });
        executor.setKeepAliveTime(1, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
        this.ticker = executor;
    }

    /** Starts watching an exchange whose socket {@code target} closes. */
    Exchange watch(Closeable target) {
        Exchange exchange = new Exchange(target);
        open.add(exchange);
        if (ticking.compareAndSet(false, true)) {
            ticker.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return exchange;
    }

    /** Stops watching; safe to call more than once. */
    void release(Exchange exchange) {
        open.remove(exchange);
    }

    private void tick() {
        for (Exchange exchange : open) {
            exchange.check();
        }
        ticking.set(false);
        if (!open.isEmpty() && ticking.compareAndSet(false, true)) {
            ticker.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }

    /** One open exchange: its socket, and the thread waiting in it, if any. */
    static final class Exchange {
        private volatile Closeable target;
        private volatile Thread waiter;
        private volatile boolean interrupted;
        /** {@link System#nanoTime()} past which the socket is closed; 0 for none. */
        private volatile long deadline;
        private volatile boolean timedOut;

        private Exchange(Closeable target) {
            this.target = target;
        }

        /** Points the watch at another socket (the TLS one, once the handshake wraps the plain one). */
        void target(Closeable socket) {
            this.target = socket;
        }

        /** The calling thread is about to block on the socket. */
        void reading() {
            waiter = Thread.currentThread();
            if (waiter.isInterrupted()) {
                check();
            }
        }

        void notReading() {
            waiter = null;
        }

        /** Whether a thread is blocked on the socket right now. */
        boolean someoneReading() {
            return waiter != null;
        }

        /** Closes the socket once {@code nanoTime} has passed (0: never), to within a tick. */
        void deadline(long nanoTime) {
            this.deadline = nanoTime;
        }

        /** Whether the socket was closed because its deadline passed. */
        boolean timedOut() {
            return timedOut;
        }

        /** Whether the socket was closed because its waiting thread was interrupted. */
        boolean wasInterrupted() {
            return interrupted;
        }

        private void check() {
            Thread thread = waiter;
            long due = deadline;
            if (thread != null && thread.isInterrupted()) {
                interrupted = true;
            } else if (due != 0 && System.nanoTime() - due > 0) {
                timedOut = true;
            } else {
                return;
            }
            try {
                target.close();
            } catch (IOException e) {
                // The wait ends either way.
            }
        }
    }
}
