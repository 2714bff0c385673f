package io.github.javaopenai.sessions;

import io.github.javaopenai.internal.engine.Generation;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.ChatCompletionAccumulator;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.SessionFileException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.errors.SessionException;
import io.github.javaopenai.internal.FunctionValidator;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.MessageValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * Holds a conversation with the Chat Completions API: the history is kept here and sent with
 * every request, and each reply is appended to it. The Java form of lua-openai's
 * {@code ChatSession}.
 *
 * <pre>{@code
 * ChatSession chat = client.newChatSession(Map.of(
 *     "messages", List.of(Messages.system("You are an artist who likes colors"))));
 * System.out.println(chat.send("List your top 5 favorite colors"));
 * System.out.println(chat.send("Excluding the colors you just listed, tell me your favorite color"));
 * for (JsonNode message : chat.messages()) {
 *     System.out.println(message.get("role").asText() + " " + message.path("content").asText());
 * }
 * }</pre>
 *
 * <p><b>Options.</b> Every session option except {@code messages} goes into every request body
 * ({@code model}, {@code temperature}, {@code tools}, {@code max_tokens}...); lua-openai sends
 * only a fixed list and drops the rest (lua-parity.md G93-94). Options given to one call override
 * the session's for that call only; a null value removes a key.
 *
 * <p><b>Failures.</b> A failed request throws {@link SessionException} carrying lua-openai's error
 * text, the status and the raw body; the message that was sent stays in the history, the reply
 * is not added. Invalid messages throw {@link IllegalArgumentException} before anything is sent;
 * a network failure throws {@link io.github.javaopenai.errors.ConnectionException}; a streamed
 * reply cut short throws {@link io.github.javaopenai.errors.StreamException}, and no partial reply
 * joins the history. A refusal is not a failure: the reply is returned with
 * {@link ChatReply#refusal()} set, streamed or not, and joins the history as
 * {@code {role: "assistant", refusal}}.
 *
 * <p><b>Beyond lua-openai.</b> A {@link ToolLoop} runs Java functions the model calls; a
 * {@link WindowPolicy} limits what is sent while the full history is kept; {@link #usage()} adds
 * up the tokens of every request; {@link #save(Path)} and {@code client.loadChatSession(file)} persist the
 * session.
 *
 * <p><b>Threading.</b> Share the client, not the session. A session is nevertheless safe to call
 * from several threads: calls that change it ({@code send}, {@code generateResponse},
 * {@code appendMessage}, {@code load}) are serialized by a {@link ReentrantLock}, so a second
 * caller waits until the first exchange (tool loop included) is over, and each request/reply
 * pair stays together in the history. {@link #sendAsync} takes its turn in the same order
 * without holding a thread while it waits or while its request is in flight. Readers
 * ({@link #messages()}, {@link #usage()}) never wait: they see the history as it was after the
 * last completed change (for an async call, after its last completed step).
 *
 * @since 0.1
 */
public final class ChatSession {

    static final String FILE_FORMAT = "java-openai/chat-session";

    private final SessionEngine<JsonNode> engine;
    private final ObjectNode options;
    private volatile WindowPolicy window = WindowPolicy.all();

    /** Creates a session; obtain one from {@code client.newChatSession(options)}. */
    public ChatSession(Generation client, Map<String, ?> options) {
        this.engine = new SessionEngine<>(client, options);
        ObjectNode copy = engine.options();
        JsonNode functions = copy.get("functions");
        if (functions != null) {
            FunctionValidator.validate(functions);
        }
        JsonNode messages = copy.remove("messages");
        this.options = copy;
        if (messages != null) {
            if (!messages.isArray()) {
                throw new IllegalArgumentException("option \"messages\" must be an array of chat messages, got "
                        + Json.typeName(messages));
            }
            for (int i = 0; i < messages.size(); i++) {
                add(messages.get(i), "messages[" + i + "]");
            }
        }
    }

    // ---------------------------------------------------------------- history

    /**
     * Returns the history: every message sent and received, oldest first. The list is an
     * unmodifiable snapshot; treat its messages as read-only.
     */
    public List<JsonNode> messages() {
        return engine.history();
    }

    /** Returns the last message of the history, or null when it is empty. */
    public JsonNode lastMessage() {
        List<JsonNode> current = messages();
        return current.isEmpty() ? null : current.get(current.size() - 1);
    }

    /**
     * Appends messages to the history, in order, without sending anything.
     *
     * @param message a message: a map, a JSON object, or anything Jackson serializes to one
     * @param more further messages
     * @throws IllegalArgumentException at the first invalid message; those before it are kept
     */
    public void appendMessage(Object message, Object... more) {
        engine.lock();
        try {
            add(message, "message");
            for (int i = 0; i < more.length; i++) {
                add(more[i], "more[" + i + "]");
            }
        } finally {
            engine.unlock();
        }
    }

    /** Returns a copy of the session options (without {@code messages}). */
    public ObjectNode options() {
        return options.deepCopy();
    }

    /** Returns the tokens used by every successful request of this session so far. */
    public Usage usage() {
        return engine.usage();
    }

    // ---------------------------------------------------------------- beyond lua-openai

    /**
     * Sets which part of the history is sent. Default {@link WindowPolicy#all()}: everything, as in
     * lua-openai. The history itself is never shortened.
     */
    public void setWindowPolicy(WindowPolicy policy) {
        this.window = Objects.requireNonNull(policy, "policy == null");
    }

    /** Returns the window policy. */
    public WindowPolicy windowPolicy() {
        return window;
    }

    /** Sets the tool loop, or removes it with null; without one, tool calls are returned as lua-openai returns them. */
    public void setToolLoop(ToolLoop loop) {
        engine.setToolLoop(loop);
    }

    /** Returns the tool loop, or null when none is set. */
    public ToolLoop toolLoop() {
        return engine.toolLoop();
    }

    // ---------------------------------------------------------------- send

    /**
     * Appends a message and asks for the next reply, which is appended too.
     *
     * @param message a string (sent as {@code {role: "user", content}}) or a message object, such
     *     as a {@code role: "tool"} result
     * @throws IllegalArgumentException when the message is invalid; nothing is sent
     * @throws io.github.javaopenai.errors.ApiException for an error status, and {@link SessionException} for
     *     an answer that cannot be read; either way the message stays in the history
     */
    public ChatReply send(Object message) {
        return send(message, Map.of());
    }

    /** Sends like {@link #send(Object)}, with options that override the session's for this call only. */
    public ChatReply send(Object message, Map<String, ?> options) {
        return send(message, options, null);
    }

    /**
     * Sends like {@link #send(Object)}, streaming: the request goes out with {@code stream: true}
     * and {@code onChunk} receives the parsed chunk and the raw event of every valid chunk of the
     * first choice as it arrives. The reply's text is the concatenation of those content deltas;
     * with {@code n} > 1 the other choices' deltas are not passed on, since the reply and the
     * history keep the first choice only. A stream cut short (no {@code data: [DONE]} and no
     * {@code finish_reason}) raises {@link io.github.javaopenai.errors.StreamException} and adds
     * no reply.
     */
    public ChatReply send(Object message, BiConsumer<ChatChunk, JsonNode> onChunk) {
        return send(message, Map.of(), Objects.requireNonNull(onChunk, "onChunk == null"));
    }

    /**
     * Sends with per-call options, streaming when {@code onChunk} is not null (or the options say
     * {@code stream: true}).
     *
     * @param onChunk receives each chunk and its raw event; null for no streaming callback
     */
    public ChatReply send(Object message, Map<String, ?> options, BiConsumer<ChatChunk, JsonNode> onChunk) {
        Objects.requireNonNull(options, "options == null");
        engine.lock();
        try {
            add(message instanceof String text ? Messages.user(text) : message, "message");
            return generate(true, options, onChunk);
        } finally {
            engine.unlock();
        }
    }

    /**
     * The async form of {@link #send(Object)}, tool rounds included (their functions run on the
     * client's async executor). It waits its turn behind earlier calls without holding a thread.
     * An invalid message or {@code stream: true} fails at once with nothing sent; an error status
     * completes it with that status's {@code ApiException}, the message staying in the history.
     */
    public CompletableFuture<ChatReply> sendAsync(Object message) {
        return sendAsync(message, Map.of());
    }

    /** Sends like {@link #sendAsync(Object)}, with options that override the session's for this call only. */
    public CompletableFuture<ChatReply> sendAsync(Object message, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        JsonNode node = Json.toTree(message instanceof String text ? Messages.user(text) : message, "message");
        MessageValidator.validate(node, "message");
        Exchange exchange = new Exchange(true);
        if (engine.streams(exchange, options, null)) {
            throw new IllegalArgumentException("sendAsync cannot stream: option \"stream\" is true; call send with an"
                    + " onChunk callback, or client.async().streamChatCompletion");
        }
        Executor executor = engine.client().asyncExecutor();
        return engine.inTurn(executor, inFlight -> engine.runAsync(exchange, null, options, true,
                () -> engine.add(node), executor, inFlight));
    }

    /** Asks for the next reply to the history and appends it. */
    public ChatReply generateResponse() {
        return generateResponse(true);
    }

    /**
     * Asks for the next reply to the history.
     *
     * @param appendResponse whether the reply is appended to the history
     */
    public ChatReply generateResponse(boolean appendResponse) {
        return generateResponse(appendResponse, Map.of());
    }

    /** Asks for the next reply with options that override the session's for this call only. */
    public ChatReply generateResponse(boolean appendResponse, Map<String, ?> options) {
        return generateResponse(appendResponse, options, null);
    }

    /** Asks for the next reply, streaming its chunks to {@code onChunk}. */
    public ChatReply generateResponse(boolean appendResponse, BiConsumer<ChatChunk, JsonNode> onChunk) {
        return generateResponse(appendResponse, Map.of(), Objects.requireNonNull(onChunk, "onChunk == null"));
    }

    /**
     * Asks for the next reply with per-call options, streaming when {@code onChunk} is not null (or
     * the options say {@code stream: true}).
     */
    public ChatReply generateResponse(boolean appendResponse, Map<String, ?> options,
            BiConsumer<ChatChunk, JsonNode> onChunk) {
        Objects.requireNonNull(options, "options == null");
        engine.lock();
        try {
            return generate(appendResponse, options, onChunk);
        } finally {
            engine.unlock();
        }
    }

    private ChatReply generate(boolean append, Map<String, ?> overrides, BiConsumer<ChatChunk, JsonNode> onChunk) {
        // Tool rounds need the calls and their results in the history, so only an appended reply runs them.
        return engine.run(new Exchange(append), null, overrides, onChunk, append);
    }

    /** One call's exchanges with the Chat Completions API: the history is the input. */
    private final class Exchange implements SessionEngine.Protocol<ChatReply> {

        private final boolean append;

        Exchange(boolean append) {
            this.append = append;
        }

        @Override
        public ArrayNode tools(ToolLoop loop) {
            return loop.chatTools();
        }

        @Override
        public void addState(Map<String, Object> params) {
            // the history travels as the messages, added by the client
        }

        @Override
        public ChatReply exchange(JsonNode input, Map<String, Object> params, boolean stream,
                BiConsumer<ChatChunk, JsonNode> onChunk) {
            List<JsonNode> sent = Windows.apply(window, engine.history());
            return keep(stream ? streamed(sent, params, onChunk)
                    : ChatReplies.read(engine.client().createChatCompletion(sent, params)));
        }

        @Override
        public CompletableFuture<ApiResponse> sendAsync(JsonNode input, Map<String, Object> params) {
            return engine.client().createChatCompletionAsync(Windows.apply(window, engine.history()), params);
        }

        @Override
        public ChatReply record(ApiResponse response) {
            return keep(ChatReplies.read(response));
        }

        /** Counts the reply's usage and, when this call appends, adds it to the history. */
        private ChatReply keep(ChatReply reply) {
            engine.addUsage(reply.usage());
            if (append) {
                add(ChatReplies.historyEntry(reply.message()), "reply");
            }
            return reply;
        }

        @Override
        public List<ToolCall> calls(ChatReply reply) {
            return ChatReplies.calls(reply);
        }

        @Override
        public JsonNode toolResults(List<ToolCall> calls, List<String> results) {
            for (int i = 0; i < calls.size(); i++) {
                ToolCall call = calls.get(i);
                add(call.id() == null ? Messages.function(call.name(), results.get(i))
                        : Messages.tool(call.id(), results.get(i)), "tool result");
            }
            return null; // the next request carries the history, results included
        }
    }

    private ChatReply streamed(List<JsonNode> sent, Map<String, Object> params, BiConsumer<ChatChunk, JsonNode> onChunk) {
        // Usage arrives in a final chunk only when asked for; a user's own stream_options (even
        // null, which removes the key) wins.
        params.putIfAbsent("stream_options", Map.of("include_usage", true));
        ChatCompletionAccumulator stream = new ChatCompletionAccumulator();
        ApiResponse response = engine.client().createChatCompletion(sent, params, event -> {
            stream.accept(event);
            ChatChunk chunk = ChatChunk.from(event);
            // Only the first choice becomes the reply, so only its deltas are streamed (with n > 1).
            if (chunk != null && chunk.index() == 0 && onChunk != null) {
                onChunk.accept(chunk, event);
            }
        });
        if (response.status() != 200) {
            throw ChatReplies.badStatus(response);
        }
        if (stream.error() != null) {
            // An error inside the stream: nothing usable arrived, so nothing joins the history.
            throw ChatReplies.streamError(stream.error(), response.status());
        }
        // A server that ignores stream answers with JSON: read it like any reply (lua-parity.md I132).
        return SessionEngine.isStreamBody(response) ? new ChatReply(stream.message(), stream.usage(),
                stream.finishReason(), null) : ChatReplies.parse(response.body());
    }

    private void add(Object message, String where) {
        engine.lock();
        try {
            JsonNode node = Json.toTree(message, where);
            MessageValidator.validate(node, where);
            engine.add(node);
        } finally {
            engine.unlock();
        }
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Saves the session (options, history, usage totals) to a JSON file, atomically: a crash
     * mid-write leaves the previous file intact. Tool functions and the window policy are code,
     * not data, and are not saved.
     *
     * @throws IOException when the file cannot be written
     */
    public void save(Path file) throws IOException {
        Objects.requireNonNull(file, "file == null");
        ObjectNode content = Json.object();
        engine.lock();
        try {
            content.set("options", options.deepCopy());
            ArrayNode messages = content.putArray("messages");
            engine.history().forEach(messages::add);
            content.set("usage", SessionFiles.usageJson(engine.usage()));
        } finally {
            engine.unlock();
        }
        SessionFiles.write(file, FILE_FORMAT, content);
    }

    /**
     * Loads a session saved by {@link #save(Path)}, bound to the given client.
     *
     * @throws SessionFileException when the file is cut short, not JSON, or not a chat session
     * @throws IOException when the file cannot be read
     */
    public static ChatSession load(Generation client, Path file) throws IOException {
        Objects.requireNonNull(client, "client == null");
        ObjectNode document = SessionFiles.read(Objects.requireNonNull(file, "file == null"), FILE_FORMAT);
        JsonNode options = SessionFiles.require(document, file, "options", false);
        JsonNode messages = SessionFiles.require(document, file, "messages", true);
        Map<String, Object> map = new LinkedHashMap<>();
        options.properties().forEach(e -> map.put(e.getKey(), e.getValue()));
        map.put("messages", messages);
        ChatSession session;
        try {
            session = new ChatSession(client, map);
        } catch (IllegalArgumentException e) {
            throw new SessionFileException(file, e.getMessage(), e);
        }
        session.engine.setUsage(SessionFiles.usage(document.path("usage"), file));
        return session;
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        options.fieldNames().forEachRemaining(names::add);
        return "ChatSession{messages=" + engine.history().size() + ", options=" + names + "}";
    }
}
