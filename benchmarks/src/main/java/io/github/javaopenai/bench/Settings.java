package io.github.javaopenai.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much work each scenario does: {@link #full()} for the published figures, {@link #quick()}
 * for the smoke test.
 *
 * @param streamEvents events per chat stream
 * @param streamWarmups streams per client before measuring
 * @param streamRounds measured rounds per client, taken in turns
 * @param streamsPerRound streams per round, long enough for the 10 ms tick of process CPU time
 * @param requestWarmups sequential requests per client before measuring
 * @param requestRounds measured rounds of sequential requests per client
 * @param requestsPerRound sequential requests per round
 * @param callers concurrent callers
 * @param concurrentRounds measured rounds of concurrent requests per client
 * @param concurrentRequests requests per concurrent round
 * @param coldRuns cold-start processes per client
 * @param manyStreams concurrent streams on virtual threads
 * @param manyStreamEvents events per stream in that scenario, paced by the server
 * @param bigStreamBytes bytes of the one large stream
 * @param asyncCalls chat completions put in flight at once by the async scenario
 * @param cliRounds rounds of the command line's start, each command once per round
 * @param java21 a {@code java} executable of JDK 21 or later for virtual threads, or null
 */
record Settings(int streamEvents, int streamWarmups, int streamRounds, int streamsPerRound,
        int requestWarmups, int requestRounds, int requestsPerRound,
        int callers, int concurrentRounds, int concurrentRequests,
        int coldRuns, int manyStreams, int manyStreamEvents, long bigStreamBytes, int asyncCalls, int cliRounds,
        String java21) {

    /** The figures published in docs/BENCHMARKS.md. */
    static Settings full() {
        return new Settings(20_000, 4, 15, 5, 1_000, 11, 1_000, 32, 7, 2_000, 11, 10_000, 30, 1L << 30, 2_000,
                CliStart.ROUNDS, defaultJava21());
    }

    /** A tiny workload that only checks that every scenario runs. */
    static Settings quick() {
        return new Settings(200, 1, 2, 1, 5, 2, 10, 4, 1, 20, 1, 20, 3, 1L << 20, 50, 2, null);
    }

    private static String defaultJava21() {
        String configured = System.getProperty("bench.java21");
        if (configured != null) {
            return configured.isEmpty() ? null : configured;
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        if (Runtime.version().feature() >= 21) {
            return javaOfThisJvm();
        }
        return Files.isExecutable(temurin) ? temurin.toString() : null;
    }

    /** Returns the {@code java} executable of the running JVM. */
    static String javaOfThisJvm() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
