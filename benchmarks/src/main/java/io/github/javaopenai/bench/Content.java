package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;

/** Counts the content characters in chat JSON, the same way for every Jackson-based client. */
final class Content {

    private Content() {
    }

    /** Returns the length of {@code choices[0].delta.content} of a chunk, 0 when absent. */
    static long ofChunk(JsonNode chunk) {
        String content = chunk.path("choices").path(0).path("delta").path("content").textValue();
        return content == null ? 0 : content.length();
    }

    /** Returns the length of {@code choices[0].message.content} of a completion, 0 when absent. */
    static long ofCompletion(JsonNode completion) {
        String content = completion.path("choices").path(0).path("message").path("content").textValue();
        return content == null ? 0 : content.length();
    }
}
