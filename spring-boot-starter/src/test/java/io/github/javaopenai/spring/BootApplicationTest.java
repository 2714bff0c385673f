package io.github.javaopenai.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.testkit.FakeReply;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** A real Boot application, started the way users start theirs, talking to FakeOpenAI. */
class BootApplicationTest {

    static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class Application {

        @Bean(destroyMethod = "close")
        OpenTelemetrySdk openTelemetry() {
            return OpenTelemetrySdk.builder().setTracerProvider(SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(SPANS)).build())
                    .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        }
    }

    @Test
    void aBootApplicationGetsATracedClientFromItsProperties() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            server.enqueue(FakeReply.text("Hello, Boot"));
            SpringApplication application = new SpringApplication(Application.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            try (ConfigurableApplicationContext context = application.run("--openai.provider=ollama",
                    "--openai.base-url=" + server.baseUrl(), "--openai.default-model=llama-test")) {
                OpenAI client = context.getBean(OpenAI.class);
                assertThat(context.getBean(OpenTelemetry.class)).isInstanceOf(OpenTelemetrySdk.class);
                assertThat(client.createChatCompletion(List.of(Messages.user("Hi"))).outputText())
                        .isEqualTo("Hello, Boot");
                assertThat(server.lastRequest().header("Authorization")).isNull();
                assertThat(server.lastRequest().header("traceparent")).startsWith("00-");
                // Checked before the context closes: closing the SDK shuts the exporter, which forgets its spans.
                assertThat(SPANS.getFinishedSpanItems()).extracting(SpanData::getName)
                        .containsExactly("chat llama-test");
            }
        }
    }
}
