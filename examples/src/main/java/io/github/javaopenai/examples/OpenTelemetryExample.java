package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.opentelemetry.OpenTelemetryListener;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Traces a chat call with OpenTelemetry: one span named {@code chat {model}} with the GenAI
 * attributes, printed here; a real application exports it with OTLP instead.
 */
public final class OpenTelemetryExample {

    private OpenTelemetryExample() {
    }

    /** Runs the example against the server the environment names. */
    public static void main(String[] args) {
        try (OpenAI client = OpenAI.fromEnv()) {
            run(client, System.out);
        }
    }

    static void run(OpenAI configured, PrintStream out) {
        try (OpenTelemetrySdk otel = OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(new PrintingExporter(out))).build()).build()) {
            OpenAI client = configured.toBuilder().listener(OpenTelemetryListener.create(otel)).build();
            client.createChatCompletion(List.of(Messages.user("Say hello")), Map.of("model", "gpt-4.1-mini"));
        }
    }

    /** Prints each finished span's name and GenAI attributes. */
    private record PrintingExporter(PrintStream out) implements SpanExporter {
        @Override
        public CompletableResultCode export(Collection<SpanData> spans) {
            for (SpanData span : spans) {
                out.println(span.getName());
                span.getAttributes().forEach((key, value) -> {
                    if (key.getKey().startsWith("gen_ai.")) {
                        out.println("  " + key.getKey() + " = " + value);
                    }
                });
            }
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode flush() {
            return CompletableResultCode.ofSuccess();
        }

        @Override
        public CompletableResultCode shutdown() {
            return CompletableResultCode.ofSuccess();
        }
    }
}
