/**
 * A misbehaving HTTP server for testing how a client survives the network and the server:
 * {@link io.github.javaopenai.testkit.faults.FaultServer} answers each request with the next
 * scripted {@link io.github.javaopenai.testkit.faults.Fault}, and
 * {@link io.github.javaopenai.testkit.faults.Faults} holds the ready-made ones (rate limits,
 * resets, stalls, truncated or invalid bodies, huge bodies, slow headers, HTML error pages), and
 * realtime WebSockets that drop, close or hang mid-session.
 *
 * <p>The server listens on 127.0.0.1 only, on a free port, and speaks just enough HTTP/1.1 for
 * clients to reach it; it is for tests, never for production traffic.
 */
package io.github.javaopenai.testkit.faults;
