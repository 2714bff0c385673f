/**
 * OpenTelemetry GenAI spans and metrics for java-openai:
 * {@link io.github.javaopenai.opentelemetry.OpenTelemetryListener}.
 */
@SuppressWarnings("requires-transitive-automatic") // the OpenTelemetry API jars are automatic modules
module io.github.javaopenai.opentelemetry {
    requires transitive io.github.javaopenai;
    requires transitive io.opentelemetry.api;
    requires transitive io.opentelemetry.context;

    exports io.github.javaopenai.opentelemetry;
}
