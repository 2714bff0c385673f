/**
 * The client ({@link io.github.javaopenai.OpenAI}), its results and the value types users touch.
 *
 * <p>Everything here is immutable and thread-safe unless its class says otherwise; nothing
 * accepts or returns null unless its documentation says so.
 */
package io.github.javaopenai;
