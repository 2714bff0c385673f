package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.Engine;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.providers.Auth;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.TransportRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Realtime API: opens realtime sessions over the JDK's WebSocket client and mints ephemeral
 * client secrets. Obtain it from the client ({@code client.realtime()}).
 *
 * <p>The WebSocket URL is the client's base URL with {@code ws}/{@code wss} in place of
 * {@code http}/{@code https}, plus {@code /realtime?model=...} and the provider's query
 * parameters; the upgrade request carries the provider's credential (a bearer key for OpenAI, the
 * {@code api-key} header for Azure) and headers. Azure's dated API ({@code Providers.azure}) is the
 * exception: {@code /openai/realtime?api-version=...&deployment=...}, beside the deployments
 * rather than under one. Thread-safe.
 *
 * @since 0.1
 */
public final class Realtime {

    /** Headers the JDK's WebSocket client sets itself or refuses; never copied into the upgrade request. */
    private static final Set<String> NOT_COPIED = Set.of("host", "connection", "upgrade", "content-length",
            "content-type", "accept", "expect", "transfer-encoding");

    /** The name of the dated Azure profile ({@code Providers.azure}), whose realtime URL has its own shape. */
    private static final String AZURE_DATED = "azure";
    private static final Pattern AZURE_DEPLOYMENT_PATH = Pattern.compile("/deployments/([^/]+)/realtime$");

    private final Engine engine;
    private volatile HttpClient http;

    /** Creates the area over the client's engine; obtain it from the client instead. */
    public Realtime(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine == null");
    }

    /**
     * Sends {@code POST /realtime/client_secrets}: mints a short-lived client secret for a browser
     * or phone to connect with. The body's entries go into the request as they are, for example
     * {@code {"session": {"type": "realtime", "model": "gpt-realtime"}}}; the answer's {@code value}
     * is the secret, for {@link RealtimeOptions#withClientSecret}.
     */
    public ApiResponse clientSecret(Map<String, ?> body) {
        Objects.requireNonNull(body, "body == null");
        return engine.requester().send("POST", "/realtime/client_secrets",
                RequestBodies.merge(Json.object(), body), Map.of());
    }

    /**
     * Opens a realtime session with the model, waiting for the WebSocket handshake.
     *
     * @throws io.github.javaopenai.errors.AuthenticationException when the server refuses the
     *     credential (401); other refusals raise the {@link ApiException} for their status
     * @throws ApiTimeoutException when the connection or the upgrade takes longer than the connect timeout
     * @throws ConnectionException when the server cannot be reached
     */
    public RealtimeSession connect(String model, RealtimeOptions options) {
        Objects.requireNonNull(model, "model == null");
        Objects.requireNonNull(options, "options == null");
        if (AZURE_DATED.equals(engine.settings().provider().name())) {
            return openAzure(model, options);
        }
        return open("/realtime?model=" + URLEncoder.encode(model, StandardCharsets.UTF_8), options);
    }

    /**
     * Azure's dated API serves realtime beside the deployments, not under one:
     * {@code /openai/realtime?api-version=...&deployment=...}. The deployment is the profile's (the
     * one in its base URL), else the model, as Azure's own SDKs choose it.
     */
    private RealtimeSession openAzure(String model, RealtimeOptions options) {
        TransportRequest template = engine.requester().request("GET", "/realtime", null, "application/json", Map.of());
        Matcher deploymentPath = AZURE_DEPLOYMENT_PATH.matcher(template.uri().getRawPath());
        String deployment = model;
        String path = template.uri().getRawPath();
        if (deploymentPath.find()) {
            deployment = URLDecoder.decode(deploymentPath.group(1), StandardCharsets.UTF_8);
            path = path.substring(0, deploymentPath.start()) + "/realtime";
        }
        String query = template.uri().getRawQuery();
        String deploymentParameter = "deployment=" + URLEncoder.encode(deployment, StandardCharsets.UTF_8);
        URI uri = webSocketUri(URI.create(template.uri().getScheme() + "://" + template.uri().getRawAuthority() + path
                + "?" + (query == null ? deploymentParameter : query + "&" + deploymentParameter)));
        return open(uri, template, options);
    }

