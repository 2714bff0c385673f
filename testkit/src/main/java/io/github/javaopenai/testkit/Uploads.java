package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers the Uploads API in memory: parts are kept as they arrive, and completing an upload
 * joins them in the order the request names into a new stored file.
 */
final class Uploads {

    private static final java.util.List<String> PURPOSES = java.util.List.of("assistants", "batch", "fine-tune",
            "vision");

    /** One upload: its object and its parts by id. */
    private record Upload(ObjectNode meta, Map<String, byte[]> parts) {
        String status() {
            return meta.path("status").asText();
        }
    }

    private final Files files;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    Uploads(Files files) {
        this.files = files;
    }

    Answer create(JsonNode body) {
        for (String field : new String[] {"filename", "purpose", "mime_type"}) {
            if (!body.path(field).isTextual() || body.path(field).asText().isBlank()) {
                return Wire.invalid("Missing required parameter: '" + field + "'.", field);
            }
        }
        if (!body.path("bytes").canConvertToLong() || body.path("bytes").asLong() < 0) {
            return Wire.invalid("Missing required parameter: 'bytes'.", "bytes");
        }
        if (!PURPOSES.contains(body.path("purpose").asText())) {
            return Wire.invalid("Invalid value for 'purpose': expected one of " + PURPOSES + ".", "purpose");
        }
        ObjectNode meta = Wire.object();
        String id = Wire.id("upload_");
        meta.put("id", id);
        meta.put("object", "upload");
        meta.put("bytes", body.path("bytes").asLong());
        meta.put("created_at", Wire.now());
        meta.put("filename", body.path("filename").asText());
        meta.put("purpose", body.path("purpose").asText());
        meta.put("status", "pending");
        meta.put("expires_at", Wire.now() + 3600);
        uploads.put(id, new Upload(meta, new ConcurrentHashMap<>()));
        return Answer.json(200, meta);
    }

    Answer addPart(String uploadId, ReceivedRequest request) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            return missing(uploadId);
        }
        if (!upload.status().equals("pending")) {
            return Wire.invalid("Upload " + uploadId + " is " + upload.status() + " and takes no more parts.", null);
        }
        String boundary = Multipart.boundary(request.header("Content-Type"));
        Multipart.Part data = boundary == null ? null : Multipart.parse(request.body(), boundary).get("data");
        if (data == null) {
            return Wire.invalid("Missing required parameter: 'data'.", "data");
        }
        String id = Wire.id("part_");
        upload.parts().put(id, data.data());
        ObjectNode part = Wire.object().put("id", id).put("object", "upload.part").put("created_at", Wire.now());
        part.put("upload_id", uploadId);
        return Answer.json(200, part);
    }

    Answer complete(String uploadId, JsonNode body) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            return missing(uploadId);
        }
        if (!upload.status().equals("pending")) {
            return Wire.invalid("Upload " + uploadId + " is already " + upload.status() + ".", null);
        }
        if (!body.path("part_ids").isArray()) {
            return Wire.invalid("Missing required parameter: 'part_ids'.", "part_ids");
        }
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (JsonNode partId : body.get("part_ids")) {
            byte[] part = upload.parts().get(partId.asText());
            if (part == null) {
                return Wire.invalid("No such part in upload " + uploadId + ": " + partId.asText(), "part_ids");
            }
            joined.writeBytes(part);
        }
        if (joined.size() != upload.meta().path("bytes").asLong()) {
            return Wire.invalid("The parts hold " + joined.size() + " bytes but the upload was created for "
                    + upload.meta().path("bytes").asLong() + ".", "part_ids");
        }
        Files.StoredFile file = files.store(upload.meta().path("filename").asText(),
                upload.meta().path("purpose").asText(), joined.toByteArray());
        upload.meta().put("status", "completed");
        upload.meta().set("file", file.meta());
        upload.parts().clear();
        return Answer.json(200, upload.meta());
    }

    Answer cancel(String uploadId) {
        Upload upload = uploads.get(uploadId);
        if (upload == null) {
            return missing(uploadId);
        }
        if (upload.status().equals("completed")) {
            return Wire.invalid("Upload " + uploadId + " is already completed.", null);
        }
        upload.meta().put("status", "cancelled");
        upload.parts().clear();
        return Answer.json(200, upload.meta());
    }

    private static Answer missing(String id) {
        return Wire.notFound("No such Upload object: " + id);
    }
}
