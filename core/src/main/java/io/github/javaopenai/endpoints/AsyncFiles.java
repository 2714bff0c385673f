package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Files API in async form, from {@code client.async().files()}: list, get, delete and upload,
 * with the names, arguments and requests of {@link FileStore}, each returning a
 * {@link CompletableFuture} as {@link AsyncOpenAI}'s calls do. Uploads stream the file from disk
 * as it is sent; downloads read the content with no thread waiting for it, as
 * {@link io.github.javaopenai.internal.engine.AsyncDownloads} describes; {@link #iterate} pages
 * through the files as a publisher. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncFiles {

    private final AsyncRequester requester;

    AsyncFiles(AsyncRequester requester) {
        this.requester = requester;
    }

    /** Sends {@code POST /files} uploading the file at the path, named by its file name. */
    public CompletableFuture<ApiResponse> upload(Path file, String purpose) {
        return upload(file, purpose, Map.of());
    }

    /**
     * Sends {@code POST /files} uploading the file at the path, as {@link FileStore#upload(Path, String, Map)}.
     *
     * @throws IllegalArgumentException at once, nothing sent, when the purpose is blank or the path
     *     is not a readable file
     */
    public CompletableFuture<ApiResponse> upload(Path file, String purpose, Map<String, ?> options) {
        Multipart.Builder form = FileStore.form(purpose, options);
        return send(Forms.addFile(form, "file", Objects.requireNonNull(file, "file == null")).build());
    }

    /** Sends {@code POST /files} uploading the given bytes under the given file name. */
    public CompletableFuture<ApiResponse> upload(String filename, byte[] content, String purpose) {
        Objects.requireNonNull(filename, "filename == null");
        Objects.requireNonNull(content, "content == null");
        Multipart.Builder form = FileStore.form(purpose, Map.of());
        return send(form.file("file", filename, Forms.mediaType(filename), RequestBody.ofBytes(content)).build());
    }

    /** Sends {@code GET /files}. */
    public CompletableFuture<ApiResponse> list() {
        return list(Map.of());
    }

    /** Sends {@code GET /files} with query parameters such as {@code purpose}, {@code limit} and {@code after}. */
    public CompletableFuture<ApiResponse> list(Map<String, ?> query) {
        return requester.send("GET", "/files" + Query.of(query), null, Map.of());
    }

    /** Sends {@code GET /files/{id}}; a null id raises "file_id is required" at once. */
    public CompletableFuture<ApiResponse> get(String fileId) {
        return requester.send("GET", "/files/" + RequestBodies.segment(fileId, "file_id"), null, Map.of());
    }

    /** Sends {@code DELETE /files/{id}}. */
    public CompletableFuture<ApiResponse> delete(String fileId) {
        return requester.send("DELETE", "/files/" + RequestBodies.segment(fileId, "file_id"), null, Map.of());
    }

    /**
     * Sends {@code GET /files/{id}/content} and completes with the whole content in memory; the
     * future fails with the {@code ApiException} of an error status. Prefer {@link #download} for
     * large files.
     */
    public CompletableFuture<byte[]> content(String fileId) {
        return requester.downloads().toBytes("GET", FileStore.contentPath(fileId), null, FileStore.CONTENT_ACCEPT);
    }

    /**
     * Downloads a file's content into the target path, as {@link FileStore#download(String, Path)}:
     * the bytes go to a temporary file beside the target, moved into place once complete, so a
     * failed or cancelled download leaves no partial target. Completes with the target.
     */
    public CompletableFuture<Path> download(String fileId, Path target) {
        Objects.requireNonNull(target, "target == null");
        return requester.downloads().toFile("GET", FileStore.contentPath(fileId), null, FileStore.CONTENT_ACCEPT, target);
    }

    /** Returns every file, page by page, as a publisher; the query's {@code after} sets where to start. */
    public AsyncPages iterate(Map<String, ?> query) {
        return AsyncPages.ofList(requester, "/files", query);
    }

    private CompletableFuture<ApiResponse> send(Multipart form) {
        return requester.sendBody("POST", "/files", form, form.contentType());
    }

    @Override
    public String toString() {
        return "AsyncFiles";
    }
}
