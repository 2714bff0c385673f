package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.Bodies;
import io.github.javaopenai.internal.IdleWatchdog;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
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
public final class Requester {

    private static final String JSON = "application/json";

    private final ClientSettings settings;
    private final Headers defaults;
    private final Headers jsonExchange; // the headers of most requests, built once
    private final RetryPolicy policy;
    private final RetryClock clock;
    private final Listeners listeners;
    private final java.net.URI baseUri; // for the listeners: the server's host and port

    public Requester(ClientSettings settings) {
        this(settings, RetryClock.SYSTEM);
    }

    public Requester(ClientSettings settings, RetryClock clock) {
        this(settings, clock, Listeners.NONE);
    }

    public Requester(ClientSettings settings, RetryClock clock, Listeners listeners) {
        this.settings = settings;
        this.listeners = listeners;
        this.defaults = defaultHeaders(settings);
        this.jsonExchange = defaults.with("Accept", JSON).with("Content-Type", JSON);
        this.policy = RetryPolicy.of(settings.maxRetries());
        this.clock = clock;
        this.baseUri = baseUri(settings.baseUrl());
    }

    /**
     * Sends the request and reads the whole response body, retrying failed attempts; the body is
     * read before the answer is handed over, so a retry never repeats output the caller saw. A
     * body that delivers nothing for the stream idle timeout fails the attempt.
     */
    public ApiResponse send(String method, String path, JsonNode body, Map<String, String> extraHeaders) {
        CallObservation call = observe(method, path, body, false);
        if (call == null) {
            return withRetries(request(method, path, body, JSON, extraHeaders), this::readWhole);
        }
        return observed(call, call.decorate(request(method, path, body, JSON, extraHeaders)));
    }

    /** Starts observing a prepared request, such as a multipart form, or returns null without listeners. */
    CallObservation observe(TransportRequest request, boolean streaming) {
        if (listeners.isEmpty()) {
            return null;
        }
        String url = request.uri().toString();
        String path = url.startsWith(settings.baseUrl()) ? url.substring(settings.baseUrl().length())
                : request.uri().getRawPath();
        int query = path.indexOf('?');
        return observe(request.method(), query < 0 ? path : path.substring(0, query), null, streaming);
    }

