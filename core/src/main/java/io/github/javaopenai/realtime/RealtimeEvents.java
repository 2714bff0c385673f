package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.RealtimeClosedException;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.Json;
import java.io.Closeable;
import java.io.InterruptedIOException;
import java.util.Iterator;

/**
 * A realtime session's server events, pulled one at a time: the same shape as
 * {@link io.github.javaopenai.core.EventStream}.
 *
 * <p>At most a few dozen messages are read ahead of the reader; then reading from the socket
 * stops until the reader catches up, so a slow reader slows the server down and nothing piles up. An {@code error} event raises a
 * {@link RealtimeErrorException}; the session stays open and iteration can go on. A close by the
 * server, or a connection lost, raises a {@link RealtimeClosedException} and ends iteration: the
 * library never reconnects, since a realtime session cannot be resumed. When the session's idle
 * timeout ended it (nothing came from the server for that long), reading raises a
 * {@link StreamTimeoutException} after the events that came before. {@link #close()},
 * from any thread, closes the session and ends iteration normally. One reader at a time.
 *
 * @since 0.1
 */
public final class RealtimeEvents implements Iterable<JsonNode>, Closeable {

    private final RealtimeSession session;
    private RuntimeException terminal;
    private boolean ended;

    RealtimeEvents(RealtimeSession session) {
        this.session = session;
    }

    /**
     * Returns the next server event, waiting for it, or null once the session was closed by this
     * side. Runs the tool loop's calls, when the session has one, before returning the event.
     *
     * @throws RealtimeErrorException for an {@code error} event (reading may go on)
     * @throws RealtimeClosedException when the server closed the session or the connection dropped
     * @throws StreamTimeoutException when the idle timeout ended the session: no frame came from the server for that long
     */
    public JsonNode next() {
        JsonNode event = read();
        if (event != null) {
            session.tools().onEvent(event);
            if ("error".equals(event.path("type").asText())) {
                throw new RealtimeErrorException(event.get("error"));
            }
        }
        return event;
    }

    private JsonNode read() {
        if (terminal != null) {
            throw terminal;
        }
        if (ended) {
            return null;
        }
        Inbox.Item item;
        try {
            item = session.inbox().take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(ApiInterruptedException.of(session.uri(), new InterruptedIOException("interrupted")));
        }
        if (item instanceof Inbox.Message message) {
            session.inbox().taken(session.webSocket());
            return parse(message.text());
        }
        if (item instanceof Inbox.TimedOut timedOut) {
            throw fail(timedOut.error());
        }
        if (item instanceof Inbox.Ended || session.closedByUser()) {
            ended = true;
            return null;
        }
        session.lost();
        if (item instanceof Inbox.Closed closed) {
            throw fail(new RealtimeClosedException(closed.code(), closed.reason()));
        }
        throw fail(new RealtimeClosedException(((Inbox.Failed) item).error()));
    }

    private RuntimeException fail(RuntimeException e) {
        terminal = e;
        return e;
    }

    private static JsonNode parse(String text) {
        try {
            JsonNode event = Json.MAPPER.readTree(text);
            if (event != null && event.isObject() && event.path("type").isTextual()) {
                return event;
            }
        } catch (JsonProcessingException e) {
            // Reported below with the raw text, so nothing is lost.
        }
        String shown = text.length() > 500 ? text.substring(0, 500) + "..." : text;
        throw new StreamException("the server sent a realtime message that is not a JSON event: " + shown, -1,
                TextNode.valueOf(text));
    }

    /**
     * Returns an iterator over the events; {@code hasNext()} waits for the next one and throws
     * what {@link #next()} throws. For the typed errors, catch them around the loop and iterate again.
     */
    @Override
    public Iterator<JsonNode> iterator() {
        return new PulledIterator(RealtimeEvents.this::next);
    }

    /** Closes the session, from any thread; a waiting reader sees the end of the events. */
    @Override
    public void close() {
        session.close();
    }
}
