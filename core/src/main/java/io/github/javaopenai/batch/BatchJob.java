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
import java.nio.file.Path;
import java.util.Iterator;
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
 * <p>For more requests than one batch takes, {@link #runAll(Iterator, Path, Path)} splits them into
 * as many batches as the API's limits need and streams every result to a file, resumable from a
 * manifest after a crash.
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

    /** The most requests the API takes in one batch input file: {@value}. */
    public static final int MAX_BATCH_REQUESTS = 50_000;

    /** The largest batch input file the API takes: 200 MB ({@value} bytes). */
    public static final long MAX_BATCH_BYTES = 200L * 1024 * 1024;

    final FileStore files;
    final Batches batches;
    final BatchListener listener;
    final Map<String, String> metadata;
    final Duration firstPause;
    final Duration maxPause;
    private final Duration maxWait;
    final Sleeper sleeper;
    final Clock clock;
    final int maxBatchRequests;
    final long maxBatchBytes;
    final int maxInFlight;
    final int maxAttempts;
    final boolean keepFiles;

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
        maxBatchRequests = b.maxBatchRequests;
        maxBatchBytes = b.maxBatchBytes;
        maxInFlight = b.maxInFlight;
        maxAttempts = b.maxAttempts;
        keepFiles = b.keepFiles;
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
        listener.onProgress(BatchProgress.of(batchId, created.body()));
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
            BatchProgress progress = BatchProgress.of(batchId, polled.body());
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

    /**
     * Runs any number of requests as as many batches as the API's limits need (50,000 requests and
     * 200 MB per input file; requests to another endpoint or model go in batches of their own),
     * up to the set number at once, and writes every request's result to {@code output}, exactly
     * once, as a JSON line: the batch's own output and error lines ({@code custom_id},
     * {@code response}, {@code error}), and for a request that never got an answer a line with
     * {@code response: null} and an {@code error}. Requests that expired, or met a 429 or 5xx, are
     * resubmitted up to the set attempts first. Blocks until the last result is written.
     *
     * <p>Memory stays flat whatever the job's size: requests are read one at a time into shard
     * files kept in a directory beside the manifest ({@code MANIFEST.parts}), and results pass
     * from the downloads to the output a line at a time. The manifest records every batch and how
     * much of the output is final, after every step; after a crash or an interrupt, call
     * {@link #resume(Path, Iterator)} with the same requests (or {@link #resume(Path)} for
     * {@link #runAll(Path, Path, Path)}): nothing is lost or written twice. Custom ids must be
     * unique; a repeat within one batch file is refused before it is sent.
     *
     * @param requests the requests, read once, in order
     * @param output the results file; replaced
     * @param manifest where the job's state is kept; replaced
     * @throws IllegalArgumentException when a custom id repeats within a batch or a request alone
     *     is larger than a batch file
     * @throws io.github.javaopenai.errors.ApiException when an upload, creation, poll or download
     *     is refused; the job can be resumed
     * @throws BatchJobException when interrupted; the job can be resumed
     * @since 0.1
     */
    public JobReport runAll(Iterator<BatchRequest> requests, Path output, Path manifest) {
        Objects.requireNonNull(requests, "requests == null");
        Manifest m = Manifest.fresh(output, manifest, null);
        return new ShardRunner(this, m).run(requests);
    }

    /**
     * Runs the requests of a JSONL file ({@code custom_id}, {@code method: POST}, {@code url},
     * {@code body} per line) as {@link #runAll(Iterator, Path, Path)} does; {@link #resume(Path)}
     * reads the file again from where the job stopped.
     *
     * @throws IllegalArgumentException when a line is not such a request (saying which line)
     * @since 0.1
     */
    public JobReport runAll(Path requests, Path output, Path manifest) {
        Objects.requireNonNull(requests, "requests == null");
        Manifest m = Manifest.fresh(output, manifest, requests.toAbsolutePath().toString());
        try (JsonlRequests input = JsonlRequests.open(requests)) {
            return new ShardRunner(this, m).run(input);
        }
    }

    /**
     * Carries on a job started by {@link #runAll(Path, Path, Path)} from its manifest, after a
     * crash or an interrupt: the output keeps exactly the results the manifest records, batches
     * already submitted are awaited rather than sent again, and the rest of the file is read.
     *
     * @throws IllegalStateException when the job read its requests from an iterator and has some
     *     left to read: use {@link #resume(Path, Iterator)}
     * @since 0.1
     */
    public JobReport resume(Path manifest) {
        Manifest m = Manifest.load(manifest);
        if (m.input == null) {
            return new ShardRunner(this, m).run(null);
        }
        try (JsonlRequests input = JsonlRequests.open(Path.of(m.input))) {
            return new ShardRunner(this, m).run(input);
        }
    }

    /**
     * Carries on a job started by {@link #runAll(Iterator, Path, Path)}: pass the same requests
     * again, from the start; those the manifest records as read are skipped.
     *
     * @since 0.1
     */
    public JobReport resume(Path manifest, Iterator<BatchRequest> requests) {
        Objects.requireNonNull(requests, "requests == null");
        return new ShardRunner(this, Manifest.load(manifest)).run(requests);
    }

    /**
     * Reads a results file written by {@link #runAll} a line at a time; close the stream when done.
     *
     * @since 0.1
     */
    public static java.util.stream.Stream<BatchResult> results(Path output) {
        try {
            return java.nio.file.Files.lines(output, java.nio.charset.StandardCharsets.UTF_8)
                    .filter(line -> !line.isBlank())
                    .map(line -> BatchResult.fromLine(io.github.javaopenai.internal.Json.decodeBody(
                            line.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output + ": " + e.getMessage(), e);
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
                BatchResult result = BatchResult.fromLine(line);
                results.put(result.customId(), result);
            });
        } catch (IOException e) {
            throw new BatchJobException("reading " + what + " failed: " + e.getMessage(), batchId,
                    new UncheckedIOException(e));
        }
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

    static String idOf(ApiResponse response, String what, String batchId) {
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
        private int maxBatchRequests = MAX_BATCH_REQUESTS;
        private long maxBatchBytes = MAX_BATCH_BYTES;
        private int maxInFlight = 4;
        private int maxAttempts = 3;
        private boolean keepFiles;

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

        /**
         * Sets the most requests and bytes {@link BatchJob#runAll} puts in one batch. Defaults:
         * the API's limits, 50,000 requests and 200 MB; lower them for smaller batches.
         *
         * @throws IllegalArgumentException when a limit is not positive or above the API's
         */
        public Builder batchLimits(int maxRequests, long maxBytes) {
            if (maxRequests <= 0 || maxRequests > MAX_BATCH_REQUESTS || maxBytes <= 0 || maxBytes > MAX_BATCH_BYTES) {
                throw new IllegalArgumentException("batch limits must be within 1.." + MAX_BATCH_REQUESTS
                        + " requests and 1.." + MAX_BATCH_BYTES + " bytes: " + maxRequests + ", " + maxBytes);
            }
            this.maxBatchRequests = maxRequests;
            this.maxBatchBytes = maxBytes;
            return this;
        }

        /** Sets how many batches {@link BatchJob#runAll} keeps running at once. Default: 4. */
        public Builder maxInFlight(int batches) {
            if (batches <= 0) {
                throw new IllegalArgumentException("maxInFlight must be positive: " + batches);
            }
            this.maxInFlight = batches;
            return this;
        }

        /**
         * Sets how many times {@link BatchJob#runAll} submits a request that expired or met a 429
         * or 5xx before reporting its failure. Default: 3 (the first try and two more).
         */
        public Builder maxAttempts(int attempts) {
            if (attempts <= 0) {
                throw new IllegalArgumentException("maxAttempts must be positive: " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Sets whether {@link BatchJob#runAll} keeps the input, output and error files it leaves at
         * the API. Default: false, each batch's files are deleted once its results are written.
         */
        public Builder keepFiles(boolean keep) {
            this.keepFiles = keep;
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
