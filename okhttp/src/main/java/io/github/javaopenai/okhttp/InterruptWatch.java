package io.github.javaopenai.okhttp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Call;

/**
 * Cancels the OkHttp call of a thread that is interrupted while it waits in it.
 *
 * <p>A thread blocked in a socket read ignores interrupts, and OkHttp reads HTTP/1.1 responses
 * (headers and body) from the socket on the caller's thread; only its HTTP/2 waits are
 * interruptible. So while a thread waits in an exchange, for its headers or for body bytes not yet
 * buffered, a tick every {@value #TICK_MILLIS} ms looks at the waiting threads and cancels the call
 * of any that is interrupted: its socket closes (HTTP/1.1) or its stream is reset (HTTP/2), and
 * the wait ends with an I/O error that {@link Watched#failure} turns into an
 * {@link InterruptedIOException}.
 *
 * <p>Starting a wait costs a volatile write; the ticks run only while some thread waits (and a few
 * ticks after), so there is no polling while nothing waits and no wake-up per event read.
 */
final class InterruptWatch {

    static final long TICK_MILLIS = 25;
    /** Ticks that find no waiting thread before the ticking stops. */
    private static final int IDLE_TICKS_BEFORE_STOP = 4;

    private final ScheduledExecutorService scheduler;
    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final AtomicLong ticks = new AtomicLong();
    /** Touched only by the tick, which runs on one thread at a time (one chain of ticks). */
    private int idleTicks;

    InterruptWatch(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts watching an exchange; {@link Watched#close()} ends it. */
    Watched watch(Call call) {
        Watched watched = new Watched(call);
        open.add(watched);
        return watched;
    }

    /** How many ticks have run, for tests. */
    long ticks() {
        return ticks.get();
    }

    private void startTicking() {
        if (!ticking.get() && ticking.compareAndSet(false, true)) {
            scheduleTick();
        }
    }

    private void scheduleTick() {
        scheduler.schedule(this::tick, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        ticks.incrementAndGet();
        boolean anyWaiting = false;
        for (Watched watched : open) {
            anyWaiting |= watched.cancelIfInterrupted();
        }
        idleTicks = anyWaiting ? 0 : idleTicks + 1;
        if (idleTicks < IDLE_TICKS_BEFORE_STOP) {
            scheduleTick();
            return;
        }
        idleTicks = 0;
        ticking.set(false);
        // A wait that began after the scan saw ticking still on, and did not start it: go on for it.
        if (open.stream().anyMatch(Watched::waiting) && ticking.compareAndSet(false, true)) {
            scheduleTick();
        }
    }

    /** One exchange: the thread waiting in it, if any, and whether an interrupt cancelled it. */
    final class Watched implements AutoCloseable {
        private final Call call;
        private volatile Thread waiter;
        private volatile boolean cancelledByInterrupt;

        private Watched(Call call) {
            this.call = call;
        }

        /** Marks the current thread as waiting in the exchange until {@link #endWait()}. */
        void beginWait() {
            waiter = Thread.currentThread();
            startTicking();
        }

        void endWait() {
            waiter = null;
        }

        private boolean waiting() {
            return waiter != null;
        }

        /** Cancels the call if its waiting thread is interrupted; returns whether a thread waits. */
        private boolean cancelIfInterrupted() {
            Thread thread = waiter;
            if (thread == null) {
                return false;
            }
            if (thread.isInterrupted() && !cancelledByInterrupt) {
                cancelledByInterrupt = true;
                call.cancel();
            }
            return true;
        }

        /**
         * Returns the exception for a failed wait: an {@link InterruptedIOException}, with the
         * exchange cancelled and the interrupt flag set, when the waiting thread was interrupted
         * (whichever error the interrupt caused); otherwise {@code failure} itself.
         */
        IOException failure(IOException failure) {
            if (!cancelledByInterrupt && !Thread.currentThread().isInterrupted()) {
                return failure;
            }
            call.cancel(); // over HTTP/2 an interrupted wait leaves the stream open otherwise
            Thread.currentThread().interrupt();
            if (failure instanceof InterruptedIOException interrupted && !(failure instanceof SocketTimeoutException)) {
                return interrupted;
            }
            InterruptedIOException interrupted = new InterruptedIOException("interrupted: " + failure.getMessage());
            interrupted.initCause(failure);
            return interrupted;
        }

        /** Stops watching: the exchange ended or was closed. */
        @Override
        public void close() {
            waiter = null;
            open.remove(this);
        }
    }
}
