/**
 * Compares java-openai with the official OpenAI Java SDK and with the raw JDK floor (the JDK
 * {@code HttpClient} plus one Jackson {@code readTree} per event), against a loopback server.
 *
 * <p>{@link io.github.javaopenai.bench.Harness} runs every scenario and writes
 * {@code docs/BENCHMARKS.md}; {@link io.github.javaopenai.bench.StreamingBenchmark} is the JMH
 * benchmark of streaming per event. {@code scripts/bench} runs both. Nothing here is published.
 */
package io.github.javaopenai.bench;
