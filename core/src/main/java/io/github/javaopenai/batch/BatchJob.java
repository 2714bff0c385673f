package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.endpoints.Batches;
import io.github.javaopenai.endpoints.FileStore;
import io.github.javaopenai.errors.BatchJobException;
import io.github.javaopenai.transport.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a job too big for one machine on OpenAI's Batch service: it writes the requests as JSON
 * Lines, uploads them, creates the batch, waits for it with growing pauses, downloads the output
 * and error files, and returns every result matched to its custom id.
 *
 * <p>The JSONL is produced while it is uploaded, never held whole in memory; the requests are
 * therefore iterated twice (once to check and measure them, once to send them), so pass a
 * collection or another {@link Iterable} that yields the same requests each time.
 *
 * <p>A job survives a restart: {@link #submit} returns the batch id as soon as the batch exists;
 * store it, and after a restart call {@link #await(String)} with it to pick up where the job left
 * off. A refused request raises the {@link io.github.javaopenai.errors.ApiException} for its status,
 * as every call does; the job's own failures are {@link BatchJobException}s naming the batch.
 *
 * <p>Immutable and thread-safe; each call runs on the calling thread and blocks it while waiting.
 *
 * <pre>{@code
 * BatchJob job = BatchJob.newBuilder(client.files(), client.batches()).listener(p -> System.out.println(p)).build();
 * List<BatchRequest> requests = List.of(
 *     BatchRequest.chat("q1", Map.of("model", "gpt-4.1-mini", "messages", List.of(Messages.user("Hi")))));
 * String batchId = job.submit(requests);      // save it somewhere durable
 * BatchOutcome outcome = job.await(batchId);   // after a restart too
 * outcome.result("q1").ifPresent(r -> System.out.println(r.body().at("/choices/0/message/content")));
 * }</pre>
 *
 * @since 0.1
 */
public final class BatchJob {

    /** The pause before the second poll unless configured otherwise: 5 seconds. */
    public static final Duration DEFAULT_FIRST_PAUSE = Duration.ofSeconds(5);

    /** The longest pause between polls unless configured otherwise: 1 minute. */
    public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMinutes(1);

    /** How long {@link #await} waits unless configured otherwise: 25 hours, the 24 hour window and some. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofHours(25);

    private static final String INPUT_FILENAME = "batch-input.jsonl";

    private final FileStore files;
    private final Batches batches;
    private final BatchListener listener;
    private final Map<String, String> metadata;
    private final Duration firstPause;
    private final Duration maxPause;
    private final Duration maxWait;
    private final Sleeper sleeper;
    private final Clock clock;

    private BatchJob(Builder b) {
        files = b.files;
        batches = b.batches;
        listener = b.listener;
        metadata = Map.copyOf(b.metadata);
        firstPause = b.firstPause;
        maxPause = b.maxPause;
        maxWait = b.maxWait;
        sleeper = b.sleeper;
        clock = b.clock;
    }

    /**
     * Returns a builder for jobs that upload and download through {@code files} and run on
     * {@code batches}: {@code BatchJob.newBuilder(client.files(), client.batches())}.
     */
    public static Builder newBuilder(FileStore files, Batches batches) {
        return new Builder(files, batches);
    }

    /** Submits the requests and waits for their results: {@code await(submit(requests))}. */
    public BatchOutcome run(Iterable<BatchRequest> requests) {
        return await(submit(requests));
    }

    /**
     * Uploads the requests as a JSONL file (purpose {@code batch}), creates the batch, reports its
     * first state to the listener and returns its id without waiting.
     *
     * @throws IllegalArgumentException when there are no requests, a custom id repeats, or the
     *     requests target different endpoints; nothing is sent then
     * @throws io.github.javaopenai.errors.ApiException when the upload or the creation is refused
     * @throws BatchJobException when the answer to the creation has no batch id
     */
    public String submit(Iterable<BatchRequest> requests) {
        Jsonl.Summary summary = Jsonl.scan(requests);
        RequestBody jsonl = RequestBody.ofStream(() -> Jsonl.stream(requests), summary.length());
        ApiResponse uploaded = files.upload(INPUT_FILENAME, jsonl, "batch", Map.of());
        String fileId = idOf(uploaded, "POST /files", null);
        Map<String, Object> options = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            options.put("metadata", metadata);
        }
        ApiResponse created = batches.create(fileId, summary.url(), options);
        String batchId = idOf(created, "POST /batches", null);
        listener.onProgress(progress(batchId, created.body()));
        return batchId;
    }

    /**
     * Waits for the batch to reach a final status, reporting each poll to the listener, then
     * downloads its output and error files. Pauses start at the first pause and double up to the
     * longest.
     *
     * @throws io.github.javaopenai.errors.ApiException when a poll or a download is refused
     * @throws BatchJobException when the batch is still running after the longest wait, or when
     *     the thread is interrupted; in every case (refusals included) the batch
     *     goes on at the server and this method can be called again
     */
    public BatchOutcome await(String batchId) {
        Objects.requireNonNull(batchId, "batchId == null");
        Instant deadline = clock.instant().plus(maxWait);
        Duration pause = firstPause;
        while (true) {
            ApiResponse polled = batches.get(batchId);
            requireSuccess(polled, "GET /batches/" + batchId, batchId);
            BatchProgress progress = progress(batchId, polled.body());
            listener.onProgress(progress);
            if (progress.isTerminal()) {
                return collect(batchId, progress.status(), polled.body());
            }
            if (!clock.instant().plus(pause).isBefore(deadline)) {
                throw new BatchJobException("batch " + batchId + " is still " + progress.status() + " after "
                        + maxWait + "; call await(\"" + batchId + "\") to keep waiting", batchId, null);
            }
            sleep(pause, batchId);
            pause = pause.multipliedBy(2).compareTo(maxPause) > 0 ? maxPause : pause.multipliedBy(2);
        }
    }

    private BatchOutcome collect(String batchId, String status, JsonNode batch) {
        Map<String, BatchResult> results = new LinkedHashMap<>();
        download(batch.path("output_file_id"), batchId, results);
        download(batch.path("error_file_id"), batchId, results);
        return new BatchOutcome(batchId, status, batch, results);
    }

    private void download(JsonNode fileId, String batchId, Map<String, BatchResult> results) {
        if (!fileId.isTextual() || fileId.textValue().isEmpty()) {
            return;
        }
        String what = "file " + fileId.textValue() + " of batch " + batchId;
        try (InputStream in = files.content(fileId.textValue())) {
            Jsonl.read(in, what, line -> {
                BatchResult result = result(line);
                results.put(result.customId(), result);
            });
        } catch (IOException e) {
            throw new BatchJobException("reading " + what + " failed: " + e.getMessage(), batchId,
                    new UncheckedIOException(e));
        }
    }

    private static BatchResult result(JsonNode line) {
        JsonNode response = line.path("response");
        return new BatchResult(line.path("custom_id").asText(), response.path("status_code").asInt(0),
                response.path("body"), line.path("error"));
    }

    private static BatchProgress progress(String batchId, JsonNode batch) {
        JsonNode counts = batch.path("request_counts");
        return new BatchProgress(batchId, batch.path("status").asText("unknown"), counts.path("total").asInt(0),
                counts.path("completed").asInt(0), counts.path("failed").asInt(0));
    }

    private void sleep(Duration pause, String batchId) {
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchJobException("interrupted while waiting for batch " + batchId + "; call await(\""
                    + batchId + "\") to resume", batchId, e);
        }
    }

    private static String idOf(ApiResponse response, String what, String batchId) {
        requireSuccess(response, what, batchId);
        JsonNode id = response.body().path("id");
        if (!id.isTextual() || id.textValue().isEmpty()) {
            throw new BatchJobException(what + " answered without an id: " + response.bodyText(), batchId, null);
        }
        return id.textValue();
    }

    private static void requireSuccess(ApiResponse response, String what, String batchId) {
        response.orThrow(what);
    }

    @Override
    public String toString() {
        return "BatchJob{pauses=" + firstPause + ".." + maxPause + ", maxWait=" + maxWait + "}";
    }

    /** Builds a {@link BatchJob}; every setting has a default. Not thread-safe. */
    public static final class Builder {
        private final FileStore files;
    private final Batches batches;
        private BatchListener listener = BatchListener.none();
        private Map<String, String> metadata = Map.of();
        private Duration firstPause = DEFAULT_FIRST_PAUSE;
        private Duration maxPause = DEFAULT_MAX_PAUSE;
        private Duration maxWait = DEFAULT_MAX_WAIT;
        private Sleeper sleeper = Sleeper.SYSTEM;
        private Clock clock = Clock.systemUTC();

        private Builder(FileStore files, Batches batches) {
            this.files = Objects.requireNonNull(files, "files == null");
            this.batches = Objects.requireNonNull(batches, "batches == null");
        }

        /** Sets who hears of each poll. Default: nobody. */
        public Builder listener(BatchListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener == null");
            return this;
        }

        /** Sets the metadata attached to the batch (up to 16 pairs), to find it again later. Default: none. */
        public Builder metadata(Map<String, String> metadata) {
            this.metadata = Map.copyOf(Objects.requireNonNull(metadata, "metadata == null"));
            return this;
        }

        /**
         * Sets the first pause between polls and the longest it doubles up to. Defaults: 5 seconds
         * and 1 minute; batches take minutes to hours, so polling faster only spends requests.
         */
        public Builder pauses(Duration first, Duration max) {
            Objects.requireNonNull(first, "first == null");
            Objects.requireNonNull(max, "max == null");
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("pauses must be positive with first <= max: " + first + ", " + max);
            }
            this.firstPause = first;
            this.maxPause = max;
            return this;
        }

        /**
         * Sets how long {@link BatchJob#await} waits before giving up (the batch goes on). Default:
         * 25 hours; shorten it to check back later instead of blocking a thread.
         */
        public Builder maxWait(Duration maxWait) {
            Objects.requireNonNull(maxWait, "maxWait == null");
            if (maxWait.isNegative() || maxWait.isZero()) {
                throw new IllegalArgumentException("maxWait must be positive: " + maxWait);
            }
            this.maxWait = maxWait;
            return this;
        }

        Builder sleeper(Sleeper sleeper) {
            this.sleeper = Objects.requireNonNull(sleeper, "sleeper == null");
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock == null");
            return this;
        }

        /** Builds the job. */
        public BatchJob build() {
            return new BatchJob(this);
        }
    }
}
