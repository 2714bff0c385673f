package io.github.javaopenai.batch;

import java.nio.file.Path;

/**
 * Holds the end of a large job: every request's result is in the output file, exactly once.
 *
 * @param output the JSONL file of results, one line per request as the Batch API writes them
 *     ({@code custom_id}, {@code response}, {@code error}); read it back with {@link BatchJob#results(Path)}
 * @param succeeded requests that succeeded
 * @param failed requests that failed, after any resubmissions
 * @param batches batches the job ran, resubmissions included
 * @since 0.1
 */
public record JobReport(Path output, long succeeded, long failed, int batches) {

    /** Returns every request of the job. */
    public long requests() {
        return succeeded + failed;
    }
}
