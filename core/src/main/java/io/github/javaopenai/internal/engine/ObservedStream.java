package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.transport.TransportResponse;
import java.util.concurrent.CompletableFuture;

/** A publisher subscription whose attempts, events and end the listeners hear of, as a pull stream's. */
final class ObservedStream implements EventPublisher.Opener {

    private final CallObservation observation;
    private final EventPublisher.Opener attempts; // opens each attempt; its own hooks are unused

    ObservedStream(CallObservation observation, EventPublisher.Opener attempts) {
        this.observation = observation;
        this.attempts = attempts;
    }

    @Override
    public CompletableFuture<TransportResponse> open(int retry, RuntimeException failure) {
        return attempts.open(retry, failure);
    }

    @Override
    public void event(JsonNode event) {
        observation.event(event);
    }

    @Override
    public void whole(ApiResponse answer) {
        observation.finish(answer);
    }

    @Override
    public void ended(Throwable failure) {
        if (failure == null) {
            observation.streamEnded(null);
        } else {
            observation.fail(failure);
        }
    }
}
