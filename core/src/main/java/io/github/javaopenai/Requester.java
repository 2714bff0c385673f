package io.github.javaopenai;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.internal.IdleTimeoutInputStream;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Turns a method, path and JSON body into one exchange over the configured transport, retrying
 * what {@link RetryPolicy} allows. Each attempt carries {@value RetryPolicy#RETRY_COUNT_HEADER}:
 * the number of attempts before it.
 */
final class Requester {

    private static final String JSON = "application/json";

    private final ClientSettings settings;
    private final Headers defaults;
    private final RetryPolicy policy;
    private final RetryClock clock;

    Requester(ClientSettings settings) {
        this(settings, RetryClock.SYSTEM);
    }

    Requester(ClientSettings settings, RetryClock clock) {
        this.settings = settings;
        this.defaults = defaultHeaders(settings);
        this.policy = RetryPolicy.of(settings.maxRetries());
        this.clock = clock;
    }

    /**
     * Sends the request and reads the whole response body, retrying failed attempts; the body is
     * read before the answer is handed over, so a retry never repeats output the caller saw.
     */
    ApiResponse send(String method, String path, JsonNode body, Map<String, String> extraHeaders) {
        TransportRequest request = request(method, path, body, JSON, extraHeaders);
        for (int retry = 0; ; retry++) {
            TransportResponse response = attempt(request, retry);
            if (retry < policy.maxRetries() && RetryPolicy.isRetryable(response.status(), response.headers())) {
                discard(response);
                pause(request, retry + 1, response.headers(), "status " + response.status());
                continue;
            }
            try (TransportResponse open = response) {
                byte[] bytes = idle(open.body()).readAllBytes();
                return new ApiResponse(open.status(), Json.decodeBody(bytes), open.headers());
            } catch (IOException e) {
                if (retry >= policy.maxRetries() || !RetryPolicy.isRetryable(e)) {
                    throw failure(request.uri(), e);
                }
                pause(request, retry + 1, null, describe(e));
            }
        }
    }

    /**
     * Sends the request and hands back the response with its body unread, for streaming. Failures
     * before the response and retryable statuses are retried; once the response is handed over,
     * nothing is. The body fails a read that waits longer than the stream idle timeout.
     */
    TransportResponse stream(String method, String path, JsonNode body, String accept) {
        TransportRequest request = request(method, path, body, accept, Map.of());
        for (int retry = 0; ; retry++) {
            TransportResponse response = attempt(request, retry);
            if (retry < policy.maxRetries() && RetryPolicy.isRetryable(response.status(), response.headers())) {
                discard(response);
                pause(request, retry + 1, response.headers(), "status " + response.status());
                continue;
            }
            return new TransportResponse(response.status(), response.headers(), idle(response.body()));
        }
    }

    /** Sends the request once more than the retries allow, until some response arrives. */
    TransportResponse open(TransportRequest request) {
        return attempt(request, 0);
    }

    /** Sends attempt number {@code retry}, retrying failures to get any response. */
    private TransportResponse attempt(TransportRequest request, int firstRetry) {
        for (int retry = firstRetry; ; retry++) {
            TransportRequest numbered = RetryPolicy.numbered(request, retry);
            debug(() -> "--> " + numbered);
            try {
                TransportResponse response = settings.transport().send(numbered);
                debug(() -> "<-- " + response.status() + " " + numbered.method() + " " + numbered.uri()
                        + " " + response.headers());
                return response;
            } catch (IOException e) {
                if (retry >= policy.maxRetries() || !RetryPolicy.isRetryable(e)) {
                    throw failure(request.uri(), e);
                }
                pause(request, retry + 1, null, describe(e));
            }
        }
    }

    private void pause(TransportRequest request, int retry, Headers headers, String reason) {
        Duration wait = policy.delay(retry, headers, clock.now(), clock.random());
        log(Level.INFO, () -> "Retrying " + request.method() + " " + request.uri() + " in " + wait.toMillis()
                + " ms (retry " + retry + " of " + policy.maxRetries() + ") after " + reason);
        try {
            clock.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw new ConnectionException(request.uri(), interrupted);
        }
    }

    private InputStream idle(InputStream body) {
        return IdleTimeoutInputStream.of(body, settings.streamIdleTimeout());
    }

    /** Returns the exception for an I/O failure: a timeout, or any other connection failure. */
    static ConnectionException failure(URI uri, IOException e) {
        return e instanceof HttpTimeoutException ? new ApiTimeoutException(uri, e) : new ConnectionException(uri, e);
    }

    private static void discard(TransportResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // The answer is being dropped for a retry; a failure to close it changes nothing.
        }
    }

    private static String describe(IOException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private void debug(Supplier<String> message) {
        log(Level.DEBUG, message);
    }

    /** Logs the line with the key scrubbed out, in case a server or proxy echoed it somewhere. */
    private void log(Level level, Supplier<String> message) {
        Log.shared().log(level, () -> scrub(message.get()));
    }

    String scrub(String text) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() ? text : text.replace(key, "<redacted>");
    }

    TransportRequest request(String method, String path, JsonNode body, String accept,
            Map<String, String> extraHeaders) {
        URI uri = uri(path);
        Headers merged = defaults.with("Accept", accept);
        if (body != null) {
            merged = merged.with("Content-Type", JSON);
        }
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            merged = merged.with(header.getKey(), header.getValue());
        }
        RequestBody payload = body == null ? null : RequestBody.ofBytes(Json.toBytes(body));
        return new TransportRequest(method, uri, merged, payload, settings.timeout());
    }

    private URI uri(String path) {
        try {
            return new URI(settings.baseUrl() + path);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("path is not valid in a URL: \"" + path + "\": " + e.getReason(), e);
        }
    }

    private static Headers defaultHeaders(ClientSettings settings) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "java-openai/" + OpenAI.VERSION + " (Java " + Runtime.version().feature() + ")");
        if (settings.apiKey() != null) {
            headers.put("Authorization", "Bearer " + settings.apiKey());
        }
        if (settings.organization() != null) {
            headers.put("OpenAI-Organization", settings.organization());
        }
        if (settings.project() != null) {
            headers.put("OpenAI-Project", settings.project());
        }
        Headers result = Headers.ofSingle(headers);
        for (Map.Entry<String, List<String>> extra : settings.headers().toMap().entrySet()) {
            result = result.with(extra.getKey(), String.join(",", extra.getValue()));
        }
        return result;
    }
}
