package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.TransportRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One observed call: tells the listeners each step, and gathers from the answer (whole, or event
 * by event) the model, id, usage, finish reasons and, on opt-in, the text, for the last event.
 */
final class CallObservation implements Call {

    private final Listeners listeners;
    private final String method;
    private final String path;
    private final JsonNode body;
    private final boolean streaming;
    private final String provider;
    private final String requestModel;
    /** The base URL, for the server's host and port. */
    private final java.net.URI server;
    private final long startNanos = System.nanoTime();
    private final Map<Object, Object> attributes = new ConcurrentHashMap<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private Map<String, String> addedHeaders;
    private boolean starting;
    private int status;
    private Headers headers = Headers.empty();
    private long events;
    private String responseModel;
    private String responseId;
    private Usage usage;
    private final Set<String> finishReasons = new LinkedHashSet<>();
    private final StringBuilder text;

    CallObservation(Listeners listeners, String method, String path, JsonNode body, boolean streaming,
            String provider, java.net.URI server) {
        this.listeners = listeners;
        this.server = server;
        this.method = method;
        this.path = path;
        this.body = body;
        this.streaming = streaming;
        this.provider = provider;
        this.requestModel = body == null ? null : body.path("model").textValue();
        this.text = listeners.content() ? new StringBuilder() : null;
    }

    void started() {
        starting = true;
        try {
            listeners.each(l -> l.onRequestStart(this));
        } finally {
            starting = false;
        }
    }

    /** Returns the request with the headers the listeners added at its start. */
    TransportRequest decorate(TransportRequest request) {
        if (addedHeaders == null) {
            return request;
        }
        Headers merged = request.headers();
        for (Map.Entry<String, String> header : addedHeaders.entrySet()) {
            merged = merged.with(header.getKey(), header.getValue());
        }
        return new TransportRequest(request.method(), request.uri(), merged, request.body(), request.timeout());
    }

    void attempt(int attempt) {
        listeners.each(l -> l.onAttempt(this, attempt));
    }

    void retry(int retry, String reason, Duration wait) {
        listeners.each(l -> l.onRetry(this, retry, reason, wait));
    }

    void headers(int status, Headers headers) {
        this.status = status;
        this.headers = headers;
        listeners.each(l -> l.onHeaders(this, status, headers));
    }

    /** Takes in one streamed event; the first one is the time to first token. */
    void event(JsonNode event) {
        if (events++ == 0) {
            listeners.each(l -> l.onFirstStreamEvent(this));
        }
        absorb(event);
    }

    /** Ends a stream: cleanly when {@code failure} is null. */
    void streamEnded(RuntimeException failure) {
        if (failure != null) {
            fail(failure);
            return;
        }
        if (!ended.get()) {
            long count = events;
            listeners.each(l -> l.onStreamEnd(this, count));
            finish();
        }
    }

    /** Ends a call whose whole answer was read. */
    void finish(ApiResponse response) {
        status = response.status();
        headers = response.headers();
        if (response.isSuccess()) {
            absorb(response.body());
            finish();
        } else {
            fail(ApiException.from(response.status(), response.headers(), response.body()));
        }
    }

    private void finish() {
        if (ended.compareAndSet(false, true)) {
            CallResult result = new CallResult(status, responseModel, responseId,
                    headers.first("x-request-id").orElse(null), usage, new ArrayList<>(finishReasons),
                    text == null ? null : text.toString());
            listeners.each(l -> l.onFinish(this, result));
        }
    }

    void fail(Throwable error) {
        if (ended.compareAndSet(false, true)) {
            listeners.each(l -> l.onError(this, error));
        }
    }

    /** Reads what an answer, a chunk or a Responses event says about the call. */
    private void absorb(JsonNode node) {
        if (node == null || !node.isObject()) {
            return;
        }
        JsonNode response = node.path("response").isObject() ? node.get("response") : node;
        String id = response.path("id").textValue();
        if (id != null) {
            responseId = id;
        }
        String model = response.path("model").textValue();
        if (model != null) {
            responseModel = model;
        }
        if (response.path("usage").isObject()) {
            usage = Usage.from(response.get("usage"));
        }
        for (JsonNode choice : response.path("choices")) {
            String reason = choice.path("finish_reason").textValue();
            if (reason != null) {
                finishReasons.add(reason);
            }
            if (text != null) {
                appendText(choice.path("delta").path("content"));
                appendText(choice.path("message").path("content"));
            }
        }
        if ("response".equals(response.path("object").textValue())) {
            String reason = response.path("incomplete_details").path("reason").textValue();
            String state = response.path("status").textValue();
            if (reason != null || (state != null && !state.equals("in_progress") && !state.equals("queued"))) {
                finishReasons.clear();
                finishReasons.add(reason != null ? reason : state.toLowerCase(Locale.ROOT));
            }
            if (text != null && !streaming) {
                for (JsonNode item : response.path("output")) {
                    for (JsonNode part : item.path("content")) {
                        if ("output_text".equals(part.path("type").textValue())) {
                            appendText(part.path("text"));
                        }
                    }
                }
            }
        }
        if (text != null && "response.output_text.delta".equals(node.path("type").textValue())) {
            appendText(node.path("delta"));
        }
    }

    private void appendText(JsonNode value) {
        if (value.isTextual()) {
            text.append(value.textValue());
        }
    }

    @Override
    public String operation() {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        return slash < 0 ? trimmed : trimmed.substring(0, slash);
    }

    @Override
    public String requestModel() {
        return requestModel;
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String serverAddress() {
        return server == null ? null : server.getHost();
    }

    @Override
    public int serverPort() {
        if (server == null || server.getHost() == null) {
            return -1;
        }
        return server.getPort() >= 0 ? server.getPort() : "https".equalsIgnoreCase(server.getScheme()) ? 443 : 80;
    }

    @Override
    public boolean streaming() {
        return streaming;
    }

    @Override
    public long startNanos() {
        return startNanos;
    }

    @Override
    public String provider() {
        return provider;
    }

    @Override
    public Optional<JsonNode> requestBody() {
        return listeners.content() ? Optional.ofNullable(body) : Optional.empty();
    }

    @Override
    public void setRequestHeader(String name, String value) {
        if (!starting) {
            throw new IllegalStateException("request headers can be set only in onRequestStart");
        }
        if (Headers.isSensitive(name)) {
            throw new IllegalArgumentException("a listener may not set the credential header " + name);
        }
        if (addedHeaders == null) {
            addedHeaders = new LinkedHashMap<>();
        }
        addedHeaders.put(name, value);
    }

    @Override
    public Object attribute(Object key) {
        return attributes.get(key);
    }

    @Override
    public void setAttribute(Object key, Object value) {
        if (value == null) {
            attributes.remove(key);
        } else {
            attributes.put(key, value);
        }
    }

    @Override
    public String toString() {
        return "Call{" + method + " " + path + ", model=" + requestModel + "}";
    }
}
