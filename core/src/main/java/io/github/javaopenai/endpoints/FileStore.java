package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.Downloads;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Query;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Uploads files, downloads their content and pages through them: the Files API beyond
 * lua-openai's {@code files()}, {@code file(id)} and {@code deleteFile(id)}.
 *
 * <p>Uploads are sent as {@code multipart/form-data} streamed from their source, so a file of any
 * size is never loaded into memory. Upload and list methods return the server's answer whatever its
 * status, like the rest of the client; download methods and {@link #iterate} raise
 * {@link io.github.javaopenai.errors.ApiException} on a status other than 2xx, since they
 * return data rather than an answer. Obtain one from {@code client.files()}; thread-safe.
 *
 * <pre>{@code
 * ApiResponse uploaded = client.files().upload(Path.of("requests.jsonl"), "batch");
 * String fileId = uploaded.body().path("id").asText();
 * client.files().download(fileId, Path.of("copy.jsonl"));
 * }</pre>
 *
 * @since 0.1
 */
public final class FileStore {

    private final Requester requester;

    public FileStore(Requester requester) {
        this.requester = requester;
    }

    /** Sends {@code POST /files} uploading the file at the path, named by its file name. */
    public ApiResponse upload(Path file, String purpose) {
        return upload(file, purpose, Map.of());
    }

    /**
     * Sends {@code POST /files} uploading the file at the path, read while it is sent.
     *
     * @param purpose such as {@code batch}, {@code assistants}, {@code fine-tune} or {@code user_data}
     * @param options extra form fields, such as {@code expires_after: {anchor: created_at, seconds: 3600}}
     * @throws IllegalArgumentException when the purpose is blank or the path is not a readable file
     */
    public ApiResponse upload(Path file, String purpose, Map<String, ?> options) {
        Multipart.Builder form = form(purpose, options);
        return send(Forms.addFile(form, "file", Objects.requireNonNull(file, "file == null")).build());
    }

    /** Sends {@code POST /files} uploading the given bytes under the given file name. */
    public ApiResponse upload(String filename, byte[] content, String purpose) {
        Objects.requireNonNull(content, "content == null");
        return upload(filename, RequestBody.ofBytes(content), purpose, Map.of());
    }

    /**
     * Sends {@code POST /files} uploading the stream's bytes under the given file name. The stream
     * is read once, while the request is sent, and closed afterwards. Since it cannot be read
     * again, the request is never retried: a 429 or 5xx answer is returned as it came (its status
     * checked, or {@link ApiResponse#orThrow()} for the typed exception), with a warning logged
     * that the body could not be sent again. Prefer a {@link Path}, or a {@link RequestBody} that
     * can be reopened, to have failures retried.
     */
    public ApiResponse upload(String filename, InputStream content, String purpose) {
        Objects.requireNonNull(content, "content == null");
        RequestBody once = RequestBody.ofOneShotStream(content, -1);
        try (content) {
            return upload(filename, once, purpose, Map.of());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("closing the upload stream failed", e);
        }
    }

    /**
     * Sends {@code POST /files} uploading the body's bytes under the given file name: use
     * {@link RequestBody#ofStream} for content produced on the fly, with its length if known.
     */
    public ApiResponse upload(String filename, RequestBody content, String purpose, Map<String, ?> options) {
        Objects.requireNonNull(filename, "filename == null");
        Multipart.Builder form = form(purpose, options);
        return send(form.file("file", filename, Forms.mediaType(filename), content).build());
    }

    /**
     * Uploads a file of any size up to the Uploads API's limit (8 GB) in streamed parts of 64 MiB
     * through {@link Uploads#upload(Path, String)}, for files beyond the 512 MB that one
     * {@code POST /files} takes; returns the completed upload, whose {@code file} is the new file.
     *
     * @throws io.github.javaopenai.errors.ApiException when a step fails; the upload is
     *     cancelled first
     */
    public ApiResponse uploadLarge(Path file, String purpose) {
        return new Uploads(requester).upload(file, purpose);
    }

    /**
     * Uploads a file in streamed parts of {@code partSize} bytes, at most {@code parallelism} at
     * once, as {@link Uploads#upload(Path, String, long, int)} does.
     */
    public ApiResponse uploadLarge(Path file, String purpose, long partSize, int parallelism) {
        return new Uploads(requester).upload(file, purpose, partSize, parallelism);
    }

    /**
     * Sends {@code GET /files/{id}/content} and returns the content as a stream, read as it
     * arrives; the caller closes it.
     *
     * @throws io.github.javaopenai.errors.ApiException when the status is not 2xx
     */
    public InputStream content(String fileId) {
        return Downloads.open(requester, "GET", contentPath(fileId), null, CONTENT_ACCEPT);
    }

    /**
     * Downloads a file's content into the target path and returns the number of bytes written.
     * The bytes go to a temporary file beside the target first, so a failed download leaves no
     * partial target.
     */
    public long download(String fileId, Path target) {
        Objects.requireNonNull(target, "target == null");
        return Downloads.toFile(content(fileId), target);
    }

    /** Downloads a file's content into the stream, which stays open, and returns the byte count. */
    public long download(String fileId, OutputStream out) {
        Objects.requireNonNull(out, "out == null");
        return Downloads.toStream(content(fileId), out);
    }

    /** Sends {@code GET /files}: the first page of files. */
    public ApiResponse list() {
        return list(Map.of());
    }

    /** Sends {@code GET /files} with query parameters such as {@code purpose}, {@code limit}, {@code after}. */
    public ApiResponse list(Map<String, ?> query) {
        return requester.send("GET", "/files" + Query.of(query), null, Map.of());
    }

    /**
     * Sends {@code GET /files/{id}}: the file's metadata.
     *
     * @throws IllegalArgumentException "file_id is required" when the id is null
     */
    public ApiResponse get(String fileId) {
        return requester.send("GET", "/files/" + RequestBodies.segment(fileId, "file_id"), null, Map.of());
    }

    /**
     * Sends {@code DELETE /files/{id}}.
     *
     * @throws IllegalArgumentException "file_id is required" when the id is null
     */
    public ApiResponse delete(String fileId) {
        return requester.send("DELETE", "/files/" + RequestBodies.segment(fileId, "file_id"), null, Map.of());
    }

    /** Returns every file, page by page, as {@link #list} returns them; {@code after} sets the start. */
    public Pages iterate(Map<String, ?> query) {
        return Pages.ofList(requester, "/files", query);
    }

    /** What a content download accepts; shared with {@link AsyncFiles}. */
    static final String CONTENT_ACCEPT = "application/octet-stream, */*";

    /** Returns the path of a file's content, checking the id; shared with {@link AsyncFiles}. */
    static String contentPath(String fileId) {
        return "/files/" + PathSegments.required(fileId, "file_id") + "/content";
    }

    /** Starts the upload form: the purpose and the options as fields; shared with {@link AsyncFiles}. */
    static Multipart.Builder form(String purpose, Map<String, ?> options) {
        if (purpose == null || purpose.isBlank()) {
            throw new IllegalArgumentException("purpose is required");
        }
        Objects.requireNonNull(options, "options == null");
        Multipart.Builder form = Multipart.newBuilder().field("purpose", purpose);
        return Forms.addOptions(form, options);
    }

    private ApiResponse send(Multipart form) {
        return requester.sendBody("POST", "/files", form, form.contentType());
    }

    @Override
    public String toString() {
        return "FileStore";
    }
}
