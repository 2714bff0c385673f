package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.util.Objects;

/**
 * Holds one request of a batch: the id its result comes back under, the endpoint and the body.
 *
 * @param customId the caller's id for this request, unique within the batch
 * @param url the endpoint, such as {@code /v1/chat/completions}; the same for every request of a batch
 * @param body the request body, exactly as the endpoint takes it (the model included)
 * @since 0.1
 */
public record BatchRequest(String customId, String url, JsonNode body) {

    /** The Chat Completions endpoint as a batch names it. */
    public static final String CHAT_COMPLETIONS = "/v1/chat/completions";
    /** The Responses endpoint as a batch names it. */
    public static final String RESPONSES = "/v1/responses";
    /** The Embeddings endpoint as a batch names it. */
    public static final String EMBEDDINGS = "/v1/embeddings";

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when the custom id is blank, the url does not start with
     *     {@code /v1/}, or the body is not a JSON object
     */
    public BatchRequest {
        Objects.requireNonNull(customId, "customId == null");
        Objects.requireNonNull(url, "url == null");
        Objects.requireNonNull(body, "body == null");
        if (customId.isBlank()) {
            throw new IllegalArgumentException("customId is blank");
        }
        if (!url.startsWith("/v1/")) {
            throw new IllegalArgumentException("url must start with /v1/: \"" + url + "\"");
        }
        if (!body.isObject()) {
            throw new IllegalArgumentException("body of \"" + customId + "\" must be a JSON object");
        }
    }

    /** Returns a request to any endpoint; the body may be a map, a JSON node or a record. */
    public static BatchRequest of(String customId, String url, Object body) {
        return new BatchRequest(customId, url, Json.toTree(body, "body of \"" + customId + "\""));
    }

    /** Returns a {@code /v1/chat/completions} request with a body such as {@code {model, messages}}. */
    public static BatchRequest chat(String customId, Object body) {
        return of(customId, CHAT_COMPLETIONS, body);
    }

    /** Returns a {@code /v1/responses} request with a body such as {@code {model, input}}. */
    public static BatchRequest responses(String customId, Object body) {
        return of(customId, RESPONSES, body);
    }

    /** Returns a {@code /v1/embeddings} request with a body such as {@code {model, input}}. */
    public static BatchRequest embeddings(String customId, Object body) {
        return of(customId, EMBEDDINGS, body);
    }
}
