package io.github.javaopenai.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;

/** Signals that the server answered with an error status; its message is what the user sees. */
final class ApiFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ApiFailure(String message) {
        super(message);
    }

    /** Returns the body of a successful answer, or throws with the API's error in lua-openai's words. */
    static JsonNode check(ApiResponse response) {
        if (response.isSuccess()) {
            return response.body();
        }
        throw new ApiFailure(describe(response));
    }

    /** Returns the failure of a session request, with the API's error text even where lua-openai leaves it out. */
    static ApiFailure of(io.github.javaopenai.errors.SessionException e) {
        if (e.status() == 200) {
            return new ApiFailure(e.getMessage());
        }
        return new ApiFailure(describe(new ApiResponse(e.status(), e.rawBody(), io.github.javaopenai.transport.Headers.empty())));
    }

    /** Returns the failure of a session request the server refused, with the API's error text. */
    static ApiFailure of(io.github.javaopenai.errors.ApiException e) {
        return new ApiFailure(describe(new ApiResponse(e.status(), e.body(), e.headers())));
    }

    static String describe(ApiResponse response) {
        JsonNode error = response.body().path("error");
        StringBuilder message = new StringBuilder("Bad status: ").append(response.status());
        if (error.path("message").isTextual()) {
            message.append(": ").append(error.get("message").textValue());
            JsonNode code = error.path("code");
            if (code.isTextual() || code.isNumber()) { // llama.cpp and vLLM send the status as a number
                message.append(" (").append(code.asText()).append(')');
            }
        } else if (response.body().isTextual() && !response.bodyText().isBlank()) {
            String text = response.bodyText().strip();
            message.append(": ").append(text.length() > 200 ? text.substring(0, 200) + "..." : text);
        }
        return message.toString();
    }
}
