package io.github.javaopenai.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.NotFoundException;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.BatchJobException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BatchJobTest {

    private FakeBatchServer server;
    private final FakeTime time = new FakeTime();
    private final List<BatchProgress> progress = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FakeBatchServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static BatchJob.Builder builder(OpenAI client) {
        return BatchJob.newBuilder(client.files(), client.batches());
    }

    private OpenAI client() {
        return OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl()).build();
    }

    private BatchJob.Builder job() {
        return builder(client()).listener(progress::add).sleeper(time).clock(time)
                .pauses(Duration.ofSeconds(1), Duration.ofSeconds(3));
    }

    private static List<BatchRequest> chats() {
        return List.of(
                BatchRequest.chat("q1", Map.of("model", "gpt-4.1-mini", "messages", List.of(Messages.user("one")))),
                BatchRequest.chat("q2", Map.of("model", "gpt-4.1-mini", "fail", true)),
                BatchRequest.chat("q3", Map.of("model", "gpt-4.1-mini", "messages", List.of(Messages.user("three")))));
    }

    @Test
    void runsAJobEndToEndAndMatchesResultsToCustomIds() {
        BatchOutcome outcome = job().metadata(Map.of("job", "nightly")).build().run(chats());

        assertThat(outcome.isCompleted()).isTrue();
        assertThat(outcome.results().keySet()).containsExactlyInAnyOrder("q1", "q2", "q3");
        assertThat(outcome.result("q3").orElseThrow().body().at("/echo/messages/0/content").asText()).isEqualTo("three");
        assertThat(outcome.result("q1").orElseThrow().isSuccess()).isTrue();
        BatchResult failed = outcome.result("q2").orElseThrow();
        assertThat(failed.isSuccess()).isFalse();
        assertThat(failed.status()).isEqualTo(400);
        assertThat(outcome.failures()).containsExactly(failed);
        assertThat(server.batch(outcome.batchId()).path("metadata").path("job").asText()).isEqualTo("nightly");
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        return io.github.javaopenai.internal.Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void uploadsTheRequestsAsJsonLinesForTheBatchPurpose() {
        String batchId = job().build().submit(chats());

        String fileId = server.batch(batchId).path("input_file_id").asText();
        assertThat(server.purpose(fileId)).isEqualTo("batch");
        assertThat(server.batch(batchId).path("endpoint").asText()).isEqualTo("/v1/chat/completions");
        assertThat(server.batch(batchId).path("completion_window").asText()).isEqualTo("24h");
        String jsonl = new String(server.file(fileId), StandardCharsets.UTF_8);
        assertThat(jsonl).endsWith("}\n").doesNotContain("\n\n");
        String[] lines = jsonl.split("\n");
        assertThat(lines).hasSize(3);
        assertThat(json(lines[0])).isEqualTo(json("{\"custom_id\":\"q1\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"gpt-4.1-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"one\"}]}}"));
        assertThat(json(lines[1]).path("custom_id").asText()).isEqualTo("q2");
    }

    @Test
    void reportsEveryPollAndDoublesThePausesUpToTheMax() {
        job().build().run(chats());

        assertThat(progress).extracting(BatchProgress::status)
                .containsExactly("validating", "in_progress", "finalizing", "completed");
        assertThat(progress.get(3).total()).isEqualTo(3);
        assertThat(progress.get(3).failed()).isEqualTo(1);
        assertThat(time.pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(server.requests()).containsExactly("POST /files", "POST /batches",
                "GET /batches/" + progress.get(0).batchId(), "GET /batches/" + progress.get(0).batchId(),
                "GET /batches/" + progress.get(0).batchId(),
                "GET /files/" + server.batch(progress.get(0).batchId()).path("output_file_id").asText() + "/content",
                "GET /files/" + server.batch(progress.get(0).batchId()).path("error_file_id").asText() + "/content");
    }

    @Test
    void resumesFromTheBatchIdAfterARestart() {
        BatchJob impatient = job().maxWait(Duration.ofMillis(1500)).build();
        String batchId = impatient.submit(chats());
        BatchJobException stopped = (BatchJobException) org.assertj.core.api.Assertions
                .catchThrowable(() -> impatient.await(batchId));
        assertThat(stopped).hasMessageContaining("is still finalizing after PT1.5S").hasMessageContaining("await(\"" + batchId + "\")");
        assertThat(stopped.batchId()).isEqualTo(batchId);

        // A new process: a new client and job that know nothing but the saved batch id.
        BatchJob restarted = builder(client()).sleeper(time).clock(time).build();
        BatchOutcome outcome = restarted.await(stopped.batchId());

        assertThat(outcome.isCompleted()).isTrue();
        assertThat(outcome.results()).containsOnlyKeys("q1", "q2", "q3");
        assertThat(server.requests()).filteredOn(r -> r.equals("POST /batches")).hasSize(1);
    }

    @Test
    void rejectsBadRequestListsBeforeSendingAnything() {
        BatchJob job = job().build();
        List<BatchRequest> duplicate = List.of(BatchRequest.chat("same", Map.of()), BatchRequest.chat("same", Map.of()));
        List<BatchRequest> mixed = List.of(BatchRequest.chat("a", Map.of()), BatchRequest.embeddings("b", Map.of()));

        assertThatThrownBy(() -> job.submit(duplicate)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("custom id \"same\" is used twice");
        assertThatThrownBy(() -> job.submit(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"b\" targets /v1/embeddings");
        assertThatThrownBy(() -> job.submit(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("requests is empty");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void anUnknownBatchFailsNamingIt() {
        assertThatThrownBy(() -> job().build().await("batch_missing"))
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("GET /batches/batch_missing failed with status 404")
                .hasMessageContaining("batch_missing");
    }

    @Test
    void requestsValidateTheirFields() {
        assertThatThrownBy(() -> BatchRequest.chat(" ", Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("customId is blank");
        assertThatThrownBy(() -> BatchRequest.of("a", "chat/completions", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("url must start with /v1/");
        assertThatThrownBy(() -> BatchRequest.chat("a", List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a JSON object");
    }

    /** A clock that only moves when the job "sleeps". */
    private static final class FakeTime extends Clock implements Sleeper {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        final List<Duration> pauses = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            pauses.add(duration);
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
