package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Log;
import io.github.javaopenai.listener.OpenAIListener;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A client's listeners and the one place the engine starts observing a call. With no listener,
 * {@link #start} returns null and the engine does no other work for them.
 */
public final class Listeners {

    /** No listener: nothing is observed. */
    public static final Listeners NONE = new Listeners(List.of(), false);

    private final List<OpenAIListener> all;
    private final boolean content;
    private final Set<OpenAIListener> warned = ConcurrentHashMap.newKeySet();

    public Listeners(List<OpenAIListener> all, boolean content) {
        this.all = List.copyOf(all);
        this.content = content;
    }

    /** Returns the listeners, in the order they were added. */
    public List<OpenAIListener> all() {
        return all;
    }

    /** Returns whether the listeners may see prompt and answer text. */
    public boolean content() {
        return content;
    }

    public boolean isEmpty() {
        return all.isEmpty();
    }

    /**
     * Starts observing a call and tells the listeners, or returns null when there are none: every
     * hook in the engine is guarded by that null.
     */
    CallObservation start(String method, String path, JsonNode body, boolean streaming, String provider,
            java.net.URI server) {
        if (all.isEmpty()) {
            return null;
        }
        CallObservation call = new CallObservation(this, method, path, body, streaming, provider, server);
        call.started();
        return call;
    }

    /** Runs the callback on each listener; one that throws is logged once and skipped. */
    void each(Consumer<OpenAIListener> callback) {
        for (OpenAIListener listener : all) {
            try {
                callback.accept(listener);
            } catch (RuntimeException e) {
                if (warned.add(listener)) {
                    Log.shared().log(Level.WARNING, () -> "Listener " + listener.getClass().getName()
                            + " threw " + e + "; the call goes on (logged once per listener)");
                }
            }
        }
    }
}
