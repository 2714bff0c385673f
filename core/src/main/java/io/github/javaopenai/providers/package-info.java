/**
 * Provider profiles: where an OpenAI-compatible server is, how it wants the key, and its default
 * models. {@link io.github.javaopenai.providers.Providers} holds presets for OpenAI, Gemini,
 * OpenRouter, Azure OpenAI, Groq, DeepSeek, Mistral and local servers (Ollama, vLLM, llama.cpp,
 * LM Studio); {@link io.github.javaopenai.providers.Gemini} and
 * {@link io.github.javaopenai.providers.OpenRouter} build clients as lua-openai's compat modules
 * do.
 *
 * <p>Everything here is immutable and thread-safe.
 */
package io.github.javaopenai.providers;
