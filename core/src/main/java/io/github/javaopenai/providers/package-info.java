/**
 * Provider profiles: where an OpenAI-compatible server is, how it wants the key, and its default
 * models. {@link io.github.javaopenai.providers.Providers} holds presets for OpenAI, Gemini,
 * OpenRouter, Azure OpenAI, Groq, DeepSeek, Mistral and local servers (Ollama, vLLM, llama.cpp,
 * LM Studio). A profile is the one home of a client's defaults: {@code
 * OpenAI.create(Providers.gemini(), key)} builds a client as lua-openai's compat modules do.
 *
 * <p>Everything here is immutable and thread-safe.
 */
package io.github.javaopenai.providers;
