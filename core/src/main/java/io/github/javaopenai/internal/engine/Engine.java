package io.github.javaopenai.internal.engine;

/**
 * One client's engine: its settings and the parts built from them, created together so that a
 * client and its areas share one requester, one async requester and one streaming path.
 */
public record Engine(ClientSettings settings, RetryClock clock, Requester requester, Streaming streaming,
        AsyncRequester async, Generation generation, Listeners listeners) {

    /** Builds the engine for the settings, timing and jittering retries with the clock. */
    public static Engine start(ClientSettings settings, RetryClock clock) {
        return start(settings, clock, Listeners.NONE);
    }

    /** Builds the engine for the settings, telling the listeners of every call. */
    public static Engine start(ClientSettings settings, RetryClock clock, Listeners listeners) {
        Requester requester = new Requester(settings, clock, listeners);
        Streaming streaming = new Streaming(requester, settings);
        AsyncRequester async = new AsyncRequester(requester, settings, clock);
        return new Engine(settings, clock, requester, streaming, async,
                new Generation(requester, streaming, async, settings.defaultModel()), listeners);
    }
}
