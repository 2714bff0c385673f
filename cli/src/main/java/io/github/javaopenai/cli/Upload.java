package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.ApiResponse;
import io.github.javaopenai.Headers;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads a file with {@code POST /files} as {@code multipart/form-data}, through the client's
 * transport. The core client has no upload method yet; when it gains one, this class goes away.
 */
final class Upload {

    private Upload() {
    }

    static JsonNode file(OpenAI client, Path file, String purpose) throws IOException {
        String boundary = "java-openai-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\n" + purpose
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + file.getFileName().toString().replace("\"", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(Files.readAllBytes(file));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
        headers.put("Accept", "application/json");
        String key = System.getenv("OPENAI_API_KEY");
        if (client.hasApiKey()) {
            headers.put("Authorization", "Bearer " + (key == null || key.isBlank()
                    ? io.github.javaopenai.testkit.FakeOpenAI.API_KEY : key));
        }
        TransportRequest request = new TransportRequest("POST", URI.create(client.baseUrl() + "/files"),
                Headers.ofSingle(headers), RequestBody.ofBytes(body.toByteArray()), Duration.ofMinutes(10));
        try (TransportResponse response = client.transport().send(request)) {
            byte[] bytes = response.body().readAllBytes();
            JsonNode json = bytes.length == 0 ? SessionFile.MAPPER.getNodeFactory().textNode("")
                    : readOrText(bytes);
            return ApiFailure.check(new ApiResponse(response.status(), json, response.headers()));
        }
    }

    private static JsonNode readOrText(byte[] bytes) {
        try {
            return SessionFile.MAPPER.readTree(bytes);
        } catch (IOException e) {
            return SessionFile.MAPPER.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }
}
