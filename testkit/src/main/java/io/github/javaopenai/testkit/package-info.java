/**
 * Test support for java-openai: {@link io.github.javaopenai.testkit.FakeOpenAI}, an embedded
 * server that speaks the OpenAI wire format on a loopback port, and
 * {@link io.github.javaopenai.testkit.RecordingTransport} /
 * {@link io.github.javaopenai.testkit.ReplayTransport}, which record real exchanges to a fixture
 * file and serve them back offline.
 */
package io.github.javaopenai.testkit;
