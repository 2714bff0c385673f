/**
 * Listeners that observe each call a client makes (its attempts, retries, stream and outcome)
 * with no new dependency: the hook for metrics, tracing and cost accounting.
 *
 * <p>Register one with {@link io.github.javaopenai.OpenAI.Builder#listener(OpenAIListener)}.
 * Events are redacted: they never carry the API key, and carry prompt or answer text only when
 * the client is built with {@link io.github.javaopenai.OpenAI.Builder#listenerContent(boolean)}.
 */
package io.github.javaopenai.listener;
