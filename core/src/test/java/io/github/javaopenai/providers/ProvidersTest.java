package io.github.javaopenai.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void presetsPointAtTheProvidersDocumentedBaseUrls() {
        assertThat(Providers.openAi().baseUrl()).isEqualTo("https://api.openai.com/v1");
        assertThat(Providers.gemini().baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/openai");
        assertThat(Providers.openRouter().baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(Providers.groq().baseUrl()).isEqualTo("https://api.groq.com/openai/v1");
        assertThat(Providers.deepSeek().baseUrl()).isEqualTo("https://api.deepseek.com");
        assertThat(Providers.mistral().baseUrl()).isEqualTo("https://api.mistral.ai/v1");
        assertThat(Providers.ollama().baseUrl()).isEqualTo("http://localhost:11434/v1");
        assertThat(Providers.vllm().baseUrl()).isEqualTo("http://localhost:8000/v1");
        assertThat(Providers.llamaCpp().baseUrl()).isEqualTo("http://localhost:8080/v1");
        assertThat(Providers.lmStudio().baseUrl()).isEqualTo("http://localhost:1234/v1");
    }

    @Test
    void azureBuildsTheDeploymentUrlWithApiVersionQueryAndApiKeyHeader() {
        Provider azure = Providers.azure("contoso", "gpt-4o", "2024-10-21");
        assertThat(azure.baseUrl()).isEqualTo("https://contoso.openai.azure.com/openai/deployments/gpt-4o");
        assertThat(azure.queryParameters()).containsExactly(Map.entry("api-version", "2024-10-21"));
        assertThat(azure.auth()).isEqualTo(Auth.header("api-key"));
        assertThat(azure.defaultModel()).isEqualTo("gpt-4o");
    }

    @Test
    void azureV1HasNoVersionAndNoDefaultModel() {
        Provider v1 = Providers.azureV1("contoso");
        assertThat(v1.baseUrl()).isEqualTo("https://contoso.openai.azure.com/openai/v1");
        assertThat(v1.queryParameters()).isEmpty();
        assertThat(v1.defaultModel()).isNull();
        assertThat(v1.supports(Capability.RESPONSES)).isTrue();
    }

    @Test
    void azureRejectsValuesThatWouldChangeTheUrl() {
        assertThatThrownBy(() -> Providers.azure("evil.com/x", "dep", "2024-10-21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Azure resource name")
                .hasMessageContaining("evil.com/x");
        assertThatThrownBy(() -> Providers.azure("res", "../admin", "2024-10-21"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deployment");
        assertThatThrownBy(() -> Providers.azure("res", "dep", "2024&x=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("apiVersion");
        assertThatThrownBy(() -> Providers.azureV1(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Azure resource name");
    }

    @Test
    void byNameIgnoresCaseAndPunctuation() {
        assertThat(Providers.byName("Gemini")).isEqualTo(Providers.gemini());
        assertThat(Providers.byName("lm-studio")).isEqualTo(Providers.lmStudio());
        assertThat(Providers.byName("llama.cpp")).isEqualTo(Providers.llamaCpp());
        assertThat(Providers.byName("OPEN_ROUTER")).isEqualTo(Providers.openRouter());
        assertThat(Providers.byName("deepseek").name()).isEqualTo("deepseek");
    }

    @Test
    void byNameExplainsThatAzureNeedsItsResource() {
        assertThatThrownBy(() -> Providers.byName("azure")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Providers.azure(resource, deployment, apiVersion)");
    }

    @Test
    void capabilitiesAreInformationPerProvider() {
        assertThat(Providers.openAi().capabilities()).containsExactlyInAnyOrder(Capability.values());
        assertThat(Providers.gemini().supports(Capability.EMBEDDINGS)).isTrue();
        assertThat(Providers.gemini().supports(Capability.RESPONSES)).isFalse();
        assertThat(Providers.deepSeek().supports(Capability.STRUCTURED_OUTPUTS)).isFalse();
        assertThat(Providers.groq().supports(Capability.EMBEDDINGS)).isFalse();
    }

    @Test
    void withCopiesLeaveTheOriginalUnchanged() {
        Provider original = Providers.mistral();
        Provider changed = original.withHeader("X-A", "1").withQueryParameter("q", "2").withDefaultModel("m")
                .withDefaultEmbeddingModel(null).withAuth(Auth.none()).withCapabilities(List.of(Capability.MODELS));
        assertThat(original).isEqualTo(Providers.mistral());
        assertThat(changed.headers()).containsExactly(Map.entry("X-A", "1"));
        assertThat(changed.queryParameters()).containsExactly(Map.entry("q", "2"));
        assertThat(changed.defaultModel()).isEqualTo("m");
        assertThat(changed.defaultEmbeddingModel()).isNull();
        assertThat(changed.auth()).isEqualTo(Auth.none());
        assertThat(changed.capabilities()).containsExactly(Capability.MODELS);
    }

    @Test
    void constructorCopiesTheCallersMaps() {
        Map<String, String> headers = new HashMap<>(Map.of("X-A", "1"));
        Provider provider = new Provider("p", "http://localhost/v1", Auth.bearer(), headers, Map.of(), null, null,
                java.util.Set.of());
        headers.put("X-B", "2");
        assertThat(provider.headers()).containsOnlyKeys("X-A");
        assertThatThrownBy(() -> provider.headers().put("X-C", "3")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void customProvidersStartFromOf() {
        Provider custom = Provider.of("together", "https://api.together.xyz/v1").withDefaultModel("meta-llama/x");
        assertThat(custom.auth()).isEqualTo(Auth.bearer());
        assertThat(custom.capabilities()).isEmpty();
        assertThat(custom.defaultModel()).isEqualTo("meta-llama/x");
        assertThatThrownBy(() -> Provider.of(" ", "http://x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("provider name is blank");
    }

    @Test
    void keyHeaderNamesMustBeValidHeaderNames() {
        assertThatThrownBy(() -> Auth.header("api key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid header name: \"api key\"");
    }

    @Test
    void bearerTokenToStringNeverShowsTheToken() {
        Auth auth = Auth.bearerToken(() -> "secret-token");
        assertThat(auth.toString()).doesNotContain("secret-token");
        assertThat(((Auth.BearerToken) auth).token()).isEqualTo("secret-token");
        assertThatThrownBy(() -> ((Auth.BearerToken) Auth.bearerToken(() -> " ")).token())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("blank token");
    }
}
