package io.github.javaopenai.structured;

import io.github.javaopenai.core.ApiResponse;
import java.util.Objects;

/**
 * Holds the outcome of a structured request: the reply parsed into the requested type, or the
 * model's refusal to answer, which strict structured outputs report instead of content.
 *
 * <pre>{@code
 * StructuredResult<Person> result = client.parseChatCompletion(messages, Map.of(), Person.class);
 * if (result instanceof StructuredResult.Refused<Person> refused) {
 *     System.out.println("refused: " + refused.refusal());
 * } else {
 *     Person person = result.orElseThrow();
 * }
 * }</pre>
 *
 * @param <T> the requested type
 * @since 0.1
 */
public sealed interface StructuredResult<T> permits StructuredResult.Parsed, StructuredResult.Refused {

    /** Returns the server's response the result was read from. */
    ApiResponse response();

    /** Returns whether the model refused to answer. */
    boolean isRefusal();

    /**
     * Returns the parsed value.
     *
     * @throws StructuredOutputException quoting the refusal when the model refused
     */
    T orElseThrow();

    /**
     * Holds a reply parsed into the requested type.
     *
     * @param value the parsed value
     * @param response the server's response
     * @param <T> the requested type
     */
    record Parsed<T>(T value, ApiResponse response) implements StructuredResult<T> {
        /** Checks that both are present. */
        public Parsed {
            Objects.requireNonNull(value, "value == null");
            Objects.requireNonNull(response, "response == null");
        }

        @Override
        public boolean isRefusal() {
            return false;
        }

        @Override
        public T orElseThrow() {
            return value;
        }
    }

    /**
     * Holds the model's refusal.
     *
     * @param refusal the model's explanation of why it would not answer
     * @param response the server's response
     * @param <T> the requested type
     */
    record Refused<T>(String refusal, ApiResponse response) implements StructuredResult<T> {
        /** Checks that both are present. */
        public Refused {
            Objects.requireNonNull(refusal, "refusal == null");
            Objects.requireNonNull(response, "response == null");
        }

        @Override
        public boolean isRefusal() {
            return true;
        }

        @Override
        public T orElseThrow() {
            throw new StructuredOutputException("the model refused: " + refusal, null, response, null);
        }
    }
}
