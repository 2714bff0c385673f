/**
 * java-openai: a small client for the OpenAI HTTP API and every server that speaks it.
 *
 * <p>Only API packages are exported; {@code io.github.javaopenai.internal} and
 * {@code io.github.javaopenai.internal.engine} are not.
 */
module io.github.javaopenai {
    requires transitive com.fasterxml.jackson.databind;
    requires java.net.http;
    requires com.github.victools.jsonschema.generator;
    requires com.github.victools.jsonschema.module.jackson;

    exports io.github.javaopenai;
    exports io.github.javaopenai.core;
    exports io.github.javaopenai.listener;
    exports io.github.javaopenai.endpoints;
    exports io.github.javaopenai.sessions;
    exports io.github.javaopenai.errors;
    exports io.github.javaopenai.providers;
    exports io.github.javaopenai.realtime;
    exports io.github.javaopenai.sse;
    exports io.github.javaopenai.structured;
    exports io.github.javaopenai.transport;
    exports io.github.javaopenai.batch;
    exports io.github.javaopenai.webhooks;
}
