package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.internal.engine.PathSegments;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.transport.Multipart;
import io.github.javaopenai.transport.RequestBody;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Uploads files too large for one {@code POST /files} request (512 MB) through the Uploads API:
 * create an upload, add parts of at most 64 MB, complete it with the part ids in order.
 *
 * <p>{@link #upload(Path, String)} does all of it: each part is streamed from its byte range of
 * the file while it is sent, so no part is ever held whole in memory, and a failure after the
 * upload was created cancels it before the exception reaches the caller. The low-level methods
 * return the server's answer whatever its status, like the rest of the client; the whole-file
 * methods raise {@link ApiException} on a status other than 2xx. Obtain one from
 * {@code client.uploads()}; thread-safe.
 *
 * <pre>{@code
 * ApiResponse done = client.uploads().upload(Path.of("train.jsonl"), "fine-tune");
 * String fileId = done.body().path("file").path("id").asText();
 * }</pre>
 *
 * @since 0.1
 */
public final class Uploads {

    /** The largest part the API accepts, and the default part size: 64 MiB. */
    public static final long MAX_PART_SIZE = 64L * 1024 * 1024;

    /** The most parts {@link #upload(Path, String, long, int)} sends at once: {@value}. */
    public static final int MAX_PARALLELISM = 8;

    private final Requester requester;

    public Uploads(Requester requester) {
        this.requester = requester;
    }

    /**
     * Sends {@code POST /uploads} with {@code {filename, purpose, bytes, mime_type}}; the options
     * extend or override it, for example with {@code expires_after}.
     *
     * @param purpose such as {@code batch}, {@code fine-tune}, {@code assistants} or {@code vision}
     * @param bytes the exact size of the whole file
     * @param mimeType the file's media type, such as {@code text/jsonl}
     * @throws IllegalArgumentException when a text argument is blank or the size is negative
     */
    public ApiResponse create(String filename, String purpose, long bytes, String mimeType, Map<String, ?> options) {
        return requester.send("POST", "/uploads", createBody(filename, purpose, bytes, mimeType, options), Map.of());
    }

    /** Returns the body of {@link #create}, checking its arguments; shared with {@link AsyncUploads}. */
    static ObjectNode createBody(String filename, String purpose, long bytes, String mimeType, Map<String, ?> options) {
        requireText(filename, "filename");
        requireText(purpose, "purpose");
        requireText(mimeType, "mime_type");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
        Objects.requireNonNull(options, "options == null");
        ObjectNode body = Json.object();
        body.put("filename", filename);
        body.put("purpose", purpose);
        body.put("bytes", bytes);
        body.put("mime_type", mimeType);
        return RequestBodies.merge(body, options);
    }

    /**
     * Sends {@code POST /uploads/{id}/parts} with the bytes as the form field {@code data}; use
     * {@link RequestBody#ofStream} to stream them. The answer's {@code id} names the part.
     *
     * @throws IllegalArgumentException when the upload id is null or empty
     */
    public ApiResponse addPart(String uploadId, RequestBody data) {
        Multipart form = partForm(data);
        return requester.sendBody("POST", path(uploadId, "/parts"), form, form.contentType());
    }

    /** Returns {@code /uploads/{id}} and the suffix, checking the id; shared with {@link AsyncUploads}. */
    static String path(String uploadId, String suffix) {
        return "/uploads/" + PathSegments.required(uploadId, "upload_id") + suffix;
    }

    /** Returns the form of {@link #addPart}; shared with {@link AsyncUploads}. */
    static Multipart partForm(RequestBody data) {
        Objects.requireNonNull(data, "data == null");
        return Multipart.newBuilder().file("data", "part", "application/octet-stream", data).build();
    }

    /**
     * Sends {@code POST /uploads/{id}/complete} with the part ids in file order.
     *
     * @param md5 the hex MD5 of the whole file for the server to check, or null to send none
     * @throws IllegalArgumentException when the upload id is missing or a part id is null or empty
     */
    public ApiResponse complete(String uploadId, List<String> partIds, String md5) {
        return requester.send("POST", path(uploadId, "/complete"), completeBody(partIds, md5), Map.of());
    }

    /** Returns the body of {@link #complete}, checking the part ids; shared with {@link AsyncUploads}. */
    static ObjectNode completeBody(List<String> partIds, String md5) {
        Objects.requireNonNull(partIds, "partIds == null");
        ObjectNode body = Json.object();
        ArrayNode ids = body.putArray("part_ids");
        for (String id : partIds) {
            PathSegments.required(id, "part id");
            ids.add(id);
        }
        if (md5 != null) {
            body.put("md5", md5);
        }
        return body;
    }

    /** Sends {@code POST /uploads/{id}/cancel}; no part may be added afterwards. */
    public ApiResponse cancel(String uploadId) {
        return requester.send("POST", path(uploadId, "/cancel"), null, Map.of());
    }

    /**
     * Uploads the file in parts of {@link #MAX_PART_SIZE}, one after another, and returns the
     * completed upload, whose {@code file} is the new file.
     *
     * @throws IllegalArgumentException when the purpose is blank or the path is not a readable,
     *     non-empty file
     * @throws ApiException when a step is answered with a status other than 2xx; the
     *     upload is cancelled first if it had been created
     */
    public ApiResponse upload(Path file, String purpose) {
        return upload(file, purpose, MAX_PART_SIZE, 1);
    }

    /**
     * Uploads the file in parts of {@code partSize} bytes, at most {@code parallelism} at a time,
     * and completes it with the part ids in file order. More than one part at a time can fill a
     * fast link better; each part in flight holds one connection and a small read buffer.
     *
     * @param partSize bytes per part, from 1 to {@link #MAX_PART_SIZE}; the last part holds the rest
     * @param parallelism parts sent at once, from 1 to {@link #MAX_PARALLELISM}
     * @throws IllegalArgumentException on a bad argument, before anything is sent
     * @throws ApiException when a step is answered with a status other than 2xx; the
     *     upload is cancelled first if it had been created
     */
    public ApiResponse upload(Path file, String purpose, long partSize, int parallelism) {
        Plan plan = Plan.of(file, purpose, partSize, parallelism);
        String uploadId = createdId(create(plan.filename(), purpose, plan.size(), mimeType(plan.filename()), Map.of()));
        try {
            List<String> partIds = new PartedUpload(this, file, plan.parts()).send(uploadId, parallelism);
            return required(complete(uploadId, partIds, null), "POST /uploads/" + uploadId + "/complete");
        } catch (RuntimeException e) {
            cancelAfter(uploadId, e);
            throw e;
        }
    }

    /** A parted upload's checked arguments and its parts; shared with {@link AsyncUploads}. */
    record Plan(String filename, long size, List<PartedUpload.Part> parts) {

        /** Checks the arguments of {@link #upload(Path, String, long, int)} before anything is sent. */
        static Plan of(Path file, String purpose, long partSize, int parallelism) {
            requireText(purpose, "purpose");
            long size = readableSize(file);
            if (partSize < 1 || partSize > MAX_PART_SIZE) {
                throw new IllegalArgumentException("partSize must be from 1 to " + MAX_PART_SIZE + " bytes: "
                        + partSize);
            }
            if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
                throw new IllegalArgumentException("parallelism must be from 1 to " + MAX_PARALLELISM + ": "
                        + parallelism);
            }
            return new Plan(file.getFileName().toString(), size, PartedUpload.split(size, partSize));
        }
    }

    /** Returns the id of a created upload, raising the {@link ApiException} of a failed or id-less answer. */
    static String createdId(ApiResponse answer) {
        ApiResponse created = required(answer, "POST /uploads");
        String uploadId = created.body().path("id").textValue();
        if (uploadId == null || uploadId.isEmpty()) {
            throw ApiException.from("POST /uploads (no upload id in the answer)", created.status(),
                    created.headers(), created.body());
        }
        return uploadId;
    }

    /** Adds the failure to cancel an upload, if any, to the failure that made it cancelled. */
    static void addCancelFailure(String uploadId, ApiResponse cancelled, Throwable failure) {
        if (!cancelled.isSuccess()) {
            failure.addSuppressed(ApiException.from("POST /uploads/" + uploadId + "/cancel",
                    cancelled.status(), cancelled.headers(), cancelled.body()));
        }
    }

    /** Returns the media type the Uploads API expects for the file name, {@code text/jsonl} for JSONL. */
    static String mimeType(String filename) {
        String type = Forms.mediaType(filename);
        return type.equals("application/jsonl") ? "text/jsonl" : type;
    }

    /** Returns the answer when its status is 2xx, and raises the {@link ApiException} for it otherwise. */
    static ApiResponse required(ApiResponse response, String request) {
        return response.orThrow(request);
    }

    private void cancelAfter(String uploadId, RuntimeException failure) {
        try {
            addCancelFailure(uploadId, cancel(uploadId), failure);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static long readableSize(Path file) {
        Objects.requireNonNull(file, "file == null");
        if (!Files.isRegularFile(file) || !Files.isReadable(file) || file.getFileName() == null) {
            throw new IllegalArgumentException("not a readable file: " + file);
        }
        try {
            long size = Files.size(file);
            if (size == 0) {
                throw new IllegalArgumentException("file is empty, upload it with FileStore.upload: " + file);
            }
            return size;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file, e);
        }
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    @Override
    public String toString() {
        return "Uploads";
    }

    /** Returns the {@code id} of a successful answer, or null. */
    static String id(JsonNode body) {
        return body.path("id").textValue();
    }
}
