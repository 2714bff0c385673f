/**
 * Runnable programs, one per example of the lua-openai README and per kind of lua-openai example.
 * Each reads {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL} through {@code OpenAI.fromEnv()},
 * and keeps its work in a {@code run(OpenAI, PrintStream)} method that the tests call against the
 * embedded server.
 */
package io.github.javaopenai.examples;
