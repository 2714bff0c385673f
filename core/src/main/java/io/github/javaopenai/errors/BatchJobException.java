package io.github.javaopenai.errors;

/**
 * Signals that a batch job could not go on: a step was refused, the wait ran past its limit, or
 * the waiting thread was interrupted.
 *
 * <p>When the batch was already created, {@link #batchId()} names it: it keeps running at the
 * server, and waiting can be resumed with {@code BatchJob.await(batchId)}.
 *
 * @since 0.1
 */
public class BatchJobException extends OpenAIException {

    private static final long serialVersionUID = 1L;

    private final String batchId;

    /** Creates an exception for the given batch, or for no batch yet when {@code batchId} is null. */
    public BatchJobException(String message, String batchId, Throwable cause) {
        super(message, cause);
        this.batchId = batchId;
    }

    /** Returns the batch the job had created, or null when it failed before creating one. */
    public String batchId() {
        return batchId;
    }
}
