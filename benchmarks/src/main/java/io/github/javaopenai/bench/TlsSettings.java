package io.github.javaopenai.bench;

/**
 * How much work the TLS scenarios do.
 *
 * @param warmups unmeasured rounds per client and scenario, before the measured ones
 * @param rounds measured rounds per client and scenario, taken in turns
 * @param packedEvents events per packed stream
 * @param packedStreams packed streams per round, one after another
 * @param pacedEvents events per paced stream, 1 ms apart
 * @param pacedStreams paced streams per round
 * @param pacedConcurrency paced streams open at once
 * @param sequential sequential requests per round
 * @param callerRequests requests per round from 32 callers
 * @param manyCallerRequests requests per round from 256 callers
 */
record TlsSettings(int warmups, int rounds, int packedEvents, int packedStreams, int pacedEvents, int pacedStreams,
        int pacedConcurrency, int sequential, int callerRequests, int manyCallerRequests) {

    /** The figures published in docs/BENCHMARKS.md. */
    static TlsSettings full() {
        return new TlsSettings(2, 5, 5_000, 8, 200, 48, 8, 1_000, 2_000, 5_120);
    }

    /** A tiny workload that only checks that every scenario runs. */
    static TlsSettings quick() {
        return new TlsSettings(1, 1, 100, 1, 5, 4, 2, 5, 32, 256);
    }
}
