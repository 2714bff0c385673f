package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.transport.Headers;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes fixture files: a JSON document {@code {"version":1,"exchanges":[...]}} where each
 * exchange holds the request (method, path with query, headers, body) and the response (status,
 * headers, body). Bodies are text when they are valid UTF-8, else base64.
 */
final class Fixture {

    static final String REDACTED = "<redacted>";

    /** Headers that identify the caller's account; recorded, but never with their values. */
    private static final Set<String> ACCOUNT = Set.of("openai-organization", "openai-project");

    /** Query parameters that carry keys on some providers (Gemini's {@code key}, Azure's {@code api-key}). */
    private static final Set<String> SECRET_PARAMETERS = Set.of("key", "api_key", "api-key", "apikey", "token");

    /** One recorded exchange. */
    record Exchange(String method, String target, Map<String, List<String>> requestHeaders, byte[] requestBody,
            int status, Map<String, List<String>> responseHeaders, byte[] responseBody) {
    }

    private Fixture() {
    }

    static List<Exchange> read(Path file) throws IOException {
        JsonNode root = Wire.MAPPER.readTree(file.toFile());
        List<Exchange> exchanges = new ArrayList<>();
        for (JsonNode node : root.path("exchanges")) {
            JsonNode request = node.path("request");
            JsonNode response = node.path("response");
            exchanges.add(new Exchange(request.path("method").asText(), request.path("target").asText(),
                    headers(request.path("headers")), body(request), response.path("status").asInt(),
                    headers(response.path("headers")), body(response)));
        }
        return exchanges;
    }

    /** Writes the exchanges to a temporary file and moves it into place, so readers never see half a file. */
    static void write(Path file, List<Exchange> exchanges) throws IOException {
        ObjectNode root = Wire.object().put("version", 1);
        ArrayNode array = root.putArray("exchanges");
        for (Exchange e : exchanges) {
            ObjectNode node = array.addObject();
            ObjectNode request = node.putObject("request").put("method", e.method()).put("target", e.target());
            request.set("headers", headersNode(e.requestHeaders()));
            putBody(request, e.requestBody());
            ObjectNode response = node.putObject("response").put("status", e.status());
            response.set("headers", headersNode(e.responseHeaders()));
            putBody(response, e.responseBody());
        }
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        Wire.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), root);
        Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Returns the headers with every credential and account value replaced by {@value #REDACTED}. */
    static Map<String, List<String>> redact(Headers headers) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        headers.toMap().forEach((name, values) -> {
            boolean secret = Headers.isSensitive(name) || ACCOUNT.contains(name.toLowerCase(Locale.ROOT));
            result.put(name, secret ? List.of(REDACTED) : values);
        });
        return result;
    }

    /** Returns the query with the values of key-like parameters replaced by {@value #REDACTED}. */
    static String redactQuery(String rawQuery) {
        if (rawQuery == null) {
            return null;
        }
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            pairs.add(eq >= 0 && SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) ? name + "=" + REDACTED : pair);
        }
        return String.join("&", pairs);
    }

    private static Map<String, List<String>> headers(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.properties().forEach(field -> {
            List<String> values = new ArrayList<>();
            field.getValue().forEach(v -> values.add(v.asText()));
            headers.put(field.getKey(), values);
        });
        return headers;
    }

    private static ObjectNode headersNode(Map<String, List<String>> headers) {
        ObjectNode node = Wire.object();
        headers.forEach((name, values) -> {
            ArrayNode array = node.putArray(name);
            values.forEach(array::add);
        });
        return node;
    }

    private static byte[] body(JsonNode node) {
        if (node.has("bodyBase64")) {
            return Base64.getDecoder().decode(node.get("bodyBase64").asText());
        }
        return node.path("body").asText("").getBytes(StandardCharsets.UTF_8);
    }

    private static void putBody(ObjectNode node, byte[] body) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            node.put("body", text);
        } catch (CharacterCodingException e) {
            node.put("bodyBase64", Base64.getEncoder().encodeToString(body));
        }
    }
}
