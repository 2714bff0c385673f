package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * The floor: the JDK {@code HttpClient} and one Jackson {@code readTree} per event, with a plain
 * line splitter on the body stream and nothing else.
 */
final class FloorClient implements BenchClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String name;
    private final HttpClient http;
    private final URI uri;

    private FloorClient(String name, HttpClient http, String baseUrl) {
        this.name = name;
        this.http = http;
        this.uri = URI.create(baseUrl + "/chat/completions");
    }

    /** Returns the floor with the JDK client's default executor. */
    static FloorClient create(String baseUrl) {
        return new FloorClient("FLOOR", HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build(), baseUrl);
    }

    /**
     * Returns the floor speaking whatever the server offers (HTTP/2 over TLS where it can), with
     * the JDK client's default executor.
     */
    static BenchClient negotiating(String baseUrl) {
        return new FloorClient("FLOOR", HttpClient.newHttpClient(), baseUrl);
    }

    /** Returns the floor with an inline executor: no hand-off between threads per response. */
    static FloorClient inline(String baseUrl) {
        return new FloorClient("FLOOR (inline executor)", HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1).executor(Runnable::run).build(), baseUrl);
    }

    @Override
    public String name() {
        return name;
    }

    private HttpRequest request(boolean stream) throws IOException {
        ObjectNode body = MAPPER.createObjectNode();
        body.put("model", MODEL);
        ObjectNode system = body.putArray("messages").addObject();
        system.put("role", "system");
        system.put("content", SYSTEM);
        ObjectNode user = ((com.fasterxml.jackson.databind.node.ArrayNode) body.get("messages")).addObject();
        user.put("role", "user");
        user.put("content", USER);
        if (stream) {
            body.put("stream", true);
        }
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer sk-dummy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body)))
                .build();
    }

    @Override
    public long stream() throws Exception {
        HttpResponse<InputStream> response = http.send(request(true), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            return readEvents(in);
        }
    }

    /** Splits the body into lines and parses each {@code data:} line once. */
    static long readEvents(InputStream in) throws IOException {
        long chars = 0;
        byte[] buffer = new byte[8192];
        int start = 0;
        int end = 0;
        while (true) {
            int newline = indexOf(buffer, start, end);
            if (newline < 0) {
                if (start > 0) {
                    System.arraycopy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                } else if (end == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, end, buffer.length - end);
                if (read < 0) {
                    return chars;
                }
                end += read;
                continue;
            }
            int length = newline - start;
            if (length > 6 && buffer[start] == 'd' && buffer[start + 5] == ' ') { // "data: "
                if (length == 12 && buffer[start + 6] == '[') { // "data: [DONE]"
                    return chars;
                }
                JsonNode event = MAPPER.readTree(buffer, start + 6, length - 6);
                chars += Content.ofChunk(event);
            }
            start = newline + 1;
        }
    }

    private static int indexOf(byte[] buffer, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public long complete() throws Exception {
        HttpResponse<byte[]> response = http.send(request(false), HttpResponse.BodyHandlers.ofByteArray());
        return Content.ofCompletion(MAPPER.readTree(response.body()));
    }
}
