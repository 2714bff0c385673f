/**
 * lua-openai's Gemini examples as Java programs: chat, embeddings and structured output through
 * Gemini's OpenAI-compatible endpoint, with the key in {@code GEMINI_API_KEY}.
 */
package io.github.javaopenai.examples.gemini;
