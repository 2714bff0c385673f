package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** Reads a JSONL file of batch requests one line at a time, as an iterator to close. */
final class JsonlRequests implements Iterator<BatchRequest>, AutoCloseable {

    private final Path file;
    private final BufferedReader reader;
    private BatchRequest next;
    private int number;

    private JsonlRequests(Path file, BufferedReader reader) {
        this.file = file;
        this.reader = reader;
    }

    static JsonlRequests open(Path file) {
        try {
            return new JsonlRequests(file, Files.newBufferedReader(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            String line;
            try {
                line = reader.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + file + " failed: " + e.getMessage(), e);
            }
            if (line == null) {
                return false;
            }
            number++;
            if (!line.isBlank()) {
                next = parse(line);
            }
        }
        return true;
    }

    @Override
    public BatchRequest next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BatchRequest request = next;
        next = null;
        return request;
    }

    private BatchRequest parse(String line) {
        JsonNode node = Json.decodeBody(line.getBytes(StandardCharsets.UTF_8));
        String where = file + " line " + number;
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " is not a JSON object");
        }
        if (!"POST".equals(node.path("method").asText("POST"))) {
            throw new IllegalArgumentException(where + ": a batch request's method must be POST");
        }
        try {
            return new BatchRequest(node.path("custom_id").asText(""), node.path("url").asText(""), node.path("body"));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // nothing was written
        }
    }
}
