package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Plain java.net.http calls for what the client cannot send yet: streams and multipart uploads. */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private Http() {
    }

    /** Posts JSON and returns the raw body text. */
    static HttpResponse<String> post(String url, String json) throws IOException, InterruptedException {
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Returns the JSON payload of every {@code data:} line, and "[DONE]" as a text node. */
    static List<JsonNode> dataEvents(String sse) {
        List<JsonNode> events = new ArrayList<>();
        for (String line : sse.split("\n")) {
            if (line.startsWith("data: ")) {
                String data = line.substring(6);
                events.add(data.equals("[DONE]") ? Wire.MAPPER.getNodeFactory().textNode(data)
                        : Wire.parse(data.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return events;
    }

    /** Uploads a file as {@code multipart/form-data} and returns the decoded answer. */
    static HttpResponse<String> upload(String url, String filename, String purpose, byte[] content)
            throws IOException, InterruptedException {
        String boundary = "----testkit-boundary-42";
        var out = new java.io.ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return CLIENT.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
