package io.github.javaopenai.internal.engine;

import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Small helpers the async engine's classes share: unwrapping failures and dropping answers. */
final class Futures {

    private Futures() {
    }

    /** Returns the failure a future's exception wraps, as the caller would have seen it thrown. */
    static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    static void cancel(Future<?> future) {
        if (future != null) {
            future.cancel(true);
        }
    }

    /** Closes an answer nobody will read, which aborts its exchange unless it was read to the end. */
    static void discard(TransportResponse response) {
        if (response == null) {
            return;
        }
        try {
            response.close();
        } catch (IOException e) {
            // The answer is being dropped; a failure to close it changes nothing.
        }
    }
}
