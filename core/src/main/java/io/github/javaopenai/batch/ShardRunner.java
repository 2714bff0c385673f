package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.BatchJobException;
import io.github.javaopenai.internal.Json;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs one large job on the calling thread: reads requests into shard files within the batch
 * limits, keeps up to the set number of batches running, and appends each finished batch's
 * results to the output, saving the manifest after every step so that a crash loses nothing.
 *
 * <p>Memory holds one shard's custom ids at most (50,000), whatever the job's size: requests and
 * results pass through files on disk, a line at a time.
 */
final class ShardRunner {

    private final BatchJob job;
    private final Manifest m;
    private final Path output;
    private final Map<String, Shard> open = new LinkedHashMap<>();
    private Instant started;
    private long doneAtStart;

    ShardRunner(BatchJob job, Manifest manifest) {
        this.job = job;
        this.m = manifest;
        this.output = Path.of(manifest.output);
    }

    JobReport run(Iterator<BatchRequest> input) {
        try {
            prepare(input);
            return loop(input);
        } catch (IOException e) {
            throw new UncheckedIOException("batch job " + m.path + ": " + e.getMessage(), e);
        } finally {
            closeOpen();
        }
    }

    /** Drops output written after the last save, reopens open shards at their saved length, skips read input. */
    private void prepare(Iterator<BatchRequest> input) throws IOException {
        Files.createDirectories(m.work());
        try (FileChannel channel = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (channel.size() < m.written) {
                throw new IllegalStateException(output + " is shorter (" + channel.size() + " bytes) than the "
                        + m.written + " bytes the manifest " + m.path + " records as written");
            }
            channel.truncate(m.written);
        }
        for (Shard shard : m.shards) {
            if (shard.state.equals(Shard.OPEN)) {
                Path file = m.file(shard);
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    if (channel.size() < shard.bytes) {
                        throw new IllegalStateException(file + " is shorter than the " + shard.bytes
                                + " bytes the manifest " + m.path + " records");
                    }
                    channel.truncate(shard.bytes);
                }
                shard.ids = new HashSet<>();
                try (InputStream in = Files.newInputStream(file)) {
                    Jsonl.read(in, file.toString(), line -> shard.ids.add(line.path("custom_id").asText()));
                }
                shard.out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.APPEND));
                open.put(key(shard.url, shard.model), shard);
            }
        }
        if (input != null) {
            for (long skipped = 0; skipped < m.consumed; skipped++) {
                if (!input.hasNext()) {
                    throw new IllegalArgumentException("the requests end after " + skipped + ", but the manifest "
                            + m.path + " records " + m.consumed + " already read: pass the same requests");
                }
                input.next();
            }
        }
        started = job.clock.instant();
        doneAtStart = m.succeeded + m.failed;
    }

    private JobReport loop(Iterator<BatchRequest> input) throws IOException {
        Duration pause = job.firstPause;
        while (true) {
            boolean changed = fill(input);
            while (running() < job.maxInFlight && nextSealed() != null) {
                submit(nextSealed());
                changed = true;
            }
            for (Shard shard : List.copyOf(m.shards)) {
                if (shard.state.equals(Shard.SUBMITTED) && poll(shard)) {
                    changed = true;
                }
            }
            report();
            if (m.inputDone && m.shards.isEmpty()) {
                try (var left = Files.list(m.work())) {
                    if (left.findAny().isEmpty()) {
                        Files.delete(m.work());
                    }
                }
                return new JobReport(output, m.succeeded, m.failed, m.batchesDone);
            }
            if (changed) {
                pause = job.firstPause;
            } else {
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(job.maxPause) > 0 ? job.maxPause : pause.multipliedBy(2);
            }
        }
    }

    /** Reads requests until a sealed shard waits for each free slot, or the input ends. */
    private boolean fill(Iterator<BatchRequest> input) throws IOException {
        boolean changed = false;
        while (!m.inputDone && sealedWaiting() < Math.max(1, job.maxInFlight - running())) {
            if (input == null) {
                throw new IllegalStateException("the manifest " + m.path + " has requests left to read, but they"
                        + " came from an iterator: resume with the same requests, resume(manifest, requests)");
            }
            if (!input.hasNext()) {
                for (Shard shard : List.copyOf(open.values())) {
                    seal(shard);
                }
                m.inputDone = true;
                save();
                return true;
            }
            add(input.next());
            changed = true;
        }
        return changed;
    }

    private void add(BatchRequest request) throws IOException {
        byte[] line = Jsonl.line(request);
        if (line.length > job.maxBatchBytes) {
            throw new IllegalArgumentException("request \"" + request.customId() + "\" is " + line.length
                    + " bytes as a JSON line, more than a batch file may hold (" + job.maxBatchBytes + ")");
        }
        String model = request.body().path("model").asText("");
        String key = key(request.url(), model);
        Shard shard = open.get(key);
        if (shard != null && (shard.count + 1 > job.maxBatchRequests || shard.bytes + line.length > job.maxBatchBytes)) {
            seal(shard);
            shard = null;
        }
        if (shard == null) {
            shard = new Shard(m.nextShard++, request.url(), model, 1, Shard.OPEN);
            shard.ids = new HashSet<>();
            shard.out = new BufferedOutputStream(Files.newOutputStream(m.file(shard)));
            m.shards.add(shard);
            open.put(key, shard);
        }
        if (!shard.ids.add(request.customId())) {
            throw new IllegalArgumentException("custom id \"" + request.customId() + "\" is used twice");
        }
        shard.out.write(line);
        shard.count++;
        shard.bytes += line.length;
        m.consumed++;
    }

    /** Closes a full shard; the manifest records it with every open shard's length, flushed first. */
    private void seal(Shard shard) throws IOException {
        shard.out.close();
        shard.out = null;
        shard.ids = null;
        shard.state = Shard.SEALED;
        open.remove(key(shard.url, shard.model));
        save();
    }

    /** Saves the manifest, open shards flushed first so that the lengths it records are on disk. */
    private void save() {
        try {
            for (Shard shard : open.values()) {
                shard.out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a shard file in " + m.work() + " failed: " + e.getMessage(), e);
        }
        m.save();
    }

    private void submit(Shard shard) {
        if (shard.inputFileId == null) {
            ApiResponse uploaded = job.files.upload(m.file(shard), "batch");
            shard.inputFileId = BatchJob.idOf(uploaded, "POST /files", null);
            save();
        }
        Map<String, Object> options = new LinkedHashMap<>();
        if (!job.metadata.isEmpty()) {
            options.put("metadata", job.metadata);
        }
        ApiResponse created = job.batches.create(shard.inputFileId, shard.url, options);
        shard.batchId = BatchJob.idOf(created, "POST /batches", null);
        shard.state = Shard.SUBMITTED;
        save();
        job.listener.onProgress(BatchProgress.of(shard.batchId, created.body()));
    }

    /** Polls a running batch; collects it when it has ended. Returns whether it ended. */
    private boolean poll(Shard shard) throws IOException {
        ApiResponse polled = job.batches.get(shard.batchId);
        polled.orThrow("GET /batches/" + shard.batchId);
        BatchProgress progress = BatchProgress.of(shard.batchId, polled.body());
        job.listener.onProgress(progress);
        shard.polledDone = progress.completed() + progress.failed();
        if (!progress.isTerminal()) {
            return false;
        }
        collect(shard, polled.body());
        return true;
    }

    /**
     * Appends the batch's results to the output, each custom id once: answers from the output and
     * error files, then a failure for any request the batch never answered. Requests that expired
     * or met a 429 or 5xx go into a new shard instead, until the attempts run out.
     */
    private void collect(Shard shard, JsonNode batch) throws IOException {
        String status = batch.path("status").asText();
        Set<String> answered = new HashSet<>();
        Set<String> again = new HashSet<>();
        boolean retryable = shard.attempt < job.maxAttempts;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(output, StandardOpenOption.APPEND))) {
            for (String field : List.of("output_file_id", "error_file_id")) {
                JsonNode fileId = batch.path(field);
                if (!fileId.isTextual() || fileId.asText().isEmpty()) {
                    continue;
                }
                String what = "file " + fileId.asText() + " of batch " + shard.batchId;
                try (InputStream in = job.files.content(fileId.asText())) {
                    Jsonl.read(in, what, line -> {
                        String id = line.path("custom_id").asText();
                        if (!answered.add(id)) {
                            return; // never twice, even if a file repeats a line
                        }
                        if (retryable && worthRetrying(line)) {
                            again.add(id);
                        } else {
                            write(out, line);
                        }
                    });
                }
            }
            JsonNode problem = batch.path("errors").path("data").path(0);
            // an expired batch's unanswered requests go again; a refused file would fail again, and a
            // batch someone cancelled is meant to stop
            boolean resubmit = retryable && !status.equals("failed") && !status.equals("cancelled");
            try (InputStream in = Files.newInputStream(m.file(shard))) {
                Jsonl.read(in, m.file(shard).toString(), line -> {
                    String id = line.path("custom_id").asText();
                    if (answered.contains(id)) {
                        return;
                    }
                    if (resubmit) {
                        again.add(id);
                    } else {
                        write(out, unanswered(id, status, problem));
                    }
                });
            }
        }
        if (!again.isEmpty()) {
            resubmit(shard, again);
        }
        m.shards.remove(shard);
        m.batchesDone++;
        m.written = Files.size(output);
        save();
        cleanUp(shard, batch);
    }

    private static boolean worthRetrying(JsonNode line) {
        JsonNode error = line.path("error");
        int status = line.path("response").path("status_code").asInt(0);
        return (error.isObject() && !error.isEmpty()) || status == 429 || status >= 500;
    }

    private void write(OutputStream out, JsonNode line) {
        try {
            out.write(Json.toBytes(line));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (new BatchResult(line.path("custom_id").asText(), line.path("response").path("status_code").asInt(0),
                line.path("response").path("body"), line.path("error")).isSuccess()) {
            m.succeeded++;
        } else {
            m.failed++;
        }
    }

    private static JsonNode unanswered(String customId, String status, JsonNode problem) {
        ObjectNode line = Json.object();
        line.putNull("id");
        line.put("custom_id", customId);
        line.putNull("response");
        ObjectNode error = line.putObject("error");
        if (problem.isObject()) {
            error.put("code", problem.path("code").asText("batch_failed"));
            error.put("message", "the batch failed: " + problem.path("message").asText());
        } else {
            error.put("code", status.equals("expired") ? "batch_expired" : "batch_" + status);
            error.put("message", "the batch ended " + status + " without running this request");
        }
        return line;
    }

    private void resubmit(Shard shard, Set<String> ids) throws IOException {
        Shard retry = new Shard(m.nextShard++, shard.url, shard.model, shard.attempt + 1, Shard.SEALED);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(m.file(retry)));
                InputStream in = Files.newInputStream(m.file(shard))) {
            Jsonl.read(in, m.file(shard).toString(), line -> {
                if (ids.contains(line.path("custom_id").asText())) {
                    byte[] bytes = Json.toBytes(line);
                    try {
                        out.write(bytes);
                        out.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    retry.count++;
                    retry.bytes += bytes.length + 1;
                }
            });
        }
        m.shards.add(retry);
    }

    /** Deletes the shard file, and unless kept, the batch's input, output and error files at the API. */
    private void cleanUp(Shard shard, JsonNode batch) throws IOException {
        Files.deleteIfExists(m.file(shard));
        if (job.keepFiles) {
            return;
        }
        for (String fileId : new String[] {shard.inputFileId, batch.path("output_file_id").asText(null),
                batch.path("error_file_id").asText(null)}) {
            if (fileId != null && !fileId.isEmpty()) {
                job.files.delete(fileId); // a refusal leaves a file behind, nothing worse
            }
        }
    }

    private void report() {
        long written = m.succeeded + m.failed;
        long pending = m.consumed - written;
        long runningDone = m.shards.stream().filter(s -> s.state.equals(Shard.SUBMITTED)).mapToLong(s -> s.polledDone).sum();
        long done = written + runningDone;
        long eta = -1;
        long seconds = Duration.between(started, job.clock.instant()).toSeconds();
        if (m.inputDone && done > doneAtStart && seconds > 0) {
            eta = (m.consumed - done) * seconds / (done - doneAtStart);
        }
        job.listener.onJobProgress(new JobProgress(m.succeeded, m.failed, pending, runningDone, running(),
                m.batchesDone, m.inputDone, eta));
    }

    private int running() {
        return (int) m.shards.stream().filter(s -> s.state.equals(Shard.SUBMITTED)).count();
    }

    private int sealedWaiting() {
        return (int) m.shards.stream().filter(s -> s.state.equals(Shard.SEALED)).count();
    }

    private Shard nextSealed() {
        return m.shards.stream().filter(s -> s.state.equals(Shard.SEALED)).findFirst().orElse(null);
    }

    private void sleep(Duration pause) {
        try {
            job.sleeper.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BatchJobException("interrupted; resume the job from its manifest " + m.path, null, e);
        }
    }

    private void closeOpen() {
        for (Shard shard : open.values()) {
            try {
                if (shard.out != null) {
                    shard.out.close();
                }
            } catch (IOException e) {
                // the manifest's saved length decides what counts on resume
            }
        }
    }

    private static String key(String url, String model) {
        return url + " " + model;
    }
}
