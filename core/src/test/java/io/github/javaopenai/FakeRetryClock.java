package io.github.javaopenai;

import io.github.javaopenai.internal.engine.RetryClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A retry clock that records each wait instead of sleeping, at a fixed instant and jitter. */
public final class FakeRetryClock implements RetryClock {

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile Instant now;
    private final double random;
    private boolean advancing;

    public FakeRetryClock(Instant now, double random) {
        this.now = now;
        this.random = random;
    }

    public FakeRetryClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"), 0);
    }

    @Override
    public Instant now() {
        return now;
    }

    /** Makes each wait move this clock's time on by its length, as a real wait would. */
    FakeRetryClock advancing() {
        advancing = true;
        return this;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        if (advancing) {
            now = now.plus(duration);
        }
    }

    @Override
    public double random() {
        return random;
    }

    List<Long> sleptMillis() {
        return sleeps.stream().map(Duration::toMillis).toList();
    }
}
