package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.internal.engine.Requester;
import java.util.Map;

/**
 * The Models API: the models the server offers.
 *
 * <p>Methods return the server's answer whatever its status, like the rest of the client. Obtain
 * one from {@code client.models()}; thread-safe.
 *
 * @since 0.1
 */
public final class Models {

    private final Requester requester;

    /** Creates the area; obtain one from {@code client.models()}. */
    public Models(Requester requester) {
        this.requester = requester;
    }

    /** Sends {@code GET /models}. */
    public ApiResponse list() {
        return requester.send("GET", "/models", null, Map.of());
    }

    /**
     * Sends {@code GET /models/{id}}.
     *
     * @throws IllegalArgumentException "model is required" when the id is null
     */
    public ApiResponse get(String model) {
        return requester.send("GET", "/models/" + RequestBodies.segment(model, "model"), null, Map.of());
    }

    /**
     * Sends {@code DELETE /models/{id}}, for a fine-tuned model of yours.
     *
     * @throws IllegalArgumentException "model is required" when the id is null
     */
    public ApiResponse delete(String model) {
        return requester.send("DELETE", "/models/" + RequestBodies.segment(model, "model"), null, Map.of());
    }

    @Override
    public String toString() {
        return "Models";
    }
}
