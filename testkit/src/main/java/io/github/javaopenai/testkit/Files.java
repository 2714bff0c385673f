package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps uploaded files in memory and answers the Files API. */
final class Files {

    /**
     * One stored file: its metadata object and its bytes. Batch files are kept gzipped (JSON
     * lines shrink about tenfold), so that a job of many large batches fits in a small heap.
     */
    record StoredFile(ObjectNode meta, byte[] stored, boolean gzipped) {

        byte[] data() {
            if (!gzipped) {
                return stored;
            }
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final List<String> PURPOSES = List.of("assistants", "batch", "fine-tune", "vision",
            "user_data", "evals", "batch_output");

    private final Map<String, StoredFile> files = new ConcurrentHashMap<>();
    private final BatchRules rules;
    private final List<String> order = new java.util.concurrent.CopyOnWriteArrayList<>();

    Files(BatchRules rules) {
        this.rules = rules;
    }

    Answer upload(ReceivedRequest request) {
        String boundary = Multipart.boundary(request.header("Content-Type"));
        if (boundary == null) {
            return Wire.invalid("Expected a multipart/form-data body with 'file' and 'purpose'.", "file");
        }
        Map<String, Multipart.Part> parts = Multipart.parse(request.body(), boundary);
        Multipart.Part file = parts.get("file");
        Multipart.Part purpose = parts.get("purpose");
        if (file == null || file.filename() == null) {
            return Wire.invalid("Missing required parameter: 'file'.", "file");
        }
        if (purpose == null || !PURPOSES.contains(purpose.text().trim())) {
            return Wire.invalid("Invalid value for 'purpose': expected one of " + PURPOSES + ".", "purpose");
        }
        if (purpose.text().trim().equals("batch") && file.data().length > rules.maxFileBytes) {
            return Wire.invalid("File is too large.", null); // the real API's words for a batch file over 200 MB
        }
        return Answer.json(200, store(file.filename(), purpose.text().trim(), file.data()).meta());
    }

    /** Stores already gzipped bytes, {@code length} before compression, as a new file and returns it. */
    StoredFile storeGzipped(String filename, String purpose, byte[] gzipped, long length) {
        StoredFile stored = new StoredFile(meta(filename, purpose, length), gzipped, true);
        files.put(stored.meta().get("id").textValue(), stored);
        order.add(stored.meta().get("id").textValue());
        return stored;
    }

    private static ObjectNode meta(String filename, String purpose, long length) {
        ObjectNode meta = Wire.object();
        meta.put("id", Wire.id("file-"));
        meta.put("object", "file");
        meta.put("bytes", length);
        meta.put("created_at", Wire.now());
        meta.put("filename", filename);
        meta.put("purpose", purpose);
        meta.put("status", "processed");
        return meta;
    }

    /** Stores bytes as a new file and returns it. */
    StoredFile store(String filename, String purpose, byte[] data) {
        boolean gzip = purpose.startsWith("batch") && data.length > 64 * 1024;
        StoredFile stored = new StoredFile(meta(filename, purpose, data.length), gzip ? gzip(data) : data, gzip);
        files.put(stored.meta().get("id").textValue(), stored);
        order.add(stored.meta().get("id").textValue());
        return stored;
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 8 + 64);
        try (OutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    StoredFile find(String id) {
        return files.get(id);
    }

    Answer list(String query) {
        String purpose = queryParameter(query, "purpose");
        ArrayNode data = Wire.array();
        List<String> ids = new ArrayList<>(order);
        java.util.Collections.reverse(ids); // newest first, as the API lists them
        for (String id : ids) {
            StoredFile file = files.get(id);
            if (file != null && (purpose == null || purpose.equals(file.meta().path("purpose").asText()))) {
                data.add(file.meta());
            }
        }
        return Answer.json(200, Wire.list(data));
    }

    Answer get(String id) {
        StoredFile file = files.get(id);
        return file == null ? missing(id) : Answer.json(200, file.meta());
    }

    Answer content(String id) {
        StoredFile file = files.get(id);
        return file == null ? missing(id) : Answer.bytes(200, "application/octet-stream", file.data());
    }

    Answer delete(String id) {
        if (files.remove(id) == null) {
            return missing(id);
        }
        order.remove(id);
        return Answer.json(200, Wire.object().put("id", id).put("object", "file").put("deleted", true));
    }

    private static Answer missing(String id) {
        return Wire.notFound("No such File object: " + id);
    }

    static String queryParameter(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
