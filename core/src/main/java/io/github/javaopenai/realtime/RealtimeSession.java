package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.ApiInterruptedException;
import io.github.javaopenai.errors.RealtimeClosedException;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.Json;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One realtime conversation over a WebSocket: send client events, read server events pulled
 * ({@link #events()}) or pushed ({@link #listen}), and collect replies ({@link #awaitReply}).
 *
 * <p>Sending is thread-safe; each send returns once the event is written. Reading is done by one
 * reader: either the pull form or the listener thread, not both. A realtime session cannot be
 * resumed, so the library never reconnects: when the server closes the socket or the connection
 * drops, reading raises a {@link RealtimeClosedException} with the close code and reason, and a
 * new session must be opened. Use it in try-with-resources.
 *
 * <pre>{@code
 * try (RealtimeSession session = client.realtime("gpt-realtime", RealtimeOptions.defaults())) {
 *     session.updateSession(Map.of("output_modalities", List.of("text")));
 *     session.sendText("Say hi");
 *     System.out.println(session.awaitReply(event -> {}).text());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public final class RealtimeSession implements Closeable {

    /** PCM16 bytes per audio append: 200 ms of mono 24 kHz audio, well under the server's limit. */
    public static final int AUDIO_CHUNK_BYTES = 9_600;

    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final WebSocket webSocket;
    private final Inbox inbox;
    private final URI uri;
    private final RealtimeOptions options;
    private final RealtimeTools tools;
    private final RealtimeEvents events;
    private final AtomicBoolean closedByUser = new AtomicBoolean();
    /** Who reads the events: null until decided, then {@link #PULL} or {@link #LISTENER}, for good. */
    private final AtomicReference<String> reader = new AtomicReference<>();
    private static final String PULL = "pull";
    private static final String LISTENER = "listener";
    private final ReentrantLock sendOrder = new ReentrantLock();
    private volatile boolean lost;
    private volatile Duration timedOutAfter;
    private final Heartbeat heartbeat;
    private CompletableFuture<?> lastSend = CompletableFuture.completedFuture(null);

    RealtimeSession(WebSocket webSocket, Inbox inbox, URI uri, RealtimeOptions options) {
        this.webSocket = webSocket;
        this.inbox = inbox;
        this.uri = uri;
        this.options = options;
        this.tools = new RealtimeTools(this, options.toolLoop());
        this.events = new RealtimeEvents(this);
        ObjectNode declaration = tools.declaration();
        if (declaration != null) {
            send(declaration);
        }
        this.heartbeat = Heartbeat.start(this, options);
    }

    /**
     * Sends any client event the API defines, given as a map, a JSON node or anything Jackson
     * serializes to a JSON object, and returns once it is written.
     *
     * @throws IllegalArgumentException when the event is not a JSON object with a string {@code type}
     * @throws IllegalStateException when the session is closed
     * @throws RealtimeClosedException when the connection is lost
     */
    public void send(Object event) {
        JsonNode tree = Json.toTree(Objects.requireNonNull(event, "event == null"), "event");
        if (!tree.isObject()) {
            throw new IllegalArgumentException("a realtime event must be a JSON object, got " + Json.typeName(tree));
        }
        JsonNode type = tree.get("type");
        if (type == null || !type.isTextual() || type.asText().isBlank()) {
            throw new IllegalArgumentException("a realtime event needs a string \"type\", got "
                    + (type == null ? "none" : type.toString()));
        }
        write(tree.toString());
    }

    /**
     * Sends {@code session.update} with the given session fields; {@code type: realtime} is added
     * when absent.
     */
    public void updateSession(Map<String, ?> session) {
        ObjectNode fields = (ObjectNode) Json.toTree(Objects.requireNonNull(session, "session == null"), "session").deepCopy();
        if (!fields.has("type")) {
            fields.put("type", "realtime");
        }
        ObjectNode event = Json.object().put("type", "session.update");
        event.set("session", fields);
        send(event);
    }

    /** Adds a user message with the text ({@code conversation.item.create}), then asks for a response. */
    public void sendText(String text) {
        addText(text);
        createResponse();
    }

    /** Adds a user message with the text to the conversation, without asking for a response. */
    public void addText(String text) {
        Objects.requireNonNull(text, "text == null");
        ObjectNode event = Json.object().put("type", "conversation.item.create");
        ObjectNode item = event.putObject("item").put("type", "message").put("role", "user");
        item.putArray("content").addObject().put("type", "input_text").put("text", text);
        send(event);
    }

    /** Sends {@code response.create}: asks the model for a response. */
    public void createResponse() {
        send(Json.object().put("type", "response.create"));
    }

    /** Sends {@code response.create} with the given response fields ({@code instructions}, {@code output_modalities}...). */
    public void createResponse(Map<String, ?> response) {
        ObjectNode event = Json.object().put("type", "response.create");
        event.set("response", Json.toTree(Objects.requireNonNull(response, "response == null"), "response"));
        send(event);
    }

    /** Appends PCM16 audio (16-bit little-endian mono, at the session's rate) to the input buffer. */
    public void appendAudio(byte[] pcm16) {
        Objects.requireNonNull(pcm16, "pcm16 == null");
        for (int start = 0; start < pcm16.length; start += AUDIO_CHUNK_BYTES) {
            int end = Math.min(pcm16.length, start + AUDIO_CHUNK_BYTES);
            byte[] chunk = start == 0 && end == pcm16.length ? pcm16 : java.util.Arrays.copyOfRange(pcm16, start, end);
            send(Json.object().put("type", "input_audio_buffer.append")
                    .put("audio", Base64.getEncoder().encodeToString(chunk)));
        }
    }

    /**
     * Appends the PCM16 audio of a stream, in chunks of {@value #AUDIO_CHUNK_BYTES} bytes, until its
     * end; returns how many bytes were sent. The stream is not closed.
     */
    public long appendAudio(InputStream pcm16) {
        Objects.requireNonNull(pcm16, "pcm16 == null");
        long total = 0;
        try {
            while (true) {
                byte[] chunk = pcm16.readNBytes(AUDIO_CHUNK_BYTES);
                if (chunk.length == 0) {
                    return total;
                }
                appendAudio(chunk);
                total += chunk.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the audio: " + e.getMessage(), e);
        }
    }

    /**
     * Appends the audio of a WAV file, which must be 16-bit PCM, mono, 24 kHz (the realtime
     * default; the library does not resample), and commits it.
     *
     * @throws IllegalArgumentException when the file has another format, saying which
     */
    public void sendAudio(Path wavFile) {
        Wav wav = Wav.read(wavFile);
        if (wav.channels() != 1 || wav.sampleRate() != Wav.REALTIME_SAMPLE_RATE) {
            throw new IllegalArgumentException(wavFile + " is " + wav.sampleRate() + " Hz with " + wav.channels()
                    + " channel(s); realtime PCM16 audio is mono at " + Wav.REALTIME_SAMPLE_RATE + " Hz");
        }
        appendAudio(wav.pcm());
        commitAudio();
    }

    /** Sends {@code input_audio_buffer.commit}: the appended audio becomes a user message. */
    public void commitAudio() {
        send(Json.object().put("type", "input_audio_buffer.commit"));
    }

    /** Sends {@code input_audio_buffer.clear}. */
    public void clearAudio() {
        send(Json.object().put("type", "input_audio_buffer.clear"));
    }

    /** Sends {@code response.cancel}: stops the response in progress. */
    public void cancelResponse() {
        send(Json.object().put("type", "response.cancel"));
    }

    /**
     * Sends {@code conversation.item.truncate}: cuts an assistant audio message at the point the
     * user heard, so that the model's memory matches what was played.
     */
    public void truncate(String itemId, int contentIndex, long audioEndMs) {
        Objects.requireNonNull(itemId, "itemId == null");
        if (contentIndex < 0 || audioEndMs < 0) {
            throw new IllegalArgumentException("contentIndex and audioEndMs must not be negative");
        }
        send(Json.object().put("type", "conversation.item.truncate").put("item_id", itemId)
                .put("content_index", contentIndex).put("audio_end_ms", audioEndMs));
    }

    /**
     * Returns the server events as a pull stream, the same one each time; {@link #awaitReply}
     * reads from it too. Read it from one thread at a time.
     *
     * @throws IllegalStateException when the events go to a listener
     */
    public RealtimeEvents events() {
        pullEvents();
        return events;
    }

    /**
     * Delivers the server events to the listener on a thread of the session's own, until the
     * session ends; returns at once. An exception thrown by the listener closes the session and
     * goes to {@link RealtimeListener#onClose}. The session has one reader: a listener or the pull form.
     *
     * @throws IllegalStateException when the events were already pulled or go to a listener
     */
    public void listen(RealtimeListener listener) {
        Objects.requireNonNull(listener, "listener == null");
        if (!reader.compareAndSet(null, LISTENER)) {
            throw new IllegalStateException("the session's events already have a reader: " + reader.get());
        }
        Thread thread = new Thread(() -> dispatch(listener), "java-openai-realtime-events");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Returns the server events as a {@link java.util.concurrent.Flow.Publisher}, which Reactor,
     * RxJava and Mutiny adapt directly: the session's one reader, like {@link #listen}. Events are
     * signalled on the session's event thread, each only once asked for; while the subscriber asks
     * for none, reading stops and, past a few dozen waiting messages, so does the socket. An
     * {@code error} event is signalled as an event (the session stays open); a close by the server,
     * a lost connection or a timeout ends the subscription with {@code onError} and the exception
     * the pull form raises; closing the session ends it with {@code onComplete}. {@code cancel()}
     * closes the session. A second subscriber, or one after the events were pulled, gets
     * {@code onError} with an {@link IllegalStateException}.
     */
    public java.util.concurrent.Flow.Publisher<JsonNode> eventPublisher() {
        return new RealtimeEventPublisher(this);
    }

    private void dispatch(RealtimeListener listener) {
        RuntimeException failure = null;
        try {
            while (true) {
                JsonNode event;
                try {
                    event = events.next();
                } catch (RealtimeErrorException e) {
                    listener.onError(e);
                    continue;
                }
                if (event == null) {
                    break;
                }
                listener.onEvent(event);
            }
        } catch (RuntimeException e) {
            failure = e;
            close();
        }
        listener.onClose(failure);
    }

    /**
     * Reads events until the end of a response that asks for no more tool calls, feeding each to
     * the accumulator and to {@code onEvent} as it comes, and returns the accumulator. Pass your
     * own accumulator to keep the partial reply when reading fails.
     *
     * @throws RealtimeErrorException for an {@code error} event
     * @throws RealtimeClosedException when the server closed the session or the connection dropped
     * @throws IllegalStateException when the session was closed before the response ended
     */
    public RealtimeReply awaitReply(RealtimeReply into, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(into, "into == null");
        Objects.requireNonNull(onEvent, "onEvent == null");
        pullEvents();
        while (true) {
            JsonNode event = events.next();
            if (event == null) {
                throw new IllegalStateException("the realtime session was closed before the response ended");
            }
            into.accept(event);
            onEvent.accept(event);
            if (event.path("type").asText().equals("response.done") && !tools.continues(event)) {
                return into;
            }
        }
    }

    /** Reads the next reply into a new accumulator; see {@link #awaitReply(RealtimeReply, Consumer)}. */
    public RealtimeReply awaitReply(Consumer<JsonNode> onEvent) {
        return awaitReply(new RealtimeReply(), onEvent);
    }

    /** Returns whether the session is open: not closed by this side, by the server, or by a lost connection. */
    public boolean isOpen() {
        return !closedByUser.get() && !lost && !webSocket.isInputClosed();
    }

    /**
     * Closes the session, from any thread: sends a normal close and ends the events; a waiting
     * reader sees their end. Idempotent.
     */
    @Override
    public void close() {
        if (!closedByUser.compareAndSet(false, true)) {
            return;
        }
        inbox.end(webSocket);
        closeSocket("");
    }

    /** Ends the session after nothing came from the server within the idle timeout; called by the heartbeat. */
    void idleTimedOut(Duration idleTimeout) {
        if (closedByUser.get() || lost) {
            return;
        }
        timedOutAfter = idleTimeout;
        lost = true;
        inbox.timedOut(webSocket, new StreamTimeoutException(idleTimeout, null));
        closeSocket("idle timeout");
    }

    private void closeSocket(String reason) {
        if (heartbeat != null) {
            heartbeat.stop();
        }
        try {
            webSocket.sendClose(WebSocket.NORMAL_CLOSURE, reason);
        } catch (RuntimeException e) {
            // A close while a send is pending or after the output closed: the abort below ends it.
        }
        CompletableFuture.delayedExecutor(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS).execute(webSocket::abort);
    }

    @Override
    public String toString() {
        return "RealtimeSession{uri=" + uri + ", open=" + isOpen() + "}";
    }

    private void pullEvents() {
        reader.compareAndSet(null, PULL);
        if (LISTENER.equals(reader.get())) {
            throw new IllegalStateException("the session's events go to a listener; read them there");
        }
    }

    private void write(String text) {
        if (closedByUser.get()) {
            throw new IllegalStateException("the realtime session is closed");
        }
        if (timedOutAfter != null) {
            throw new IllegalStateException("the realtime session was closed: nothing came from the server for "
                    + timedOutAfter.toMillis() + " ms (the idle timeout)");
        }
        CompletableFuture<WebSocket> sent;
        sendOrder.lock();
        try {
            // The JDK's WebSocket takes one send at a time: each starts when the one before ended.
            sent = lastSend.handle((r, e) -> null).thenCompose(ignored -> webSocket.sendText(text, true));
            lastSend = sent;
        } finally {
            sendOrder.unlock();
        }
        await(sent);
    }

    void ping() {
        try {
            webSocket.sendPing(ByteBuffer.allocate(0));
        } catch (RuntimeException e) {
            // A ping while another is pending is skipped; the heartbeat tries again.
        }
    }

    private void await(CompletableFuture<?> sent) {
        try {
            sent.get(options.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiInterruptedException.of(uri, new InterruptedIOException("interrupted while sending"));
        } catch (ExecutionException e) {
            lost = true;
            throw new RealtimeClosedException(e.getCause());
        } catch (TimeoutException e) {
            throw new RealtimeClosedException(new IOException("a send took longer than " + options.connectTimeout()));
        }
    }

    RealtimeOptions options() {
        return options;
    }

    Inbox inbox() {
        return inbox;
    }

    WebSocket webSocket() {
        return webSocket;
    }

    URI uri() {
        return uri;
    }

    RealtimeTools tools() {
        return tools;
    }

    boolean closedByUser() {
        return closedByUser.get();
    }

    void lost() {
        lost = true;
        if (heartbeat != null) {
            heartbeat.stop();
        }
        webSocket.abort();
    }
}
