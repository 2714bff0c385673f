package io.github.javaopenai.batch;

import java.time.Duration;

/** Waits between polls; tests swap in one that only advances a clock. */
@FunctionalInterface
interface Sleeper {

    /** The real one: {@link Thread#sleep(long)}. */
    Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());

    void sleep(Duration duration) throws InterruptedException;
}
