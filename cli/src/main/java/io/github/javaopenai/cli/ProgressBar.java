package io.github.javaopenai.cli;

import io.github.javaopenai.batch.BatchListener;
import io.github.javaopenai.batch.BatchProgress;
import io.github.javaopenai.batch.JobProgress;
import java.io.PrintWriter;

/**
 * Draws a batch job's progress across all its batches on one line of stderr, redrawn in place:
 * {@code [#####.....] 5/10 done, 1 failed, 2 batches running, eta 40s}, counting requests done in
 * running batches as of their latest poll.
 */
final class ProgressBar implements BatchListener {

    private static final int WIDTH = 30;

    private final PrintWriter err;

    ProgressBar(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onProgress(BatchProgress progress) {
        // one batch's poll: the job's progress follows each round
    }

    @Override
    public void onJobProgress(JobProgress progress) {
        show(progress);
    }

    void show(JobProgress progress) {
        long written = progress.succeeded() + progress.failed();
        long done = written + progress.runningDone();
        long total = written + progress.pending();
        int filled = total == 0 ? 0 : (int) Math.min(WIDTH, WIDTH * done / total);
        err.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total
                + (progress.inputDone() ? "" : "+") + " done" + (progress.failed() > 0 ? ", " + progress.failed()
                + " failed" : "") + ", " + progress.batchesRunning() + " batches running"
                + progress.eta().map(eta -> ", eta " + eta.toSeconds() + "s").orElse("") + "   ");
        err.flush();
    }

    void end() {
        err.println();
        err.flush();
    }
}
