/**
 * Realtime sessions: voice and text conversations over one WebSocket, with the JDK's own
 * {@code java.net.http.WebSocket}. Open one with {@code client.realtime(model, options)}; read its
 * server events pulled ({@link io.github.javaopenai.realtime.RealtimeSession#events()}) or pushed
 * ({@link io.github.javaopenai.realtime.RealtimeSession#listen}); collect a reply's text, audio,
 * transcripts, function calls and usage with {@link io.github.javaopenai.realtime.RealtimeReply}.
 *
 * @since 0.1
 */
package io.github.javaopenai.realtime;
