package io.github.javaopenai.okhttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import okhttp3.Call;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watch cancels the call of an interrupted waiting thread, and costs nothing while none waits. */
@Timeout(30)
class InterruptWatchTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InterruptWatch watch = new InterruptWatch(scheduler);
    private final OkHttpClient client = new OkHttpClient();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        client.dispatcher().executorService().shutdown();
    }

    /** A call never executed: cancelling it only marks it, which is what the watch must do. */
    private Call call() {
        return client.newCall(new Request.Builder().url("http://127.0.0.1:9/never").build());
    }

    @Test
    void noTicksWhileExchangesAreOpenButNoThreadWaits() throws Exception {
        watch.watch(call());
        watch.watch(call());
        Thread.sleep(10 * InterruptWatch.TICK_MILLIS);
        assertThat(watch.ticks()).isZero();
    }

    @Test
    void interruptedWaitingThreadHasItsCallCancelledAndTicksStopAfterwards() throws Exception {
        Call call = call();
        InterruptWatch.Watched watched = watch.watch(call);
        CountDownLatch waiting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread waiter = new Thread(() -> {
            watched.beginWait();
            waiting.countDown();
            // Stands for a socket read: ignores interrupts, keeps the flag, waits until released.
            while (release.getCount() > 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
            }
            watched.endWait();
        });
        waiter.setDaemon(true);
        waiter.start();
        assertThat(waiting.await(5, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(3 * InterruptWatch.TICK_MILLIS);
        assertThat(call.isCanceled()).isFalse();
        assertThat(watch.ticks()).as("ticks while a thread waits").isPositive();

        waiter.interrupt();
        assertThat(eventually(call::isCanceled, 2_000)).as("call cancelled after the interrupt").isTrue();

        release.countDown();
        waiter.join(5_000);
        Thread.sleep(10 * InterruptWatch.TICK_MILLIS); // the ticking winds down
        long settled = watch.ticks();
        Thread.sleep(10 * InterruptWatch.TICK_MILLIS);
        assertThat(watch.ticks()).as("ticks once no thread waits").isEqualTo(settled);
    }

    @Test
    void failureOfAnInterruptedWaitBecomesAnInterruptWithTheFlagSet() {
        Call call = call();
        InterruptWatch.Watched watched = watch.watch(call);
        IOException closed = new IOException("Socket closed");

        assertThat(watched.failure(closed)).as("not interrupted").isSameAs(closed);
        assertThat(call.isCanceled()).isFalse();

        Thread.currentThread().interrupt();
        try {
            IOException failure = watched.failure(closed);
            assertThat(failure).isInstanceOf(InterruptedIOException.class).hasCause(closed);
            assertThat(call.isCanceled()).isTrue();
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    private static boolean eventually(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(5);
        }
        return condition.getAsBoolean();
    }
}
