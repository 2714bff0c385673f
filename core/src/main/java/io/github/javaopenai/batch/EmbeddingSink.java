package io.github.javaopenai.batch;

/**
 * Receives the vectors of an {@link EmbeddingJob}, one per input, in input order, on the thread
 * that runs the job.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface EmbeddingSink {

    /** Receives the vector of the input at {@code index} (0 for the first input). */
    void accept(long index, float[] vector);
}
