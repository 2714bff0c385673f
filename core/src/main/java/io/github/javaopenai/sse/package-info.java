/**
 * Decodes server-sent event streams, the wire format of every streaming OpenAI endpoint.
 *
 * <p>{@link io.github.javaopenai.sse.SseDecoder} turns bytes into {@link
 * io.github.javaopenai.sse.SseEvent events} by the parsing rules of the WHATWG HTML standard
 * (section "Server-sent events"), with one deliberate difference: an event still in flight when
 * the stream ends is delivered rather than dropped. {@link io.github.javaopenai.sse.SseEventReader}
 * pulls events from an {@code InputStream} through a fixed-size buffer. Memory use is bounded by
 * the largest single event, never by the length of the stream, and an event larger than the
 * configured cap raises {@link io.github.javaopenai.sse.SseException}.
 *
 * <p>The package knows nothing about JSON: an event's data is handed over as text.
 */
package io.github.javaopenai.sse;
