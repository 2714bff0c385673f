package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Keeps a chat conversation in a JSON file so {@code chat --session FILE} can resume it:
 * {@code {"version":1, "messages":[...], "previous_response_id":...}}. The messages are the chat
 * history (system, user and assistant turns); the response id chains the Responses API. Writes go
 * through a temporary file and an atomic move, so a crash never leaves half a file.
 */
final class SessionFile {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path path;
    private final ArrayNode messages;
    private String previousResponseId;

    private SessionFile(Path path, ArrayNode messages, String previousResponseId) {
        this.path = path;
        this.messages = messages;
        this.previousResponseId = previousResponseId;
    }

    /** Loads the file, or starts an empty session when it does not exist yet. */
    static SessionFile load(Path path) throws IOException {
        if (path == null || !Files.exists(path)) {
            return new SessionFile(path, MAPPER.createArrayNode(), null);
        }
        JsonNode root = MAPPER.readTree(path.toFile());
        if (root == null || root.path("version").asInt() != 1 || !root.path("messages").isArray()) {
            throw new IOException("not a java-openai session file (version 1): " + path);
        }
        JsonNode id = root.get("previous_response_id");
        return new SessionFile(path, (ArrayNode) root.get("messages"), id == null || id.isNull() ? null : id.asText());
    }

    ArrayNode messages() {
        return messages;
    }

    String previousResponseId() {
        return previousResponseId;
    }

    void previousResponseId(String id) {
        previousResponseId = id;
    }

    void add(String role, String content) {
        messages.addObject().put("role", role).put("content", content);
    }

    /** Saves the session when it has a file; does nothing otherwise. */
    void save() throws IOException {
        if (path == null) {
            return;
        }
        ObjectNode root = MAPPER.createObjectNode().put("version", 1);
        root.set("messages", messages);
        root.put("previous_response_id", previousResponseId);
        Path absolute = path.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
