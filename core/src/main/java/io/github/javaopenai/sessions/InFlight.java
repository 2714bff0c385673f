package io.github.javaopenai.sessions;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * The step an async session call is waiting on (a request, or its tool functions), so that
 * cancelling the caller's future aborts that step: the request's exchange closes at once rather
 * than running on unseen.
 */
final class InFlight {

    private final CompletableFuture<?> call;
    private volatile Future<?> current;

    InFlight(CompletableFuture<?> call) {
        this.call = call;
        call.whenComplete((result, failure) -> {
            if (call.isCancelled()) {
                abort();
            }
        });
    }

    /** Returns whether the caller has cancelled the call. */
    boolean cancelled() {
        return call.isCancelled();
    }

    /** Records the step now awaited, cancelling it at once if the call was cancelled meanwhile. */
    <F extends Future<?>> F track(F step) {
        current = step;
        if (call.isCancelled()) {
            step.cancel(true);
        }
        return step;
    }

    private void abort() {
        Future<?> step = current;
        if (step != null) {
            step.cancel(true);
        }
    }
}
