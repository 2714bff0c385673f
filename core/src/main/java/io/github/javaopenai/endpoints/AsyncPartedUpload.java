package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The async form of {@link PartedUpload}: sends the parts of one file, at most {@code parallelism}
 * in flight and no thread waiting for any, starting the next part as one is answered; completes
 * with the part ids in file order. After the first failure no part is started and those in flight
 * are aborted; cancelling the future aborts them too.
 */
final class AsyncPartedUpload {

    private final AsyncUploads uploads;
    private final Path file;
    private final List<PartedUpload.Part> parts;
    private final String uploadId;
    private final String[] ids;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger added = new AtomicInteger();
    private final Set<CompletableFuture<ApiResponse>> inFlight = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<List<String>> result = new CompletableFuture<>();

    AsyncPartedUpload(AsyncUploads uploads, Path file, List<PartedUpload.Part> parts, String uploadId) {
        this.uploads = uploads;
        this.file = file;
        this.parts = List.copyOf(parts);
        this.uploadId = uploadId;
        this.ids = new String[parts.size()];
    }

    /** Starts the first {@code parallelism} parts; each answered part starts the next. */
    CompletableFuture<List<String>> send(int parallelism) {
        result.whenComplete((done, failure) -> {
            if (failure != null) {
                inFlight.forEach(part -> part.cancel(true));
            }
        });
        for (int i = 0; i < Math.min(parallelism, parts.size()); i++) {
            startNext();
        }
        return result;
    }

    private void startNext() {
        int index = next.getAndIncrement();
        if (index >= parts.size() || result.isDone()) {
            return;
        }
        PartedUpload.Part part = parts.get(index);
        String request = PartedUpload.describe(uploadId, part, parts.size());
        CompletableFuture<ApiResponse> sent;
        try {
            sent = uploads.addPart(uploadId, PartedUpload.body(file, part));
        } catch (RuntimeException e) {
            result.completeExceptionally(e);
            return;
        }
        inFlight.add(sent);
        if (result.isDone()) {
            sent.cancel(true); // failed or cancelled while this part was being started
        }
        sent.whenComplete((answer, failure) -> {
            inFlight.remove(sent);
            if (failure != null) {
                result.completeExceptionally(failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure);
                return;
            }
            try {
                ids[part.index()] = PartedUpload.partId(answer, request);
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
                return;
            }
            // The counter orders every id's write before the last part's read of them all.
            if (added.incrementAndGet() == parts.size()) {
                result.complete(Arrays.asList(ids.clone()));
            } else {
                startNext();
            }
        });
    }
}
