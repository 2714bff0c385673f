/**
 * Verifies and parses the webhook requests OpenAI sends when a batch, response or job finishes:
 * {@link io.github.javaopenai.webhooks.WebhookVerifier} and
 * {@link io.github.javaopenai.webhooks.WebhookEvent}.
 */
package io.github.javaopenai.webhooks;
