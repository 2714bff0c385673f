package io.github.javaopenai.realtime;

import io.github.javaopenai.sessions.ToolLoop;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a realtime session connects and behaves: the connect timeout, the idle timeout, the ping
 * interval, an ephemeral client secret to connect with instead of the API key, extra handshake
 * headers and a tool loop. Immutable; each {@code with...} method returns a copy. Its
 * {@link #toString()} never shows the client secret.
 *
 * @since 0.1
 */
public final class RealtimeOptions {

    /** The connect timeout unless configured otherwise: 30 seconds for the TCP, TLS and upgrade handshakes. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** The ping interval unless configured otherwise: a ping after 30 seconds without a frame from the server. */
    public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(30);

    private static final RealtimeOptions DEFAULTS = new RealtimeOptions(DEFAULT_CONNECT_TIMEOUT, null,
            DEFAULT_PING_INTERVAL, null, Map.of(), null);

    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Duration pingInterval;
    private final String clientSecret;
    private final Map<String, String> headers;
    private final ToolLoop toolLoop;

    private RealtimeOptions(Duration connectTimeout, Duration idleTimeout, Duration pingInterval, String clientSecret,
            Map<String, String> headers, ToolLoop toolLoop) {
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.pingInterval = pingInterval;
        this.clientSecret = clientSecret;
        this.headers = headers;
        this.toolLoop = toolLoop;
    }

    /** Returns the defaults: a 30 s connect timeout, no idle timeout, a ping every 30 s of silence, the API key. */
    public static RealtimeOptions defaults() {
        return DEFAULTS;
    }

    /** Returns a copy whose connection (TCP, TLS and the WebSocket upgrade) must be made within the timeout. */
    public RealtimeOptions withConnectTimeout(Duration timeout) {
        return new RealtimeOptions(positive(timeout, "connectTimeout"), idleTimeout, pingInterval, clientSecret,
                headers, toolLoop);
    }

    /**
     * Returns a copy whose sessions end when nothing at all (no event, ping or pong) came from the
     * server for this long, whether or not a reader is waiting: the session is closed, and its
     * reader (pull or callback form) gets a {@link io.github.javaopenai.errors.StreamTimeoutException}
     * after the events that came before. A live server answers every ping with a pong, so with a
     * ping interval shorter than this timeout a quiet conversation stays open and only a dead or
     * hung connection times out; without pings, a pause this long ends the session too. Null never
     * times out (the default).
     */
    public RealtimeOptions withIdleTimeout(Duration timeout) {
        return new RealtimeOptions(connectTimeout, timeout == null ? null : positive(timeout, "idleTimeout"),
                pingInterval, clientSecret, headers, toolLoop);
    }

    /**
     * Returns a copy whose sessions ping the server after this long without a frame from it, and
     * again every such interval while it stays silent, whether or not a reader is waiting (a timer
     * of the library's sends them); null never pings.
     */
    public RealtimeOptions withPingInterval(Duration interval) {
        return new RealtimeOptions(connectTimeout, idleTimeout,
                interval == null ? null : positive(interval, "pingInterval"), clientSecret, headers, toolLoop);
    }

    /**
     * Returns a copy that connects with an ephemeral client secret (from
     * {@link Realtime#clientSecret}) as a bearer token, in place of the client's API key.
     */
    public RealtimeOptions withClientSecret(String secret) {
        Objects.requireNonNull(secret, "secret == null");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("client secret is blank");
        }
        return new RealtimeOptions(connectTimeout, idleTimeout, pingInterval, secret, headers, toolLoop);
    }

    /** Returns a copy that sends one more header with the WebSocket upgrade request. */
    public RealtimeOptions withHeader(String name, String value) {
        Objects.requireNonNull(name, "name == null");
        Objects.requireNonNull(value, "value == null");
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RealtimeOptions(connectTimeout, idleTimeout, pingInterval, clientSecret, Map.copyOf(copy), toolLoop);
    }

    /**
     * Returns a copy whose sessions declare the loop's functions on opening and run the calls the
     * model makes: each {@code response.function_call_arguments.done} runs the Java function and
     * sends its {@code function_call_output}, and the response's {@code response.done} asks for
     * the next response.
     */
    public RealtimeOptions withToolLoop(ToolLoop loop) {
        return new RealtimeOptions(connectTimeout, idleTimeout, pingInterval, clientSecret, headers,
                Objects.requireNonNull(loop, "loop == null"));
    }

    /** Returns the connect timeout. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** Returns the idle timeout, or null for none. */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    /** Returns the ping interval, or null for none. */
    public Duration pingInterval() {
        return pingInterval;
    }

    /** Returns the tool loop, or null for none. */
    public ToolLoop toolLoop() {
        return toolLoop;
    }

    String clientSecret() {
        return clientSecret;
    }

    Map<String, String> headers() {
        return headers;
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " == null");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "RealtimeOptions{connectTimeout=" + connectTimeout + ", idleTimeout=" + idleTimeout
                + ", pingInterval=" + pingInterval + ", clientSecret=" + (clientSecret == null ? "absent" : "<redacted>")
                + ", headers=" + headers.keySet() + ", toolLoop=" + toolLoop + "}";
    }
}
