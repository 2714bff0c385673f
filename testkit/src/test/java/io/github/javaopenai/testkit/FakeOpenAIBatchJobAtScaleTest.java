package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.batch.BatchJob;
import io.github.javaopenai.batch.BatchListener;
import io.github.javaopenai.batch.BatchProgress;
import io.github.javaopenai.batch.BatchRequest;
import io.github.javaopenai.batch.BatchResult;
import io.github.javaopenai.batch.JobProgress;
import io.github.javaopenai.batch.JobReport;
import io.github.javaopenai.core.Messages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs larger than one batch, run end to end against the embedded server and its batch limits. */
class FakeOpenAIBatchJobAtScaleTest {

    @TempDir
    Path dir;

    private static Iterator<BatchRequest> chats(int count, String model) {
        return IntStream.range(0, count).mapToObj(i -> BatchRequest.chat("q" + i, Map.of("model", model,
                "messages", List.of(Messages.user("question " + i))))).iterator();
    }

    private static BatchJob.Builder job(OpenAI client) {
        return BatchJob.newBuilder(client.files(), client.batches()).pauses(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    /** Counts each custom id in the results file. */
    private static Map<String, Integer> idCounts(Path output) {
        Map<String, Integer> counts = new HashMap<>();
        try (Stream<BatchResult> results = BatchJob.results(output)) {
            results.forEach(r -> counts.merge(r.customId(), 1, Integer::sum));
        }
        return counts;
    }

    private static void assertEveryIdOnce(Path output, int count) {
        Map<String, Integer> counts = idCounts(output);
        assertThat(counts).hasSize(count);
        assertThat(counts.values()).allMatch(n -> n == 1);
        assertThat(IntStream.range(0, count).filter(i -> !counts.containsKey("q" + i)).boxed().toList()).isEmpty();
    }

    @Test
    void splitsRequestsIntoBatchesWithinTheLimitAndWritesEachResultOnce() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            server.batchLimits(1_000, BatchJob.MAX_BATCH_BYTES); // the server refuses bigger batches
            AtomicInteger mostRunning = new AtomicInteger();
            AtomicInteger mostDoneInRunning = new AtomicInteger();
            List<Integer> totals = new ArrayList<>();
            BatchJob job = job(server.client()).batchLimits(1_000, BatchJob.MAX_BATCH_BYTES).maxInFlight(2)
                    .listener(new BatchListener() {
                        @Override
                        public void onProgress(BatchProgress progress) {
                            if (progress.isTerminal()) {
                                totals.add(progress.total());
                            }
                        }

                        @Override
                        public void onJobProgress(JobProgress progress) {
                            mostRunning.accumulateAndGet(progress.batchesRunning(), Math::max);
                            mostDoneInRunning.accumulateAndGet((int) progress.runningDone(), Math::max);
                        }
                    }).build();
            Path output = dir.resolve("results.jsonl");

            JobReport report = job.runAll(chats(2_501, "gpt-4.1-mini"), output, dir.resolve("job.manifest"));

            assertThat(report.succeeded()).isEqualTo(2_501);
            assertThat(report.failed()).isZero();
            assertThat(report.batches()).isEqualTo(3);
            assertThat(totals).containsExactlyInAnyOrder(1_000, 1_000, 501);
            assertThat(mostRunning.get()).isEqualTo(2);
            assertThat(mostDoneInRunning.get()).isPositive(); // progress shows within a batch, not only at its end
            assertEveryIdOnce(output, 2_501);
            try (Stream<BatchResult> results = BatchJob.results(output)) {
                assertThat(results.filter(r -> r.customId().equals("q7")).findFirst().orElseThrow().body()
                        .at("/choices/0/message/content").asText()).endsWith("You said: question 7");
            }
        }
    }

    @Test
    void putsEachModelAndEndpointInItsOwnBatch() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            Iterator<BatchRequest> mixed = Stream.of(
                    BatchRequest.chat("a", Map.of("model", "gpt-4.1-mini", "messages", List.of(Messages.user("a")))),
                    BatchRequest.chat("b", Map.of("model", "gpt-4.1", "messages", List.of(Messages.user("b")))),
                    BatchRequest.embeddings("c", Map.of("model", "text-embedding-3-small", "input", "c")),
                    BatchRequest.chat("d", Map.of("model", "gpt-4.1-mini", "messages", List.of(Messages.user("d")))))
                    .iterator();

