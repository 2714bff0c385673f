/**
 * The {@code java-openai} command line: chat (one-shot, interactive, resumable sessions), models,
 * embeddings, moderation, files, images, batches and a demo of every lua-openai README example.
 * With no API key it runs against the embedded offline server from the testkit.
 */
package io.github.javaopenai.cli;