    /**
     * Opens a Responses API WebSocket ({@code /responses}), where each {@code response.create}
     * streams one response back over the same connection; see {@link ResponsesSocket}. Only
     * servers that offer this mode accept the upgrade; the others refuse it with an
     * {@link ApiException} (often a 404 or 405).
     *
     * @throws io.github.javaopenai.errors.AuthenticationException when the server refuses the credential (401)
     * @throws ApiTimeoutException when the connection or the upgrade takes longer than the connect timeout
     * @throws ConnectionException when the server cannot be reached
     */
    public ResponsesSocket responses(RealtimeOptions options) {
        Objects.requireNonNull(options, "options == null");
        if (options.toolLoop() != null) {
            throw new IllegalArgumentException("a Responses WebSocket takes tools in each response.create, not a tool loop;"
                    + " use ResponsesChatSession.useWebSocket for a tool loop");
        }
        return new ResponsesSocket(open("/responses", options), engine.generation());
    }

    private RealtimeSession open(String pathAndQuery, RealtimeOptions options) {
        TransportRequest template = engine.requester().request("GET", pathAndQuery, null, "application/json", Map.of());
        return open(webSocketUri(template.uri()), template, options);
    }

    private RealtimeSession open(URI uri, TransportRequest template, RealtimeOptions options) {
        WebSocket.Builder builder = client().newWebSocketBuilder().connectTimeout(options.connectTimeout());
        String keyHeader = engine.settings().provider().auth() instanceof Auth.KeyHeader k ? k.name() : null;
        for (Map.Entry<String, List<String>> header : template.headers().toMap().entrySet()) {
            String name = header.getKey();
            String lower = name.toLowerCase(Locale.ROOT);
            boolean credential = lower.equals("authorization") || name.equalsIgnoreCase(keyHeader);
            if (NOT_COPIED.contains(lower) || lower.startsWith("sec-websocket-")
                    || (credential && options.clientSecret() != null)) {
                continue;
            }
            for (String value : header.getValue()) {
                builder.header(name, value);
            }
        }
        if (options.clientSecret() != null) {
            builder.header("Authorization", "Bearer " + options.clientSecret());
        }
        options.headers().forEach(builder::header);
        Inbox inbox = new Inbox();
        CompletableFuture<WebSocket> opening = builder.buildAsync(uri, inbox);
        WebSocket webSocket = await(opening, uri, options);
        return new RealtimeSession(webSocket, inbox, uri, options);
    }

    private static WebSocket await(CompletableFuture<WebSocket> opening, URI uri, RealtimeOptions options) {
        long waitMillis = options.connectTimeout().toMillis() + 1_000;
        try {
            return opening.get(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            opening.cancel(true);
            Thread.currentThread().interrupt();
            throw ApiInterruptedException.of(uri, new InterruptedIOException("interrupted while connecting"));
        } catch (TimeoutException e) {
            opening.cancel(true);
            throw new ApiTimeoutException(uri, new HttpTimeoutException("no WebSocket upgrade within "
                    + options.connectTimeout().toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw failure(e.getCause(), uri);
        }
    }

    private static RuntimeException failure(Throwable cause, URI uri) {
        if (cause instanceof WebSocketHandshakeException handshake) {
            HttpResponse<?> response = handshake.getResponse();
            JsonNode body = null;
            if (response.body() instanceof byte[] bytes) {
                body = Json.decodeBody(bytes);
            } else if (response.body() instanceof String text) {
                body = Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
            }
            int status = response.statusCode();
            if (status == 101 || status < 400) {
                return new ConnectionException(uri, new IOException("the WebSocket upgrade failed with status " + status
                        + ": " + handshake.getMessage()));
            }
            return ApiException.from("WebSocket upgrade to " + uri, status, Headers.of(response.headers().map()), body);
        }
        if (cause instanceof HttpTimeoutException timeout) {
            return new ApiTimeoutException(uri, timeout);
        }
        if (cause instanceof IOException io) {
            return new ConnectionException(uri, io);
        }
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        return new ConnectionException(uri, new IOException(cause));
    }

    /** Returns the request URI with {@code ws} or {@code wss} in place of {@code http} or {@code https}. */
    static URI webSocketUri(URI http) {
        String scheme = http.getScheme().equalsIgnoreCase("https") ? "wss" : "ws";
        try {
            return new URI(scheme + http.toString().substring(http.getScheme().length()));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a valid WebSocket URL: " + e.getReason(), e);
        }
    }

    private HttpClient client() {
        HttpClient client = http;
        if (client == null) {
            // One client per area: its selector thread serves every session of this OpenAI client.
            client = HttpClient.newBuilder().build();
            http = client;
        }
        return client;
    }

    @Override
    public String toString() {
        return "Realtime{baseUrl=" + engine.settings().baseUrl() + "}";
    }
}
