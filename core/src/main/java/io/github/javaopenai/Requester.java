package io.github.javaopenai;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a method, path and JSON body into one exchange over the configured transport. */
final class Requester {

    private static final String JSON = "application/json";

    private final ClientSettings settings;
    private final Headers defaults;

    Requester(ClientSettings settings) {
        this.settings = settings;
        this.defaults = defaultHeaders(settings);
    }

    /** Sends the request and reads the whole response body. */
    ApiResponse send(String method, String path, JsonNode body, Map<String, String> extraHeaders) {
        TransportRequest request = request(method, path, body, JSON, extraHeaders);
        try (TransportResponse response = open(request)) {
            byte[] bytes = readAll(request, response);
            return new ApiResponse(response.status(), Json.decodeBody(bytes), response.headers());
        } catch (IOException e) {
            throw new ConnectionException(request.uri(), e); // only close() can get here
        }
    }

    /** Sends a body that is not JSON, such as a multipart form, and reads the whole response. */
    ApiResponse sendBody(String method, String path, RequestBody body, String contentType) {
        TransportRequest base = request(method, path, null, JSON, Map.of("Content-Type", contentType));
        TransportRequest request = new TransportRequest(method, base.uri(), base.headers(), body, base.timeout());
        try (TransportResponse response = open(request)) {
            byte[] bytes = readAll(request, response);
            return new ApiResponse(response.status(), Json.decodeBody(bytes), response.headers());
        } catch (IOException e) {
            throw new ConnectionException(request.uri(), e); // only close() can get here
        }
    }

    /** Sends the request and hands back the response with its body unread, for streaming. */
    TransportResponse stream(String method, String path, JsonNode body, String accept) {
        return open(request(method, path, body, accept, Map.of()));
    }

    TransportRequest request(String method, String path, JsonNode body, String accept,
            Map<String, String> extraHeaders) {
        URI uri = uri(path);
        Headers merged = ProviderRequests.withRequestCredential(defaults.with("Accept", accept),
                settings.provider().auth());
        if (body != null) {
            merged = merged.with("Content-Type", JSON);
        }
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            merged = merged.with(header.getKey(), header.getValue());
        }
        RequestBody payload = body == null ? null : RequestBody.ofBytes(Json.toBytes(body));
        return new TransportRequest(method, uri, merged, payload, settings.timeout());
    }

    TransportResponse open(TransportRequest request) {
        try {
            return settings.transport().send(request);
        } catch (IOException e) {
            throw new ConnectionException(request.uri(), e);
        }
    }

    private static byte[] readAll(TransportRequest request, TransportResponse response) {
        try {
            return response.body().readAllBytes();
        } catch (IOException e) {
            throw new ConnectionException(request.uri(), e);
        }
    }

    private URI uri(String path) {
        try {
            String url = settings.baseUrl() + path;
            return new URI(ProviderRequests.withQuery(url, settings.provider().queryParameters()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("path is not valid in a URL: \"" + path + "\": " + e.getReason(), e);
        }
    }

    private static Headers defaultHeaders(ClientSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "java-openai/" + OpenAI.VERSION + " (Java " + Runtime.version().feature() + ")");
        ProviderRequests.putFixedCredential(headers, settings.provider().auth(), settings.apiKey());
        if (settings.organization() != null) {
            headers.put("OpenAI-Organization", settings.organization());
        }
        if (settings.project() != null) {
            headers.put("OpenAI-Project", settings.project());
        }
        Headers result = ProviderRequests.withProviderHeaders(Headers.ofSingle(headers), settings.provider());
        for (Map.Entry<String, List<String>> extra : settings.headers().toMap().entrySet()) {
            result = result.with(extra.getKey(), String.join(",", extra.getValue()));
        }
        return result;
    }
}
