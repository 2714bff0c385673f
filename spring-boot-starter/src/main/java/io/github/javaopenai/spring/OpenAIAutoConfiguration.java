package io.github.javaopenai.spring;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.opentelemetry.OpenTelemetryListener;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures an {@link OpenAI} client from the {@code openai.*} properties, with every
 * {@link OpenAIListener} bean registered on it, closed with the context. When
 * java-openai-opentelemetry is on the class path and the context has an {@link OpenTelemetry}
 * bean, an {@link OpenTelemetryListener} is registered too. Each bean backs off when the
 * application defines its own.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration",
        "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
        "org.springframework.boot.actuate.autoconfigure.tracing.OpenTelemetryTracingAutoConfiguration"})
@ConditionalOnClass(OpenAI.class)
@EnableConfigurationProperties(OpenAIProperties.class)
public class OpenAIAutoConfiguration {

    private static final String API_KEY_VARIABLE = "OPENAI_API_KEY";

    /** Builds the client from the properties, the listener beans and the customizer beans. */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public OpenAI openAI(OpenAIProperties properties, ObjectProvider<OpenAIListener> listeners,
            ObjectProvider<OpenAIBuilderCustomizer> customizers, Environment environment) {
        OpenAI.Builder builder = OpenAI.newBuilder();
        boolean openAi = true;
        if (hasText(properties.getProvider())) {
            Provider provider = Providers.byName(properties.getProvider().strip());
            builder.provider(provider);
            openAi = provider.name().equals(Providers.openAi().name());
        }
        if (hasText(properties.getApiKey())) {
            builder.apiKey(properties.getApiKey());
        } else if (openAi && hasText(environment.getProperty(API_KEY_VARIABLE))) {
            // Relaxed binding reads OPENAI_APIKEY, not the variable every OpenAI tool uses; and only
            // OpenAI gets it, so that a key meant for OpenAI never goes to another provider.
            builder.apiKey(environment.getProperty(API_KEY_VARIABLE));
        }
        if (hasText(properties.getBaseUrl())) {
            builder.baseUrl(properties.getBaseUrl());
        }
        if (hasText(properties.getDefaultModel())) {
            builder.defaultModel(properties.getDefaultModel());
        }
        builder.organization(properties.getOrganization()).project(properties.getProject());
        if (properties.getTimeout() != null) {
            builder.timeout(properties.getTimeout());
        }
        if (properties.getConnectTimeout() != null) {
            builder.connectTimeout(properties.getConnectTimeout());
        }
        if (properties.getStreamIdleTimeout() != null) {
            builder.streamIdleTimeout(properties.getStreamIdleTimeout());
        }
        if (properties.getCallTimeout() != null) {
            builder.callTimeout(properties.getCallTimeout());
        }
        if (properties.getMaxRetries() != null) {
            builder.maxRetries(properties.getMaxRetries());
        }
        properties.getHeaders().forEach(builder::header);
        builder.listenerContent(properties.isListenerContent());
        listeners.orderedStream().forEach(builder::listener);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder.build();
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    /** Traces and measures the client's calls when the application has OpenTelemetry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass({OpenTelemetryListener.class, OpenTelemetry.class})
    @ConditionalOnProperty(prefix = "openai.opentelemetry", name = "enabled", matchIfMissing = true)
    static class OpenTelemetryConfiguration {

        @Bean
        @ConditionalOnBean(OpenTelemetry.class)
        @ConditionalOnMissingBean
        OpenTelemetryListener openAIOpenTelemetryListener(OpenTelemetry openTelemetry, OpenAIProperties properties) {
            return OpenTelemetryListener.builder(openTelemetry)
                    .captureContent(properties.getOpentelemetry().isCaptureContent()).build();
        }
    }
}
