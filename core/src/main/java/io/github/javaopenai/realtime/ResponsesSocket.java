package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.internal.engine.Generation;
import io.github.javaopenai.sessions.ResponseStreamer;
import java.io.Closeable;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A Responses API WebSocket ({@code wss://.../v1/responses}): each {@link #create} sends a
 * {@code response.create} event, whose fields are those of a {@code POST /responses} body, and the
 * server streams that response back with the same events as the HTTP stream
 * ({@code response.created}, {@code response.output_text.delta}... up to
 * {@code response.completed}, {@code response.incomplete} or {@code response.failed}). One
 * connection serves many responses, which saves the connection set-up in agent loops; chain them
 * with {@code previous_response_id}.
 *
 * <p><b>One response at a time.</b> The socket streams one response at a time: a second
 * {@code create} before the first one's last event was read is refused with an
 * {@link IllegalStateException}. {@code stream} is implied and {@code background} is not allowed.
 * An {@code error} event ends the response in progress with a {@link RealtimeErrorException}; the
 * socket stays usable. A close of the connection before the last event raises a
 * {@link StreamException} (a {@link io.github.javaopenai.errors.RealtimeClosedException}); the
 * library never reconnects. Open it with {@code client.responsesSocket()}; close it when done.
 *
 * @since 0.1
 */
public final class ResponsesSocket implements ResponseStreamer, Closeable {

    private static final Set<String> LAST_EVENTS = Set.of("response.completed", "response.incomplete", "response.failed");

    private final RealtimeSession session;
    private final Generation generation;
    private final AtomicBoolean busy = new AtomicBoolean();

    ResponsesSocket(RealtimeSession session, Generation generation) {
        this.session = session;
        this.generation = generation;
    }

    /**
     * Sends {@code response.create} for the input, with the options extending or overriding
     * {@code {model, input}} as in {@code client.createResponse}, and returns that response's events.
     *
     * @throws IllegalStateException while another response of this socket is still streaming, or once closed
     * @throws IllegalArgumentException when the options ask for {@code background}
     */
    public Events create(Object input, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        return send(generation.responseBody(input, options));
    }

    /**
     * Creates the response and reads it to its end, returning the final response object of
     * {@code response.completed} or {@code response.incomplete}.
     *
     * @throws StreamException for {@code response.failed}, with the response as its body
     */
    public JsonNode createAndWait(Object input, Map<String, ?> options) {
        Events events = create(input, options);
        JsonNode last = null;
        for (JsonNode event : events) {
            last = event;
        }
        JsonNode response = last.path("response");
        if ("response.failed".equals(last.path("type").asText())) {
            throw new StreamException("the response failed: " + response.path("error").path("message").asText("no reason given"),
                    -1, response);
        }
        return response;
    }

    @Override
    public void stream(ObjectNode body, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        for (JsonNode event : send(body.deepCopy())) {
            onEvent.accept(event);
        }
    }

    private Events send(ObjectNode body) {
        if (body.path("background").asBoolean(false)) {
            throw new IllegalArgumentException("\"background\" responses are not available over a WebSocket");
        }
        body.remove("stream");
        body.remove("background");
        if (!busy.compareAndSet(false, true)) {
            throw new IllegalStateException("this Responses WebSocket is still streaming a response; read it to its end"
                    + " (or open another socket) before creating the next one");
        }
        ObjectNode event = body.objectNode().put("type", "response.create");
        event.setAll(body);
        try {
            session.send(event);
        } catch (RuntimeException e) {
            busy.set(false);
            throw e;
        }
        return new Events();
    }

    /** Returns whether the connection is open. */
    public boolean isOpen() {
        return session.isOpen();
    }

    /** Closes the connection, from any thread; a response being read ends with a {@link StreamException}. */
    @Override
    public void close() {
        session.close();
    }

    @Override
    public String toString() {
        return "ResponsesSocket{uri=" + session.uri() + ", open=" + isOpen() + "}";
    }

    /**
     * The events of one response, pulled in order; iteration ends after the last one. Read by one thread.
     */
    public final class Events implements Iterable<JsonNode> {

        private boolean done;

        private Events() {
        }

        /**
         * Returns the next event of the response, waiting for it, or null after its last event.
         *
         * @throws RealtimeErrorException for an {@code error} event, which ends the response
         * @throws StreamException when the connection closes before the last event
         */
        public JsonNode next() {
            if (done) {
                return null;
            }
            JsonNode event;
            try {
                event = session.events().next();
            } catch (RuntimeException e) {
                finish();
                throw e;
            }
            if (event == null) {
                finish();
                throw new StreamException("the Responses WebSocket was closed before the response ended", -1, null);
            }
            if (LAST_EVENTS.contains(event.path("type").asText())) {
                finish();
            }
            return event;
        }

        private void finish() {
            done = true;
            busy.set(false);
        }

        @Override
        public Iterator<JsonNode> iterator() {
            return new PulledIterator(Events.this::next);
        }
    }
}
