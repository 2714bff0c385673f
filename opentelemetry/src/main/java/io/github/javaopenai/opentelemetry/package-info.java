/**
 * Traces and measures java-openai calls with OpenTelemetry, following the GenAI semantic
 * conventions: {@link io.github.javaopenai.opentelemetry.OpenTelemetryListener}.
 */
package io.github.javaopenai.opentelemetry;
