/**
 * Runs large jobs on OpenAI's Batch service: {@link io.github.javaopenai.batch.BatchJob} writes,
 * uploads, waits for and collects a batch of chat, responses or embeddings requests, and can be
 * resumed by batch id after a restart.
 */
package io.github.javaopenai.batch;
