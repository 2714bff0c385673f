package io.github.javaopenai.batch;

/**
 * Hears how a {@link BatchJob} is getting on, once after the batch is created and once per poll.
 *
 * <p>Called on the thread running the job; a listener that throws stops the job (the batch goes
 * on running at OpenAI and can be resumed by id).
 *
 * @since 0.1
 */
@FunctionalInterface
public interface BatchListener {

    /** Receives the batch's state as of the latest poll. */
    void onProgress(BatchProgress progress);

    /**
     * Receives a large job's progress across all its batches ({@link BatchJob#runAll}), after
     * each round of polls. Does nothing unless overridden.
     *
     * @since 0.1
     */
    default void onJobProgress(JobProgress progress) {
    }

    /** Returns a listener that ignores every report. */
    static BatchListener none() {
        return progress -> { };
    }
}
