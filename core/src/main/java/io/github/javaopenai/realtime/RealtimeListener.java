package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.RealtimeErrorException;

/**
 * Receives a realtime session's server events, pushed: see {@link RealtimeSession#listen}. The
 * methods run one at a time on the session's own event thread, never on the HTTP client's threads.
 *
 * @since 0.1
 */
@FunctionalInterface
public interface RealtimeListener {

    /** Receives a server event other than {@code error}. */
    void onEvent(JsonNode event);

    /** Receives an {@code error} event; the session stays open. By default does nothing. */
    default void onError(RealtimeErrorException error) {
    }

    /**
     * Called once when the events end: with null when this side closed the session, or with why
     * they ended (a {@link io.github.javaopenai.errors.RealtimeClosedException} for a close by the
     * server or a lost connection, a timeout, or what a listener method threw). By default does nothing.
     */
    default void onClose(RuntimeException failure) {
    }
}
