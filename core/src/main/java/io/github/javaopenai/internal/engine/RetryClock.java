package io.github.javaopenai.internal.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/** Reads the time, waits and draws jitter for retries; tests replace it so they never sleep. */
public interface RetryClock {

    /** The real clock: system time, {@link Thread#sleep} and a thread-local random source. */
    RetryClock SYSTEM = new RetryClock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }

        @Override
        public double random() {
            return ThreadLocalRandom.current().nextDouble();
        }
    };

    /** Returns the current instant. */
    Instant now();

    /** Waits for the given duration. */
    void sleep(Duration duration) throws InterruptedException;

    /** Returns a number in [0, 1). */
    double random();
}
