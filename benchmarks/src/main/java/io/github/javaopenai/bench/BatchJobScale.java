package io.github.javaopenai.bench;

import io.github.javaopenai.batch.BatchJob;
import io.github.javaopenai.batch.BatchRequest;
import io.github.javaopenai.batch.JobReport;
import io.github.javaopenai.testkit.FakeOpenAI;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.LongStream;

/**
 * Runs N tiny requests (1,000,000 by default) through {@link BatchJob#runAll} against a
 * {@link FakeOpenAI} in the same JVM, and prints the time, the batches and the peak heap in use
 * after a collection (the job and the server together):
 * {@code java -Xmx256m -cp ... io.github.javaopenai.bench.BatchJobScale [N]}.
 */
public final class BatchJobScale {

    private BatchJobScale() {
    }

    public static void main(String[] args) throws Exception {
        long count = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path dir = Files.createTempDirectory("batch-job-scale");
        Iterator<BatchRequest> requests = LongStream.range(0, count).mapToObj(i -> BatchRequest.embeddings("r" + i,
                Map.of("model", "text-embedding-3-small", "input", "x", "dimensions", 1))).iterator();
        try (FakeOpenAI server = FakeOpenAI.start().logRequests(false)) {
            BatchJob job = BatchJob.newBuilder(server.client().files(), server.client().batches())
                    .pauses(Duration.ofMillis(20), Duration.ofMillis(100)).maxInFlight(4).build();
            long start = System.nanoTime();
            JobReport report = job.runAll(requests, dir.resolve("results.jsonl"), dir.resolve("job.manifest"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            long peak = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                    peak += pool.getPeakUsage().getUsed();
                }
            }
            System.out.printf("%d requests: %d succeeded, %d failed, %d batches, %.1f s, %d MB results,"
                    + " sum of heap pools' peaks %d MB (an upper bound), max heap %d MB%n", count, report.succeeded(), report.failed(),
                    report.batches(), millis / 1000.0, Files.size(report.output()) >> 20, peak >> 20,
                    Runtime.getRuntime().maxMemory() >> 20);
            Files.delete(report.output());
            Files.deleteIfExists(dir.resolve("job.manifest"));
            Files.deleteIfExists(dir);
        }
    }
}
