package io.github.javaopenai;

import io.github.javaopenai.internal.engine.RetryClock;

/** Gives tests in other packages the client's test-only settings. */
public final class TestClients {

    private TestClients() {
    }

    /** Returns a copy of the client that times, waits and jitters its retries with the given clock. */
    public static OpenAI withRetryClock(OpenAI client, RetryClock clock) {
        return client.withRetryClock(clock);
    }
}
