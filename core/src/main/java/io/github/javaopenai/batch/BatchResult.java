package io.github.javaopenai.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * Holds the result of one batch request, matched to its custom id.
 *
 * @param customId the id the request was submitted under
 * @param status the HTTP status the endpoint answered with, or 0 when the request never got an
 *     answer (it expired, or the batch was cancelled)
 * @param body the endpoint's answer, such as a chat completion; a missing node when there is none
 * @param error the batch-level error when the request could not be run; a missing node otherwise
 * @since 0.1
 */
public record BatchResult(String customId, int status, JsonNode body, JsonNode error) {

    /** Checks that every field is present. */
    public BatchResult {
        Objects.requireNonNull(customId, "customId == null");
        Objects.requireNonNull(body, "body == null");
        Objects.requireNonNull(error, "error == null");
    }

    /** Returns whether the endpoint answered 2xx and the batch reported no error. */
    public boolean isSuccess() {
        return status >= 200 && status < 300 && (error.isMissingNode() || error.isNull());
    }

    /** Reads one line of a batch output or error file. */
    static BatchResult fromLine(JsonNode line) {
        JsonNode response = line.path("response");
        return new BatchResult(line.path("custom_id").asText(), response.path("status_code").asInt(0),
                response.path("body"), line.path("error"));
    }
}
