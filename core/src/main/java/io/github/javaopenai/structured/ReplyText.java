package io.github.javaopenai.structured;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;

/** Finds the JSON text, or the refusal, in a chat completion or a response. */
record ReplyText(String text, String refusal, String unfinishedReason) {

    /** Reads {@code choices[0].message}: its {@code refusal} or its {@code content}. */
    static ReplyText ofChatCompletion(ApiResponse response) {
        requireSuccess(response, "POST /chat/completions");
        JsonNode choice = response.body().path("choices").path(0);
        JsonNode message = choice.path("message");
        if (message.isMissingNode()) {
            throw failure(response, "the reply has no choices[0].message");
        }
        String finish = choice.path("finish_reason").asText("stop");
        return new ReplyText(textOrNull(message.get("content")), textOrNull(message.get("refusal")),
                "stop".equals(finish) ? null : "finish_reason \"" + finish + "\"");
    }

    /** Reads the {@code output_text} and {@code refusal} parts of every message item in {@code output}. */
    static ReplyText ofResponse(ApiResponse response) {
        requireSuccess(response, "POST /responses");
        JsonNode body = response.body();
        if (!body.path("output").isArray()) {
            throw failure(response, "the reply has no output array");
        }
        StringBuilder text = new StringBuilder();
        StringBuilder refusal = new StringBuilder();
        boolean sawText = false;
        for (JsonNode item : body.get("output")) {
            if (!"message".equals(item.path("type").asText())) {
                continue;
            }
            for (JsonNode part : item.path("content")) {
                switch (part.path("type").asText()) {
                    case "output_text" -> {
                        text.append(part.path("text").asText());
                        sawText = true;
                    }
                    case "refusal" -> refusal.append(part.path("refusal").asText());
                    default -> { }
                }
            }
        }
        String status = body.path("status").asText("completed");
        String unfinished = "incomplete".equals(status)
                ? "status \"incomplete\" (" + body.path("incomplete_details").path("reason").asText("no reason") + ")"
                : null;
        return new ReplyText(sawText ? text.toString() : null, refusal.length() > 0 ? refusal.toString() : null,
                unfinished);
    }

    /** Returns the text, or throws saying why there is none. */
    String requireText(ApiResponse response) {
        if (text == null) {
            throw failure(response, "the reply has no content"
                    + (unfinishedReason == null ? "" : " (" + unfinishedReason + ")"));
        }
        return text;
    }

    static StructuredOutputException failure(ApiResponse response, String message) {
        return new StructuredOutputException(message, null, response, null);
    }

    private static void requireSuccess(ApiResponse response, String request) {
        response.orThrow(request);
    }

    private static String textOrNull(JsonNode node) {
        return node != null && node.isTextual() ? node.textValue() : null;
    }
}
