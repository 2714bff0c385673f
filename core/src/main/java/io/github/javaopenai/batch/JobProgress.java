package io.github.javaopenai.batch;

import java.time.Duration;
import java.util.Optional;

/**
 * Holds how a large job spread over several batches is getting on.
 *
 * @param succeeded requests whose result is written and succeeded
 * @param failed requests whose result is written and failed (after any resubmissions)
 * @param pending requests read from the input whose result is not written yet
 * @param runningDone of the pending, those the running batches report as done at their latest poll
 * @param batchesRunning batches submitted and not yet collected
 * @param batchesDone batches collected
 * @param inputDone whether every request has been read; until then {@code pending} grows
 * @param etaSeconds the estimated seconds left at the pace so far, or -1 when unknown
 * @since 0.1
 */
public record JobProgress(long succeeded, long failed, long pending, long runningDone, int batchesRunning,
        int batchesDone,
        boolean inputDone, long etaSeconds) {

    /** Returns the estimated time left, when there is a pace to estimate from. */
    public Optional<Duration> eta() {
        return etaSeconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(etaSeconds));
    }

    @Override
    public String toString() {
        return (succeeded + failed + runningDone) + " done (" + failed + " failed), " + pending + " pending, " + batchesRunning
                + " batches running" + (etaSeconds >= 0 ? ", eta " + etaSeconds + "s" : "");
    }
}