            JobReport report = job(server.client()).build().runAll(mixed, dir.resolve("out.jsonl"), dir.resolve("m"));

            assertThat(report.batches()).isEqualTo(3);
            assertThat(report.succeeded()).isEqualTo(4); // the server fails a batch mixing models
        }
    }

    @Test
    void resubmitsExpiredAndFailedRequestsThenReportsThoseThatNeverSucceed() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            Set<String> expireOnce = ConcurrentHashMap.newKeySet();
            expireOnce.addAll(List.of("q3", "q4"));
            server.batchFaults(id -> id.equals("q9"), expireOnce::remove);
            Path output = dir.resolve("out.jsonl");

            JobReport report = job(server.client()).maxAttempts(3).build()
                    .runAll(chats(20, "gpt-4.1-mini"), output, dir.resolve("m"));

            assertThat(report.succeeded()).isEqualTo(19);
            assertThat(report.failed()).isEqualTo(1);
            assertThat(report.batches()).isEqualTo(3); // the first, then q3, q4, q9, then q9 alone
            assertEveryIdOnce(output, 20);
            try (Stream<BatchResult> results = BatchJob.results(output)) {
                BatchResult q9 = results.filter(r -> r.customId().equals("q9")).findFirst().orElseThrow();
                assertThat(q9.status()).isEqualTo(500);
            }
        }
    }

    @Test
    void reportsRequestsOfABatchThatKeepsExpiringAfterTheLastAttempt() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            server.batchFaults(id -> false, id -> id.equals("q1"));
            Path output = dir.resolve("out.jsonl");

            JobReport report = job(server.client()).maxAttempts(2).build()
                    .runAll(chats(3, "gpt-4.1-mini"), output, dir.resolve("m"));

            assertThat(report.failed()).isEqualTo(1);
            try (Stream<BatchResult> results = BatchJob.results(output)) {
                BatchResult q1 = results.filter(r -> r.customId().equals("q1")).findFirst().orElseThrow();
                assertThat(q1.error().path("code").asText()).isEqualTo("batch_expired");
            }
            assertEveryIdOnce(output, 3);
        }
    }

    @Test
    void resumesFromTheManifestAfterACrashWithNothingLostOrWrittenTwice() throws IOException {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            Path requests = dir.resolve("requests.jsonl");
            try (var out = Files.newBufferedWriter(requests)) {
                for (int i = 0; i < 2_300; i++) {
                    out.write("{\"custom_id\":\"q" + i + "\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                            + "\"body\":{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"q"
                            + i + "\"}]}}\n");
                }
            }
            Path output = dir.resolve("out.jsonl");
            Path manifest = dir.resolve("job.manifest");
            BatchJob crashing = job(server.client()).batchLimits(500, BatchJob.MAX_BATCH_BYTES).maxInFlight(2)
                    .listener(new BatchListener() {
                        @Override
                        public void onProgress(BatchProgress progress) {
                        }

                        @Override
                        public void onJobProgress(JobProgress progress) {
                            if (progress.batchesDone() >= 2) {
                                throw new IllegalStateException("the process dies");
                            }
                        }
                    }).build();
            assertThatThrownBy(() -> crashing.runAll(requests, output, manifest)).hasMessage("the process dies");
            long before = idCounts(output).size();
            assertThat(before).isBetween(1L, 2_299L);
            // a crash in the middle of writing leaves half a line after what the manifest records
            Files.writeString(output, "{\"custom_id\":\"q0\",\"respo", StandardOpenOption.APPEND);

            JobReport report = job(server.client()).batchLimits(500, BatchJob.MAX_BATCH_BYTES).build().resume(manifest);

            assertThat(report.succeeded()).isEqualTo(2_300);
            assertEveryIdOnce(output, 2_300);
            assertThat(report.batches()).isEqualTo(5);
            assertThat(dir.resolve("job.manifest.parts")).doesNotExist();
            JsonNode left = server.client().files().list(Map.of()).body().path("data");
            assertThat(left).isEmpty(); // every input, output and error file deleted
        }
    }

    @Test
    void anInterruptStopsTheJobAndResumeFinishesIt() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            server.batchLinesPerPoll(50);
            Path output = dir.resolve("out.jsonl");
            Path manifest = dir.resolve("m");
            AtomicInteger polls = new AtomicInteger();
            BatchJob job = job(server.client()).batchLimits(300, BatchJob.MAX_BATCH_BYTES).listener(p -> {
                if (polls.incrementAndGet() == 10) {
                    Thread.currentThread().interrupt();
                }
            }).build();
            assertThatThrownBy(() -> job.runAll(chats(1_000, "m"), output, manifest))
                    .hasMessageContaining("interrupted");
            assertThat(Thread.interrupted()).isTrue();

            JobReport report = job(server.client()).batchLimits(300, BatchJob.MAX_BATCH_BYTES).build()
                    .resume(manifest, chats(1_000, "m"));

            assertThat(report.succeeded()).isEqualTo(1_000);
            assertEveryIdOnce(output, 1_000);
        }
    }

    @Test
    void keepsTheFilesAtTheApiWhenAsked() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            job(server.client()).keepFiles(true).build().runAll(chats(5, "m"), dir.resolve("o"), dir.resolve("m"));
            assertThat(server.client().files().list(Map.of()).body().path("data")).hasSize(2); // input and output
        }
    }

    @Test
    void theServerFailsABatchOfMoreThan50000Requests() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            StringBuilder jsonl = new StringBuilder();
            for (int i = 0; i <= 50_000; i++) {
                jsonl.append("{\"custom_id\":\"").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/embeddings\","
                        + "\"body\":{\"model\":\"e\",\"input\":\"x\"}}\n");
            }
            OpenAI client = server.client();
            String file = client.files().upload("in.jsonl", jsonl.toString().getBytes(StandardCharsets.UTF_8), "batch")
                    .orThrow().body().path("id").asText();
            JsonNode batch = client.batches().create(file, "/v1/embeddings", Map.of()).orThrow().body();
            assertThat(batch.path("status").asText()).isEqualTo("failed");
            assertThat(batch.at("/errors/data/0/code").asText()).isEqualTo("too_many_tasks");
        }
    }

    @Test
    void theServerRefusesABatchFileOverTheSizeLimitAndMixedModels() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            server.batchLimits(50_000, 100);
            OpenAI client = server.client();
            byte[] big = ("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"e\","
                    + "\"input\":\"" + "x".repeat(100) + "\"}}\n").getBytes(StandardCharsets.UTF_8);
            var refused = client.files().upload("in.jsonl", big, "batch");
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.body().at("/error/message").asText()).isEqualTo("File is too large.");

            server.batchLimits(50_000, BatchJob.MAX_BATCH_BYTES);
            byte[] mixed = ("{\"custom_id\":\"a\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"e\"}}\n"
                    + "{\"custom_id\":\"b\",\"method\":\"POST\",\"url\":\"/v1/embeddings\",\"body\":{\"model\":\"f\"}}\n")
                    .getBytes(StandardCharsets.UTF_8);
            String file = client.files().upload("in.jsonl", mixed, "batch").orThrow().body().path("id").asText();
            JsonNode batch = client.batches().create(file, "/v1/embeddings", Map.of()).orThrow().body();
            assertThat(batch.at("/errors/data/0/code").asText()).isEqualTo("model_mismatch");
        }
    }

    @Test
    void resumeRefusesToGoOnWithoutTheRequestsOfAnIteratorJob() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            Path manifest = dir.resolve("m");
            AtomicInteger polls = new AtomicInteger();
            BatchJob job = job(server.client()).batchLimits(10, BatchJob.MAX_BATCH_BYTES).maxInFlight(1).listener(p -> {
                if (polls.incrementAndGet() == 2) {
                    throw new IllegalStateException("stop");
                }
            }).build();
            assertThatThrownBy(() -> job.runAll(chats(100, "m"), dir.resolve("o"), manifest)).hasMessage("stop");
            Set<String> none = new HashSet<>();
            assertThat(none).isEmpty();
            assertThatThrownBy(() -> job(server.client()).build().resume(manifest))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("resume(manifest, requests)");
        }
    }
}
