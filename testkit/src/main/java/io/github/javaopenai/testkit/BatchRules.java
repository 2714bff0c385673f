package io.github.javaopenai.testkit;

import java.util.function.Predicate;

/**
 * How the fake runs batches: the real API's limits (unless a test lowers them), the requests it
 * fails or lets expire, and how many lines it runs per poll. Read on every request, so a test may
 * change it while the server runs.
 */
final class BatchRules {

    /** The real API's most requests in one batch input file. */
    static final int MAX_REQUESTS = 50_000;
    /** The real API's largest batch input file: 200 MB (209,715,200 bytes). */
    static final long MAX_FILE_BYTES = 200L * 1024 * 1024;

    volatile int maxRequests = MAX_REQUESTS;
    volatile long maxFileBytes = MAX_FILE_BYTES;
    volatile Predicate<String> failing = id -> false;
    volatile Predicate<String> expiring = id -> false;
    /** Lines run per poll; 0 means a tenth of the batch. */
    volatile int linesPerPoll;
}
