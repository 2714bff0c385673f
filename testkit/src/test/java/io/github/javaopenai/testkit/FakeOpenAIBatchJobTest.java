package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.batch.BatchJob;
import io.github.javaopenai.batch.BatchOutcome;
import io.github.javaopenai.batch.BatchRequest;
import io.github.javaopenai.core.Messages;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's batch job helper and file uploads, run end to end against the embedded server. */
class FakeOpenAIBatchJobTest {

    @Test
    void batchJobUploadsRunsAndMatchesEveryResultToItsCustomId() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            List<Object> progress = new ArrayList<>();
            BatchJob job = BatchJob.newBuilder(server.client().files(), server.client().batches()).pauses(Duration.ofMillis(1), Duration.ofMillis(5))
                    .listener(progress::add).build();
            List<BatchRequest> requests = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                requests.add(BatchRequest.chat("q" + i, Map.of("model", "gpt-4.1-mini",
                        "messages", List.of(Messages.user("question " + i)))));
            }
            String batchId = job.submit(requests);
            BatchOutcome outcome = job.await(batchId);
            assertThat(outcome.isCompleted()).isTrue();
            assertThat(outcome.failures()).isEmpty();
            assertThat(outcome.result("q3")).hasValueSatisfying(result -> assertThat(
                    result.body().at("/choices/0/message/content").asText()).endsWith("You said: question 3"));
            assertThat(progress).isNotEmpty();
            assertThat(server.requests()).anySatisfy(r -> assertThat(r.header("Content-Type"))
                    .startsWith("multipart/form-data"));
        }
    }
}
