package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The Uploads API in async form, from {@code client.async().uploads()}: the calls of
 * {@link Uploads}, with the same names, arguments, requests and checks, each returning a
 * {@link CompletableFuture} as {@link AsyncOpenAI}'s calls do.
 *
 * <p>{@link #upload(Path, String, long, int)} creates the upload, sends its parts with at most
 * {@code parallelism} in flight and no thread waiting for any, and completes it; a step answered
 * with a status other than 2xx fails the future with its {@code ApiException}, after the upload is
 * cancelled on the server. Cancelling the future aborts the parts in flight and cancels the upload
 * on the server too. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncUploads {

    private final AsyncRequester requester;

    AsyncUploads(AsyncRequester requester) {
        this.requester = requester;
    }

    /** Sends {@code POST /uploads}, as {@link Uploads#create}. */
    public CompletableFuture<ApiResponse> create(String filename, String purpose, long bytes, String mimeType,
            Map<String, ?> options) {
        return requester.send("POST", "/uploads", Uploads.createBody(filename, purpose, bytes, mimeType, options),
                Map.of());
    }

    /** Sends {@code POST /uploads/{id}/parts} with the bytes as the form field {@code data}, as {@link Uploads#addPart}. */
    public CompletableFuture<ApiResponse> addPart(String uploadId, RequestBody data) {
        String path = Uploads.path(uploadId, "/parts");
        Multipart form = Uploads.partForm(data);
        return requester.sendBody("POST", path, form, form.contentType());
    }

    /** Sends {@code POST /uploads/{id}/complete} with the part ids in file order, as {@link Uploads#complete}. */
    public CompletableFuture<ApiResponse> complete(String uploadId, List<String> partIds, String md5) {
        String path = Uploads.path(uploadId, "/complete");
        return requester.send("POST", path, Uploads.completeBody(partIds, md5), Map.of());
    }

    /** Sends {@code POST /uploads/{id}/cancel}. */
    public CompletableFuture<ApiResponse> cancel(String uploadId) {
        return requester.send("POST", Uploads.path(uploadId, "/cancel"), null, Map.of());
    }

    /** Uploads the file in parts of {@link Uploads#MAX_PART_SIZE}, one at a time; see {@link #upload(Path, String, long, int)}. */
    public CompletableFuture<ApiResponse> upload(Path file, String purpose) {
        return upload(file, purpose, Uploads.MAX_PART_SIZE, 1);
    }

    /**
     * Uploads the file in parts of {@code partSize} bytes, at most {@code parallelism} in flight,
     * and completes with the completed upload, whose {@code file} is the new file.
     *
     * @throws IllegalArgumentException at once, nothing sent, on the arguments
     *     {@link Uploads#upload(Path, String, long, int)} refuses
     */
    public CompletableFuture<ApiResponse> upload(Path file, String purpose, long partSize, int parallelism) {
        Uploads.Plan plan = Uploads.Plan.of(file, purpose, partSize, parallelism);
        CompletableFuture<ApiResponse> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<?>> step = new AtomicReference<>();
        AtomicReference<String> created = new AtomicReference<>();
        result.whenComplete((done, failure) -> {
            if (result.isCancelled()) {
                cancelStep(step);
                String uploadId = created.get();
                if (uploadId != null) {
                    cancel(uploadId); // best effort: nobody waits for it
                }
            }
        });
        CompletableFuture<ApiResponse> creating = create(plan.filename(), purpose, plan.size(),
                Uploads.mimeType(plan.filename()), Map.of());
        track(step, creating, result);
        creating.thenCompose(answer -> {
            String uploadId = Uploads.createdId(answer);
            created.set(uploadId);
            if (result.isCancelled()) { // cancelled while the upload was being created
                cancel(uploadId);
                return CompletableFuture.failedFuture(new CancellationException());
            }
            CompletableFuture<List<String>> sent = track(step,
                    new AsyncPartedUpload(this, file, plan.parts(), uploadId).send(parallelism), result);
            return sent.thenCompose(partIds -> track(step, complete(uploadId, partIds, null), result)).thenApply(completed -> Uploads.required(completed, "POST /uploads/" + uploadId + "/complete"))
                    .exceptionallyCompose(failure -> cancelAfter(uploadId, unwrap(failure), result));
        }).whenComplete((completed, failure) -> {
            if (failure != null) {
                result.completeExceptionally(unwrap(failure));
            } else {
                result.complete(completed);
            }
        });
        return result;
    }

    /** Records the step now awaited, cancelling it at once if the caller cancelled meanwhile. */
    private static <T> CompletableFuture<T> track(AtomicReference<CompletableFuture<?>> step, CompletableFuture<T> next,
            CompletableFuture<?> result) {
        step.set(next);
        if (result.isCancelled()) {
            next.cancel(true);
        }
        return next;
    }

    /** Cancels the upload after a failed step, unless the caller cancelled (which cancels it already), then fails. */
    private CompletableFuture<ApiResponse> cancelAfter(String uploadId, Throwable failure,
            CompletableFuture<ApiResponse> result) {
        if (result.isDone()) {
            return CompletableFuture.failedFuture(failure);
        }
        return cancel(uploadId).handle((cancelled, cancelFailure) -> {
            if (cancelFailure != null) {
                failure.addSuppressed(unwrap(cancelFailure));
            } else {
                Uploads.addCancelFailure(uploadId, cancelled, failure);
            }
            throw failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
        });
    }

    private static void cancelStep(AtomicReference<CompletableFuture<?>> step) {
        CompletableFuture<?> current = step.get();
        if (current != null) {
            current.cancel(true);
        }
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    @Override
    public String toString() {
        return "AsyncUploads";
    }
}
