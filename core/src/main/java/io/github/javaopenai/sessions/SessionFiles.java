package io.github.javaopenai.sessions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.SessionFileException;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Reads and writes session files: versioned JSON, written atomically.
 *
 * <p>A write goes to a temporary file in the target's directory, is forced to disk, then moved
 * over the target in one atomic step, so a crash mid-write leaves the old file or the new one,
 * never half of one.
 */
final class SessionFiles {

    /** The format version this library writes and the newest it reads. */
    static final int VERSION = 1;

    private SessionFiles() {
    }

    static void write(Path file, String format, ObjectNode content) throws IOException {
        ObjectNode document = Json.object();
        document.put("format", format);
        document.put("version", VERSION);
        document.setAll(content);
        byte[] bytes = Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            move(temp, target);
            forceDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static ObjectNode read(Path file, String format) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new SessionFileException(file, "the file is truncated or not valid JSON ("
                    + e.getOriginalMessage() + ")", e);
        }
        if (document == null || !document.isObject()) {
            throw new SessionFileException(file, bytes.length == 0 ? "the file is empty" : "expected a JSON object", null);
        }
        if (!format.equals(document.path("format").asText(null))) {
            throw new SessionFileException(file, "not a " + format + " file (format: "
                    + document.path("format") + ")", null);
        }
        JsonNode version = document.get("version");
        if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1) {
            throw new SessionFileException(file, "\"version\" must be a whole number of at least 1, got "
                    + (version == null ? "nothing" : version.toString()), null);
        }
        if (version.asInt() > VERSION) {
            throw new SessionFileException(file, "format version " + version.asInt()
                    + " is newer than this library reads (" + VERSION + ")", null);
        }
        return (ObjectNode) document;
    }

    static JsonNode require(ObjectNode document, Path file, String field, boolean array) throws SessionFileException {
        JsonNode value = document.get(field);
        if (value == null || (array ? !value.isArray() : !value.isObject())) {
            throw new SessionFileException(file, "field \"" + field + "\" must be " + (array ? "an array" : "an object"), null);
        }
        return value;
    }

    static ObjectNode usageJson(Usage usage) {
        ObjectNode node = Json.object();
        node.put("input_tokens", usage.inputTokens());
        node.put("output_tokens", usage.outputTokens());
        node.put("cached_tokens", usage.cachedTokens());
        node.put("reasoning_tokens", usage.reasoningTokens());
        return node;
    }

    /** Reads the saved usage totals; an absent total is 0, a negative or fractional one is an error. */
    static Usage usage(JsonNode node, Path file) throws SessionFileException {
        if (!node.isMissingNode() && !node.isObject()) {
            throw new SessionFileException(file, "\"usage\" must be an object, got " + node, null);
        }
        return new Usage(count(node, "input_tokens", file), count(node, "output_tokens", file),
                count(node, "cached_tokens", file), count(node, "reasoning_tokens", file));
    }

    private static long count(JsonNode usage, String field, Path file) throws SessionFileException {
        JsonNode value = usage.get(field);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
            throw new SessionFileException(file, "\"usage." + field + "\" must be a whole number of at least 0, got "
                    + value, null);
        }
        return value.asLong();
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot replace " + target + " atomically on this file system", e);
        }
    }

    private static void forceDirectory(Path dir) {
        // Makes the rename durable on POSIX systems; other systems cannot open a directory.
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // best effort: the data itself is already on disk
        }
    }
}
