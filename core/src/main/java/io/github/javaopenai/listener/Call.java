package io.github.javaopenai.listener;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One call a client makes, as its listeners see it: the same instance for every callback of that
 * call, so a listener can keep its own state on it with {@link #attribute}.
 *
 * @since 0.1
 */
public interface Call {

    /**
     * Returns what the call does, from its path: {@code chat} for chat completions, and otherwise
     * the first path segment: {@code responses}, {@code embeddings}, {@code completions},
     * {@code moderations}, {@code images}, {@code audio}, {@code files}...
     */
    String operation();

    /** Returns the model the request names, or null when it names none. */
    String requestModel();

    /** Returns the HTTP method. */
    String method();

    /** Returns the path below the base URL, such as {@code /chat/completions}. */
    String path();

    /**
     * Returns the host of the base URL the call goes to, such as {@code api.openai.com}, or null
     * when the observer does not know it.
     *
     * @since 0.1
     */
    default String serverAddress() {
        return null;
    }

    /**
     * Returns the port of the base URL the call goes to: the URL's own, else 443 for https and 80
     * for http; -1 when the observer does not know it.
     *
     * @since 0.1
     */
    default int serverPort() {
        return -1;
    }

    /** Returns whether the request asks for a stream of events. */
    boolean streaming();

    /** Returns the {@link System#nanoTime()} at which the call started. */
    long startNanos();

    /** Returns the name of the provider profile the client uses, such as {@code openai} or {@code ollama}. */
    String provider();

    /**
     * Returns the request body, with the prompt, only when the client was built with
     * {@code listenerContent(true)}; empty otherwise.
     */
    Optional<JsonNode> requestBody();

    /**
     * Adds a header to every attempt of this call; only during {@link OpenAIListener#onRequestStart}.
     *
     * @throws IllegalStateException after the request start
     * @throws IllegalArgumentException for a credential header, which a listener may not change
     */
    void setRequestHeader(String name, String value);

    /** Returns the value a listener stored under {@code key} for this call, or null. */
    Object attribute(Object key);

    /** Stores a value for this call under {@code key}, such as a listener's span. */
    void setAttribute(Object key, Object value);
}
