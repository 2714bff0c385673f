package io.github.javaopenai.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Fails a read that waits longer than the idle timeout for its next bytes.
 *
 * <p>Each read arms a timer; when it fires before the read returns, the underlying stream is
 * closed, which ends the blocked read, and the read throws {@link IdleTimeoutException}. The
 * timer runs on one shared daemon thread that ends itself after two idle seconds. Only one thread
 * may read at a time, as with any stream; {@link #close()} may come from any thread.
 */
public final class IdleTimeoutInputStream extends FilterInputStream {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final Duration idleTimeout;
    private final AtomicBoolean timedOut = new AtomicBoolean();

    private IdleTimeoutInputStream(InputStream in, Duration idleTimeout) {
        super(in);
        this.idleTimeout = idleTimeout;
    }

    /** Returns the stream with each read limited to the idle timeout. */
    public static InputStream of(InputStream in, Duration idleTimeout) {
        return in instanceof IdleTimeoutInputStream ? in : new IdleTimeoutInputStream(in, idleTimeout);
    }

    @Override
    public int read() throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return in.read();
        } catch (IOException e) {
            throw timedOut.get() ? timeout() : e;
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            int read = in.read(buffer, offset, length);
            if (read < 0 && timedOut.get()) {
                throw timeout();
            }
            return read;
        } catch (IOException e) {
            throw timedOut.get() ? timeout() : e;
        } finally {
            alarm.cancel(false);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        ScheduledFuture<?> alarm = arm();
        try {
            return in.skip(n);
        } finally {
            alarm.cancel(false);
        }
    }

    private ScheduledFuture<?> arm() throws IOException {
        if (timedOut.get()) {
            throw timeout();
        }
        return TIMER.schedule(this::expire, idleTimeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        timedOut.set(true);
        try {
            in.close();
        } catch (IOException e) {
            // The read it unblocks reports the timeout; nothing to add.
        }
    }

    private IdleTimeoutException timeout() {
        return new IdleTimeoutException("no data received for " + idleTimeout.toMillis() + " ms");
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "java-openai-idle-timeout");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(2, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
        return timer;
    }

    /** Signals that a stream delivered nothing for longer than its idle timeout. */
    public static final class IdleTimeoutException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        /** Creates the exception with the given message. */
        public IdleTimeoutException(String message) {
            super(message);
        }
    }
}
