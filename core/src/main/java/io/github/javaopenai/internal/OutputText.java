package io.github.javaopenai.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the text a model wrote out of a response body, as openai-python's
 * {@code response.output_text} does: for a Responses API response, the {@code output_text} parts
 * of its {@code message} items, joined; for a chat completion, the first choice's message
 * content. Refusals, tool calls and reasoning are not text and give {@code ""}.
 */
public final class OutputText {

    private OutputText() {
    }

    /** Returns whether the body has the shape of a Responses API response or a chat completion. */
    public static boolean isReadable(JsonNode body) {
        return body.path("output").isArray() || body.path("choices").isArray();
    }

    /** Returns the text of a body for which {@link #isReadable(JsonNode)} holds. */
    public static String of(JsonNode body) {
        return body.path("output").isArray() ? ofResponse(body) : ofChatCompletion(body);
    }

    /** Joins the {@code output_text} parts of the {@code message} items; empty when there is none. */
    public static String ofResponse(JsonNode response) {
        StringBuilder text = new StringBuilder();
        for (JsonNode item : response.path("output")) {
            if (!"message".equals(item.path("type").asText(null))) {
                continue;
            }
            for (JsonNode part : item.path("content")) {
                if ("output_text".equals(part.path("type").asText(null)) && part.path("text").isTextual()) {
                    text.append(part.get("text").textValue());
                }
            }
        }
        return text.toString();
    }

    /** Returns choice 0's message content when it is a string; empty otherwise. */
    public static String ofChatCompletion(JsonNode completion) {
        JsonNode content = completion.path("choices").path(0).path("message").path("content");
        return content.isTextual() ? content.textValue() : "";
    }
}
