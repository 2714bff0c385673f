/**
 * The entry point: the client {@link io.github.javaopenai.OpenAI} and its builder, alone on top of
 * the other packages (see docs/ARCHITECTURE.md). Results are in {@code core}, the API areas in
 * {@code endpoints} and {@code sessions}, exceptions in {@code errors}.
 *
 * <p>Everything here is immutable and thread-safe; nothing accepts or returns null unless its
 * documentation says so.
 */
package io.github.javaopenai;
