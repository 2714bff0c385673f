/**
 * The pluggable HTTP layer: the {@link io.github.javaopenai.transport.Transport} interface, its
 * request and response values, and the default adapter over {@code java.net.http}.
 */
package io.github.javaopenai.transport;
