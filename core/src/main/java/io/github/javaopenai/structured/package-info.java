/**
 * Structured outputs: strict JSON schemas generated from Java records
 * ({@link io.github.javaopenai.structured.JsonSchemas}), sent as a chat {@code response_format}
 * or a responses {@code text.format} ({@link io.github.javaopenai.structured.StructuredOutput}),
 * and replies parsed back into the record, or the model's refusal as a value
 * ({@link io.github.javaopenai.structured.StructuredResult}).
 *
 * <p>Everything here is immutable and thread-safe; nothing returns null unless its documentation
 * says so.
 */
package io.github.javaopenai.structured;
