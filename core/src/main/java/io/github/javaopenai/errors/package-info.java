/**
 * The exceptions the library throws, all under
 * {@link io.github.javaopenai.errors.OpenAIException}. Messages never contain the API key.
 *
 * <ul>
 *   <li>{@link io.github.javaopenai.errors.ApiException}: the server answered with an error
 *       status; one subclass per status callers branch on (400, 401, 403, 404, 409, 422, 429,
 *       5xx).
 *   <li>{@link io.github.javaopenai.errors.ConnectionException}: the network failed before a
 *       complete answer arrived; {@link io.github.javaopenai.errors.ApiTimeoutException} when a
 *       wait ran out, {@link io.github.javaopenai.errors.ApiInterruptedException} when the calling
 *       thread was interrupted (its interrupt flag stays set).
 * </ul>
 */
package io.github.javaopenai.errors;
