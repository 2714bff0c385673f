package io.github.javaopenai.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.IdleWatchdog;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.sse.SseDecoder;
import io.github.javaopenai.sse.SseEventReader;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Delivers the events of one streamed answer as decoded JSON objects, pulled one at a time.
 *
 * <p>Events are read from the socket only as the caller asks for them, so a slow consumer slows
 * the download and nothing queues up. Use it in try-with-resources: {@link #close()}, from any
 * thread, aborts the exchange at once and frees the connection. An error the server sends inside
 * the stream ends iteration with a {@link StreamException} carrying it; a stream idle for longer
 * than the client's stream idle timeout ends with a {@link StreamTimeoutException}. Nothing is
 * dropped or passed off as complete: an event whose data is not JSON raises a
 * {@link StreamException} whose {@link StreamException#error() error()} is the raw data as a JSON
 * string, and a connection that closes before the endpoint's last event (for chat completions
 * {@code data: [DONE]} or a {@code finish_reason}; for responses {@code response.completed},
 * {@code response.incomplete} or {@code response.failed}) raises a {@link StreamException} saying
 * the stream ended early. The iterator may be taken once, by one thread.
 *
 * <pre>{@code
 * try (EventStream events = client.streamChatCompletion(messages, Map.of())) {
 *     for (JsonNode event : events) {
 *         System.out.print(event.at("/choices/0/delta/content").asText(""));
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class EventStream implements Closeable, Iterable<JsonNode> {

    private static final ObjectReader TREES = Json.MAPPER.readerFor(JsonNode.class);
    /** The most characters of bad event data quoted in an error message; the exception keeps it all. */
    private static final int MAX_SHOWN_DATA = 500;

    private final TransportResponse response;
    private final URI uri;
    private final IdleWatchdog.WatchedStream body;
    private final Duration idleTimeout;
    private final SseEventReader reader;
    private final boolean failOnError;
    private final StreamEnd end;
    private JsonNode single;
    private JsonNode pushedBack;
    private StreamException pendingFailure;
    private volatile boolean closed;
    private boolean iteratorTaken;
    private boolean complete; // the endpoint's last event or [DONE] arrived
    private final Consumer<JsonNode> onEvent; // null unless watched
    private final Consumer<RuntimeException> onEnd;
    private final AtomicBoolean endReported;

    private EventStream(TransportRequest request, TransportResponse response, Duration idleTimeout,
            int maxEventBytes, boolean failOnError) {
        this(request, response, idleTimeout, maxEventBytes, failOnError, null, null);
    }

    private EventStream(TransportRequest request, TransportResponse response, Duration idleTimeout,
            int maxEventBytes, boolean failOnError, Consumer<JsonNode> onEvent, Consumer<RuntimeException> onEnd) {
        this.onEvent = onEvent;
        this.onEnd = onEnd;
        this.endReported = onEnd == null ? null : new AtomicBoolean();
        this.response = response;
        this.uri = request.uri();
        this.idleTimeout = idleTimeout;
        this.body = IdleWatchdog.watch(response.body(), idleTimeout);
        this.reader = new SseEventReader(body, maxEventBytes);
        this.failOnError = failOnError;
        this.end = StreamEnd.forPath(uri.getPath());
    }

    /**
     * Opens the stream of an answer and reads its first event ahead, for the client's retry logic:
     * until an event reaches the caller nothing can be delivered twice, so a failure up to here
     * (the stream is closed then) may be retried. The server's own error event is kept to be
     * delivered in order instead.
     *
     * @param failOnError whether an error event ends a pull stream with a {@link StreamException}
     */
    public static EventStream open(TransportRequest request, TransportResponse response, Duration idleTimeout,
            int maxEventBytes, boolean failOnError) {
        return open(request, response, idleTimeout, maxEventBytes, failOnError, null, null);
    }

    /**
     * Opens the stream as {@link #open(TransportRequest, TransportResponse, Duration, int, boolean)}
     * does, telling a watcher (the client's listeners) of each event as it arrives and, once, of
     * the end: null when clean, the failure otherwise, a {@link CancellationException} when closed
     * before the end.
     */
    public static EventStream open(TransportRequest request, TransportResponse response, Duration idleTimeout,
            int maxEventBytes, boolean failOnError, Consumer<JsonNode> onEvent, Consumer<RuntimeException> onEnd) {
        EventStream events = new EventStream(request, response, idleTimeout, maxEventBytes, failOnError, onEvent, onEnd);
        try {
            events.pushedBack = events.readNext();
        } catch (StreamTimeoutException e) {
            events.release();
            throw e;
        } catch (StreamException e) {
            events.pendingFailure = e; // the server's own error event: delivered in order, not retried
        } catch (RuntimeException e) {
            events.release();
            throw e;
        }
        return events;
    }

    /** Returns a stream whose only event is a whole JSON answer from a server that did not stream. */
    public static EventStream ofSingle(TransportRequest request, TransportResponse response, JsonNode answer) {
        EventStream stream = new EventStream(request, response, Duration.ofDays(1),
                SseDecoder.DEFAULT_MAX_EVENT_BYTES, true);
        stream.single = answer;
        try {
            stream.body.close(); // already read whole: release the watchdog's timer at once
        } catch (IOException e) {
            // nothing left to read from it
        }
        return stream;
    }

    /**
     * Returns whether the server answered with an event stream; false when it ignored the request
     * to stream and sent one whole JSON object, which is then the only event.
     */
    public boolean isEventStream() {
        return single == null;
    }

    /** Returns the HTTP status of the answer. */
    public int status() {
        return response.status();
    }

    /** Returns the response headers. */
    public Headers headers() {
        return response.headers();
    }

    /** Returns the server's request id ({@code x-request-id}), or null when it sent none. */
    public String requestId() {
        return response.headers().first("x-request-id").orElse(null);
    }

    /**
     * Returns the events in order; the iterator can be taken once.
     *
     * @throws IllegalStateException when the iterator was already taken
     */
    @Override
    public Iterator<JsonNode> iterator() {
        if (iteratorTaken) {
            throw new IllegalStateException("an EventStream can be iterated only once");
        }
        iteratorTaken = true;
        return new Events();
    }

    /** Returns the events as a sequential stream; closing it closes this event stream. */
    public Stream<JsonNode> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(this::close);
    }

    /** Aborts the exchange if it is still running; safe to call more than once and from any thread. */
    @Override
    public void close() {
        release();
        if (onEnd != null) {
            ended(new CancellationException("the stream was closed before its end"));
        }
    }

    /** Aborts the exchange without telling a watcher: the stream's own end or failure does that. */
    private void release() {
        closed = true;
        try {
            body.close();
        } catch (IOException e) {
            // Aborting: nothing more to read, nothing to report.
        }
    }

    /** Tells the watcher, once, how the stream ended: null when cleanly. */
    private void ended(RuntimeException failure) {
        if (endReported.compareAndSet(false, true)) {
            onEnd.accept(failure);
        }
    }

    /**
     * Returns the next decoded event, or null at the end of the stream; an interrupted thread gets
     * no further event, even one already received.
     */
    public JsonNode nextEvent() {
        if (onEnd == null) {
            return readNext();
        }
        JsonNode event;
        try {
            event = readNext();
        } catch (RuntimeException e) {
            ended(e);
            throw e;
        }
        if (event == null) {
            ended(complete ? null : new CancellationException("the stream was closed before its end"));
        }
        return event;
    }

    private JsonNode readNext() {
        if (Thread.currentThread().isInterrupted()) {
            release();
            throw ApiInterruptedException.of(uri, new InterruptedIOException("interrupted between events"));
        }
        if (pendingFailure != null) {
            StreamException failure = pendingFailure;
            pendingFailure = null;
            throw failure;
        }
        if (pushedBack != null) {
            JsonNode event = pushedBack;
            pushedBack = null;
            return closed ? null : event;
        }
        if (single != null) {
            JsonNode answer = closed ? null : single;
            release();
            return answer;
        }
        while (!closed) {
            SseDecoder.RawEvent event = readEvent();
            if (event == null) {
                return endOfConnection();
            }
            if (event.isDone()) {
                complete = true;
                release();
                return null;
            }
            JsonNode json = parse(event);
            if (json == null) {
                release();
                throw notJson(event.data());
            }
            end.observe(event.type(), json);
            if (onEvent != null) {
                onEvent.accept(json);
            }
            if (failOnError && isError(event.type(), json)) {
                release();
                throw new StreamException(errorMessage(json), response.status(), json);
            }
            return json;
        }
        return null;
    }

    /** Ends iteration at a clean end of the connection, or fails when the answer was cut short. */
    private JsonNode endOfConnection() {
        if (closed) {
            return null; // closed by the caller
        }
        release();
        if (!end.isComplete()) {
            throw new StreamException(end.endedEarlyMessage(), response.status(), null);
        }
        complete = true;
        return null;
    }

    /** Returns the failure for event data that is not JSON, with the data, so none is lost unseen. */
    private StreamException notJson(String data) {
        String shown = data.length() <= MAX_SHOWN_DATA ? data : data.substring(0, MAX_SHOWN_DATA) + "...";
        return new StreamException("A stream event's data is not JSON (" + data.length() + " chars): " + shown,
                response.status(), TextNode.valueOf(data));
    }

    private SseDecoder.RawEvent readEvent() {
        try {
            return reader.readRaw();
        } catch (IOException e) {
            if (body.timedOut()) {
                throw new StreamTimeoutException(idleTimeout, e);
            }
            if (Thread.currentThread().isInterrupted()) {
                release();
                throw ApiInterruptedException.of(uri, e);
            }
            if (closed) {
                return null; // closed by the caller: the stream simply ends
            }
            throw new ConnectionException(uri, e);
        }
    }

    /** Parses the data straight from its UTF-8 bytes; returns null when it is not JSON. */
    static JsonNode parse(SseDecoder.RawEvent event) {
        try {
            return TREES.readTree(event.dataArray(), 0, event.dataLength());
        } catch (IOException e) {
            // Malformed UTF-8 fails the byte parser, while the decoded text (with U+FFFD) may parse.
            try {
                return Json.MAPPER.readTree(event.data());
            } catch (IOException notJson) {
                return null;
            }
        }
    }

    static boolean isError(String eventType, JsonNode json) {
        if ("error".equals(eventType)) {
            return true;
        }
        String type = json.path("type").textValue();
        if ("error".equals(type) || "response.failed".equals(type)) {
            return true;
        }
        return json.has("error") && !json.path("error").isNull() && !json.has("object") && type == null;
    }

    public static String errorMessage(JsonNode json) {
        JsonNode error = json.has("error") && json.get("error").isObject() ? json.get("error")
                : json.path("response").path("error");
        String message = error.path("message").textValue();
        if (message == null) {
            message = json.path("message").textValue();
        }
        String code = error.path("code").textValue();
        if (code == null) {
            code = json.path("code").textValue();
        }
        StringBuilder text = new StringBuilder("Stream error");
        if (message != null) {
            text.append(": ").append(message);
        }
        if (code != null) {
            text.append(" (").append(code).append(')');
        }
        return text.toString();
    }

    private final class Events implements Iterator<JsonNode> {
        private JsonNode next;
        private boolean done;

        @Override
        public boolean hasNext() {
            if (next == null && !done) {
                next = nextEvent();
                done = next == null;
            }
            return next != null;
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            JsonNode current = next;
            next = null;
            return current;
        }
    }
}
