/**
 * Chat sessions that keep the history for you: {@link io.github.javaopenai.sessions.ChatSession}
 * over Chat Completions, {@link io.github.javaopenai.sessions.ResponsesChatSession} over the
 * Responses API, and the tool loop, functions and history windows they use.
 */
package io.github.javaopenai.sessions;
