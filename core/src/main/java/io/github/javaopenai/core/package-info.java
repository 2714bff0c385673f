/**
 * The results calls produce and the values they take: {@link io.github.javaopenai.core.ApiResponse},
 * {@link io.github.javaopenai.core.EventStream}, {@link io.github.javaopenai.core.Usage}, the
 * stream accumulators and {@link io.github.javaopenai.core.Messages}.
 *
 * <p>Everything here is immutable and thread-safe unless its class says otherwise.
 */
package io.github.javaopenai.core;