    /** Returns the base URL as a URI for the listeners, or null when it is not one. */
    private static java.net.URI baseUri(String baseUrl) {
        if (baseUrl == null) {
            return null;
        }
        try {
            return java.net.URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Starts observing a call for the client's listeners, or returns null when it has none. */
    CallObservation observe(String method, String path, JsonNode body, boolean streaming) {
        return listeners.isEmpty() ? null
                : listeners.start(method, path, body, streaming, settings.provider().name(), baseUri);
    }

    /**
     * Sends a body that is not JSON, such as a multipart form, and reads the whole response; the
     * body is sent again on a retry (see {@link RequestBody#open()}).
     */
    public ApiResponse sendBody(String method, String path, RequestBody body, String contentType) {
        CallObservation call = observe(method, path, null, false);
        if (call == null) {
            return withRetries(bodyRequest(method, path, body, contentType, JSON), this::readWhole);
        }
        return observed(call, call.decorate(bodyRequest(method, path, body, contentType, JSON)));
    }

    /** Sends an observed request and reads its whole answer, telling the listeners how it ended. */
    private ApiResponse observed(CallObservation call, TransportRequest request) {
        try {
            ApiResponse response = withRetries(request, this::readWhole, call);
            call.finish(response);
            return response;
        } catch (RuntimeException e) {
            call.fail(e);
            throw e;
        }
    }

    /** Returns a request carrying a body that is not JSON, such as a multipart form. */
    public TransportRequest bodyRequest(String method, String path, RequestBody body, String contentType, String accept) {
        TransportRequest base = request(method, path, null, accept, Map.of("Content-Type", contentType));
        return new TransportRequest(method, base.uri(), base.headers(), body, base.timeout());
    }

    Duration streamIdleTimeout() {
        return settings.streamIdleTimeout();
    }

    /** Reads a whole answer, failing with a timeout when its body stalls past the idle timeout. */
    ApiResponse readWhole(TransportResponse response) throws IOException {
        IdleWatchdog.WatchedStream watched = IdleWatchdog.watch(response.body(), settings.streamIdleTimeout());
        try (watched) {
            long length = Bodies.contentLength(response.headers().first("Content-Length").orElse(null));
            return new ApiResponse(response.status(), Json.decodeBody(Bodies.readAll(watched, length)),
                    response.headers());
        } catch (IOException e) {
            throw watched.timedOut() ? new BodyIdleException(settings.streamIdleTimeout(), e) : e;
        }
    }

    /**
     * Sends the request and hands back the response with its body unread, after retrying failures
     * to get one and retryable statuses; the body is never retried.
     */
    TransportResponse open(TransportRequest request) {
        return withRetries(request, response -> response);
    }

    /**
     * Sends the request and runs {@code step} on the answer, retrying what the policy allows:
     * failures before a response, retryable statuses, and any {@link IOException},
     * {@link ConnectionException} or {@link StreamTimeoutException} from the step itself, which
     * must therefore deliver nothing to the caller before it returns. A failed step's response is
     * closed here.
     */
    <T> T withRetries(TransportRequest request, Step<T> step) {
        return withRetries(request, step, null);
    }

    /** Retries as {@link #withRetries(TransportRequest, Step)} does, telling the call's listeners of each attempt. */
    <T> T withRetries(TransportRequest request, Step<T> step, CallObservation call) {
        CallDeadline deadline = CallDeadline.start(settings.callTimeout(), clock);
        // A one-shot body (an InputStream upload) cannot be sent a second time.
        boolean resendable = request.body() == null || request.body().isRepeatable();
        String reason = null; // why the last attempt failed
        for (int retry = 0; ; retry++) {
            checkNotInterrupted(request, retry == 0 ? "before sending" : "before retrying");
            if (deadline.passed()) {
                throw deadline.exceeded(request.uri(), retry, reason);
            }
            boolean last = retry >= policy.maxRetries() || !resendable;
            int attempts = retry + 1;
            TransportRequest attempt = deadline.bound(request);
            TransportResponse response;
            if (call != null) {
                call.attempt(attempts);
            }
            try {
                response = once(attempt, retry);
            } catch (IOException e) {
                if (deadline.passed() || (attempt != request && RetryPolicy.isTimeout(e))) {
                    throw withCause(deadline.exceeded(request.uri(), attempts, describe(e)), e);
                }
                if (last || !RetryPolicy.isRetryable(e)) {
                    throw failure(request.uri(), e);
                }
                reason = describe(e);
                pause(request, deadline, attempts, null, reason, call);
                continue;
            }
            if (call != null) {
                call.headers(response.status(), response.headers());
            }
            if (RetryPolicy.isRetryable(response.status(), response.headers()) && policy.maxRetries() > retry) {
                if (!resendable) {
                    log(Level.WARNING, () -> "Not retrying " + request.method() + " " + request.uri() + " after status "
                            + response.status() + ": its body was a one-shot stream that cannot be sent again;"
                            + " upload from a file or a reopenable RequestBody to have it retried");
                } else {
                    discard(response);
                    reason = "status " + response.status();
                    pause(request, deadline, attempts, response.headers(), reason, call);
                    continue;
                }
            }
            IdleWatchdog.Alarm alarm = deadline.alarm(response);
            try {
                T result = step.apply(response);
                if (alarm != null && !alarm.cancel()) { // fired as the step returned: its result may be cut short
                    throw deadline.exceeded(request.uri(), attempts, null);
                }
                return result;
            } catch (IOException e) {
                discard(response);
                if (alarm != null && alarm.fired()) {
                    throw withCause(deadline.exceeded(request.uri(), attempts, null), e);
                }
                if (last || !RetryPolicy.isRetryable(e)) {
                    throw failure(request.uri(), e);
                }
                reason = describe(e);
            } catch (ConnectionException | StreamTimeoutException e) {
                discard(response);
                if (alarm != null && alarm.fired()) {
                    throw withCause(deadline.exceeded(request.uri(), attempts, null), e);
                }
                if (last || Thread.currentThread().isInterrupted()
                        || !(e.getCause() instanceof IOException cause && RetryPolicy.isRetryable(cause))) {
                    throw e;
                }
                reason = e.getMessage();
            } finally {
                if (alarm != null) {
                    alarm.cancel();
                }
            }
            pause(request, deadline, attempts, null, reason, call);
        }
    }

    /** Keeps the failure that the call timeout cut short alongside the timeout that replaces it. */
    private static ApiTimeoutException withCause(ApiTimeoutException timeout, Exception cutShort) {
        timeout.addSuppressed(cutShort);
        return timeout;
    }

    private TransportResponse once(TransportRequest request, int retry) throws IOException {
        TransportRequest numbered = RetryPolicy.numbered(request, retry);
        debug(() -> "--> " + numbered);
        long start = System.nanoTime();
        TransportResponse response;
        try {
            response = settings.transport().send(numbered);
        } catch (IOException e) {
            debug(() -> "<-- failed " + numbered.method() + " " + numbered.uri() + " after " + millisSince(start)
                    + " ms: " + describe(e));
            throw e;
        }
        debug(() -> "<-- " + response.status() + " " + numbered.method() + " " + numbered.uri() + " in "
                + millisSince(start) + " ms " + response.headers());
        return response;
    }

    /** Waits before retry number {@code attempts}, unless the wait would pass the call timeout. */
    private void pause(TransportRequest request, CallDeadline deadline, int attempts, Headers headers, String reason,
            CallObservation call) {
        int retry = attempts;
        Duration wait = policy.delay(retry, headers, clock.now(), clock.random());
        if (deadline.wouldPass(wait)) {
            throw deadline.exceededBefore(request.uri(), attempts, wait, reason);
        }
        log(Level.INFO, () -> "Retrying " + request.method() + " " + request.uri() + " in " + wait.toMillis()
                + " ms (retry " + retry + " of " + policy.maxRetries() + ") after " + reason);
        if (call != null) {
            call.retry(retry, scrub(reason), wait);
        }
        try {
            clock.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException("interrupted while waiting to retry");
            interrupted.initCause(e);
            throw new ApiInterruptedException(request.uri(), interrupted);
        }
    }

    /** Fails without sending when the calling thread was interrupted: the caller wants to stop. */
    private static void checkNotInterrupted(TransportRequest request, String when) {
        if (Thread.currentThread().isInterrupted()) {
            throw new ApiInterruptedException(request.uri(), new InterruptedIOException("interrupted " + when));
        }
    }

    /**
     * Returns the exception for an I/O failure: a timeout; an interrupt, when the calling thread's
     * interrupt flag is set (an interrupted read may fail with any I/O error); or any other
     * connection failure.
     */
    static ConnectionException failure(URI uri, IOException e) {
        if (RetryPolicy.isTimeout(e)) {
            return new ApiTimeoutException(uri, e);
        }
        return Thread.currentThread().isInterrupted() ? ApiInterruptedException.of(uri, e) : new ConnectionException(uri, e);
    }


    private static void discard(TransportResponse response) {
        try {
            response.close();
        } catch (IOException e) {
            // The answer is being dropped for a retry; a failure to close it changes nothing.
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
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

    /** Turns an answer into a result; may throw to have the attempt retried. */
    @FunctionalInterface
    interface Step<T> {
        /** Returns the result of the answer, or throws to fail the attempt. */
        T apply(TransportResponse response) throws IOException;
    }

    /** Signals that a plain response body delivered nothing for the stream idle timeout. */
    static final class BodyIdleException extends HttpTimeoutException {
        private static final long serialVersionUID = 1L;

        BodyIdleException(Duration idle, IOException cause) {
            super("no data received for " + idle.toMillis() + " ms");
            initCause(cause);
        }
    }

    String scrub(String text) {
        String key = settings.apiKey();
        return key == null || key.isEmpty() ? text : text.replace(key, "<redacted>");
    }

    public TransportRequest request(String method, String path, JsonNode body, String accept,
            Map<String, String> extraHeaders) {
        URI uri = uri(path);
        Headers base = body != null && JSON.equals(accept) ? jsonExchange
                : body != null ? defaults.with("Accept", accept).with("Content-Type", JSON)
                : defaults.with("Accept", accept);
        Headers merged = ProviderRequests.withRequestCredential(base, settings.provider().auth());
        for (Map.Entry<String, String> header : extraHeaders.entrySet()) {
            merged = merged.with(header.getKey(), header.getValue());
        }
        RequestBody payload = body == null ? null : RequestBody.ofBytes(Json.toBytes(body));
        return new TransportRequest(method, uri, merged, payload, settings.timeout());
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
        headers.put("User-Agent", "java-openai/" + Version.VALUE + " (Java " + Runtime.version().feature() + ")");
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
