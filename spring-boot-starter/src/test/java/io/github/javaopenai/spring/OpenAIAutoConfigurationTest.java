package io.github.javaopenai.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.opentelemetry.OpenTelemetryListener;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.testkit.FakeReply;
import io.opentelemetry.api.OpenTelemetry;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The auto-configured client, its listeners and its back-off, in application contexts. */
class OpenAIAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(OpenAIAutoConfiguration.class));
    private FakeOpenAI server;

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void buildsAWorkingClientFromNothingButProperties() {
        server.enqueue(FakeReply.text("Hello from properties"));
        runner.withPropertyValues("openai.api-key=sk-from-properties", "openai.base-url=" + server.baseUrl(),
                "openai.default-model=gpt-test", "openai.max-retries=5", "openai.timeout=42s",
                "openai.stream-idle-timeout=7s", "openai.call-timeout=2m", "openai.organization=org-1",
                "openai.project=proj-1", "openai.headers.X-Team=search").run(context -> {
                    OpenAI client = context.getBean(OpenAI.class);
                    assertThat(client.baseUrl()).isEqualTo(server.baseUrl());
                    assertThat(client.defaultModel()).isEqualTo("gpt-test");
                    assertThat(client.maxRetries()).isEqualTo(5);
                    assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(42));
                    assertThat(client.streamIdleTimeout()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(client.callTimeout()).hasValue(Duration.ofMinutes(2));
                    assertThat(client.createChatCompletion(List.of(Messages.user("Hi"))).outputText())
                            .isEqualTo("Hello from properties");
                    assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer sk-from-properties");
                    assertThat(server.lastRequest().header("OpenAI-Organization")).isEqualTo("org-1");
                    assertThat(server.lastRequest().header("OpenAI-Project")).isEqualTo("proj-1");
                    assertThat(server.lastRequest().header("X-Team")).isEqualTo("search");
                    assertThat(server.lastRequest().json().get("model").asText()).isEqualTo("gpt-test");
                });
    }

    @Test
    void theOllamaPresetNeedsNoKey() {
        runner.withPropertyValues("openai.provider=ollama").run(context -> {
            OpenAI client = context.getBean(OpenAI.class);
            assertThat(client.provider().name()).isEqualTo("ollama");
            assertThat(client.baseUrl()).isEqualTo("http://localhost:11434/v1");
            assertThat(client.defaultModel()).isEqualTo("llama3.2");
            assertThat(client.hasApiKey()).isFalse();
        });
    }

    @Test
    void theOpenAiApiKeyVariableIsUsedForOpenAiOnly() {
        runner.withPropertyValues("OPENAI_API_KEY=sk-from-environment").run(context ->
                assertThat(context.getBean(OpenAI.class).hasApiKey()).isTrue());
        runner.withPropertyValues("OPENAI_API_KEY=sk-from-environment", "openai.provider=ollama").run(context ->
                assertThat(context.getBean(OpenAI.class).hasApiKey()).isFalse());
    }

    @Test
    void aBaseUrlPropertyOverridesThePresetsOwn() {
        runner.withPropertyValues("openai.provider=ollama", "openai.base-url=" + server.baseUrl()).run(context -> {
            OpenAI client = context.getBean(OpenAI.class);
            assertThat(client.provider().name()).isEqualTo("ollama");
            assertThat(client.baseUrl()).isEqualTo(server.baseUrl());
        });
    }

    @Test
    void anUnknownProviderFailsStartupNamingIt() {
        runner.withPropertyValues("openai.provider=nonesuch").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("nonesuch");
        });
    }

    @Test
    void anApplicationsOwnClientWins() {
        runner.withBean(OpenAI.class, () -> OpenAI.newBuilder().baseUrl("http://127.0.0.1:9/own").build())
                .withPropertyValues("openai.base-url=" + server.baseUrl()).run(context -> {
                    assertThat(context).hasSingleBean(OpenAI.class);
                    assertThat(context.getBean(OpenAI.class).baseUrl()).isEqualTo("http://127.0.0.1:9/own");
                });
    }

    @Test
    void everyListenerBeanIsRegisteredOnTheClient() {
        server.enqueue(FakeReply.text("a"));
        Counting first = new Counting();
        Counting second = new Counting();
        runner.withPropertyValues("openai.base-url=" + server.baseUrl())
                .withBean("first", OpenAIListener.class, () -> first)
                .withBean("second", OpenAIListener.class, () -> second).run(context -> {
                    context.getBean(OpenAI.class).createChatCompletion(List.of(Messages.user("Hi")));
                    assertThat(first.finished).hasSize(1);
                    assertThat(second.finished).hasSize(1);
                });
    }

    @Test
    void theClientIsClosedWithTheContext() {
        OpenAI[] client = new OpenAI[1];
        runner.withPropertyValues("openai.base-url=" + server.baseUrl())
                .run(context -> client[0] = context.getBean(OpenAI.class));
        assertThatThrownBy(() -> client[0].createChatCompletion(List.of(Messages.user("Hi"))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOpenTelemetryBeanGetsTheOpenTelemetryListener() {
        runner.withBean(OpenTelemetry.class, OpenTelemetry::noop).run(context ->
                assertThat(context).hasSingleBean(OpenTelemetryListener.class));
    }

    @Test
    void withoutAnOpenTelemetryBeanNoListenerIsRegistered() {
        runner.run(context -> assertThat(context).doesNotHaveBean(OpenTelemetryListener.class)
                .hasSingleBean(OpenAI.class));
    }

    @Test
    void withoutTheOpenTelemetryModuleTheClientStillStarts() {
        runner.withClassLoader(new FilteredClassLoader(OpenTelemetryListener.class))
                .withBean(OpenTelemetry.class, OpenTelemetry::noop)
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(OpenAI.class)
                        .doesNotHaveBean(OpenTelemetryListener.class));
    }

    @Test
    void theOpenTelemetryListenerCanBeSwitchedOffOrReplaced() {
        runner.withBean(OpenTelemetry.class, OpenTelemetry::noop)
                .withPropertyValues("openai.opentelemetry.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(OpenTelemetryListener.class));
        OpenTelemetryListener own = OpenTelemetryListener.create(OpenTelemetry.noop());
        runner.withBean(OpenTelemetry.class, OpenTelemetry::noop).withBean(OpenTelemetryListener.class, () -> own)
                .run(context -> assertThat(context.getBean(OpenTelemetryListener.class)).isSameAs(own));
    }

    @Test
    void customizersAdjustTheBuilderAfterTheProperties() {
        runner.withPropertyValues("openai.default-model=from-properties")
                .withBean(OpenAIBuilderCustomizer.class, () -> builder -> builder.defaultModel("from-customizer"))
                .run(context -> assertThat(context.getBean(OpenAI.class).defaultModel()).isEqualTo("from-customizer"));
    }

    @Test
    void theApiKeyNeverShowsInTheClientOrThePropertiesText() {
        runner.withPropertyValues("openai.api-key=sk-never-shown").run(context -> {
            assertThat(context.getBean(OpenAI.class).toString()).doesNotContain("sk-never-shown");
            assertThat(context.getBean(OpenAIProperties.class).toString()).doesNotContain("sk-never-shown");
        });
    }

    @Test
    void configurationMetadataDescribesThePropertiesForIdes() throws Exception {
        String metadata;
        try (InputStream in = OpenAIProperties.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String property : List.of("openai.api-key", "openai.base-url", "openai.provider", "openai.organization",
                "openai.project", "openai.timeout", "openai.max-retries", "openai.default-model",
                "openai.opentelemetry.capture-content")) {
            assertThat(metadata).contains("\"name\": \"" + property + "\"");
        }
        assertThat(metadata).contains("Provider preset");
    }

    /** Counts finished calls. */
    static final class Counting implements OpenAIListener {
        final List<String> finished = new CopyOnWriteArrayList<>();

        @Override
        public void onFinish(Call call, CallResult result) {
            finished.add(call.operation());
        }
    }
}
