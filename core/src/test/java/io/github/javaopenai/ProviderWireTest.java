package io.github.javaopenai;

import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.providers.Auth;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What each provider profile puts on the wire: URL path and query, auth headers and body. */
class ProviderWireTest {

    private static final String KEY = "sk-provider-secret-42";

    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static Stream<Arguments> bearerPresets() {
        return Stream.of(
                Arguments.of("openai", (Supplier<Provider>) Providers::openAi, "gpt-4.1", "text-embedding-3-small"),
                Arguments.of("gemini", (Supplier<Provider>) Providers::gemini, "gemini-2.5-flash", "gemini-embedding-001"),
                Arguments.of("openrouter", (Supplier<Provider>) Providers::openRouter, "openai/gpt-4.1",
                        "openai/text-embedding-3-small"),
                Arguments.of("groq", (Supplier<Provider>) Providers::groq, "llama-3.3-70b-versatile", null),
                Arguments.of("deepseek", (Supplier<Provider>) Providers::deepSeek, "deepseek-chat", null),
                Arguments.of("mistral", (Supplier<Provider>) Providers::mistral, "mistral-large-latest", "mistral-embed"),
                Arguments.of("ollama", (Supplier<Provider>) Providers::ollama, "llama3.2", "nomic-embed-text"),
                Arguments.of("vllm", (Supplier<Provider>) Providers::vllm, null, null),
                Arguments.of("llama.cpp", (Supplier<Provider>) Providers::llamaCpp, null, null),
                Arguments.of("lmstudio", (Supplier<Provider>) Providers::lmStudio, null, null));
    }

    private OpenAI client(Provider provider, String key) {
        return OpenAI.newBuilder().provider(provider.withBaseUrl(server.baseUrl())).apiKey(key).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bearerPresets")
    void chatCompletionCarriesTheBearerKeyAndThePresetsDefaultModel(String name, Supplier<Provider> preset,
            String model, String embeddingModel) throws Exception {
        client(preset.get(), KEY).createChatCompletion(List.of(Messages.user("Hello")));
        Recorded recorded = server.take();
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.query()).isNull();
        assertThat(recorded.headers().first("Authorization")).hasValue("Bearer " + KEY);
        assertThat(recorded.headers().contains("api-key")).isFalse();
        JsonNode body = recorded.json();
        assertThat(body.path("model").isMissingNode() ? null : body.get("model").asText()).isEqualTo(model);
        assertThat(body.at("/messages/0/content").asText()).isEqualTo("Hello");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bearerPresets")
    void embeddingSendsThePresetsEmbeddingModelOrNone(String name, Supplier<Provider> preset, String model,
            String embeddingModel) throws Exception {
        client(preset.get(), KEY).embedding("some text");
        Recorded recorded = server.take();
        assertThat(recorded.path()).isEqualTo("/v1/embeddings");
        JsonNode body = recorded.json();
        assertThat(body.path("model").isMissingNode() ? null : body.get("model").asText()).isEqualTo(embeddingModel);
        assertThat(body.get("input").asText()).isEqualTo("some text");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bearerPresets")
    void withoutAKeyNoCredentialIsSent(String name, Supplier<Provider> preset, String model, String embeddingModel)
            throws Exception {
        client(preset.get(), null).createResponse("Hi");
        Recorded recorded = server.take();
        assertThat(recorded.path()).isEqualTo("/v1/responses");
        assertThat(recorded.headers().contains("Authorization")).isFalse();
        assertThat(recorded.headers().contains("api-key")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bearerPresets")
    void bothSessionKindsWorkThroughEveryPreset(String name, Supplier<Provider> preset, String model,
            String embeddingModel) throws Exception {
        server.replyJson(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"Paris"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":5,"completion_tokens":1,"total_tokens":6}}""");
        server.replyJson(200, """
                {"id":"resp_1","object":"response","status":"completed","output":[{"type":"message","role":"assistant",
                 "content":[{"type":"output_text","text":"Lyon"}]}]}""");
        OpenAI client = client(preset.get(), KEY);

        assertThat(client.newChatSession().send("Capital of France?")).hasToString("Paris");
        assertThat(client.newResponsesChatSession().send("Second city?")).hasToString("Lyon");

        Recorded chat = server.take();
        assertThat(chat.path()).isEqualTo("/v1/chat/completions");
        assertThat(chat.headers().first("Authorization")).hasValue("Bearer " + KEY);
        assertThat(chat.json().path("model").isMissingNode() ? null : chat.json().get("model").asText()).isEqualTo(model);
        Recorded responses = server.take();
        assertThat(responses.path()).isEqualTo("/v1/responses");
        assertThat(responses.headers().first("Authorization")).hasValue("Bearer " + KEY);
    }

    @Test
    void azureSessionsKeepTheDeploymentPathVersionAndApiKey() throws Exception {
        server.replyJson(200, """
                {"choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2}}""");
        Provider azure = Providers.azure("my-resource", "gpt-4o-prod", "2024-10-21");
        OpenAI client = OpenAI.newBuilder().apiKey(KEY)
                .provider(azure.withBaseUrl(origin() + "/openai/deployments/gpt-4o-prod")).build();
        assertThat(client.newChatSession().send("hi")).hasToString("ok");
        Recorded chat = server.take();
        assertThat(chat.path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
        assertThat(chat.query()).isEqualTo("api-version=2024-10-21");
        assertThat(chat.headers().first("api-key")).hasValue(KEY);
    }

    @Test
    void azureDeploymentPutsTheDeploymentInThePathTheVersionInEveryQueryAndTheKeyInApiKey() throws Exception {
        Provider azure = Providers.azure("my-resource", "gpt-4o-prod", "2024-10-21");
        OpenAI client = OpenAI.newBuilder().apiKey(KEY)
                .provider(azure.withBaseUrl(origin() + "/openai/deployments/gpt-4o-prod")).build();

        client.createChatCompletion(List.of(Messages.user("Hello")));
        client.embedding("text");
        client.files().get("file-1");

        Recorded chat = server.take();
        assertThat(chat.path()).isEqualTo("/openai/deployments/gpt-4o-prod/chat/completions");
        assertThat(chat.query()).isEqualTo("api-version=2024-10-21");
        assertThat(chat.headers().first("api-key")).hasValue(KEY);
        assertThat(chat.headers().contains("Authorization")).isFalse();
        assertThat(chat.json().get("model").asText()).isEqualTo("gpt-4o-prod");
        Recorded embedding = server.take();
        assertThat(embedding.path()).isEqualTo("/openai/deployments/gpt-4o-prod/embeddings");
        assertThat(embedding.query()).isEqualTo("api-version=2024-10-21");
        Recorded get = server.take();
        assertThat(get.path()).isEqualTo("/openai/deployments/gpt-4o-prod/files/file-1");
        assertThat(get.query()).isEqualTo("api-version=2024-10-21");
    }

    @Test
    void streamingRequestsCarryTheProfilesQueryAndCredentialToo() throws Exception {
        OpenAI client = OpenAI.newBuilder().apiKey(KEY)
                .provider(Providers.azure("res", "dep", "2024-10-21").withBaseUrl(origin() + "/openai/deployments/dep"))
                .build();
        List<JsonNode> events = new java.util.ArrayList<>();

        client.createChatCompletion(List.of(Messages.user("Hello")), Map.of(), events::add);

        Recorded recorded = server.take();
        assertThat(recorded.path()).isEqualTo("/openai/deployments/dep/chat/completions");
        assertThat(recorded.query()).isEqualTo("api-version=2024-10-21");
        assertThat(recorded.headers().first("api-key")).hasValue(KEY);
        assertThat(recorded.json().get("stream").asBoolean()).isTrue();
    }

    @Test
    void azureEntraIdAsksTheSupplierForATokenOnEveryRequestAndIgnoresTheKey() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Provider azure = Providers.azure("res", "dep", "2025-04-01-preview")
                .withAuth(Auth.bearerToken(() -> "entra-token-" + calls.incrementAndGet()))
                .withBaseUrl(origin() + "/openai/deployments/dep");
        OpenAI client = OpenAI.newBuilder().apiKey(KEY).provider(azure).build();

        client.models().list();
        client.models().list();

        Recorded first = server.take();
        Recorded second = server.take();
        assertThat(first.headers().first("Authorization")).hasValue("Bearer entra-token-1");
        assertThat(second.headers().first("Authorization")).hasValue("Bearer entra-token-2");
        assertThat(first.headers().contains("api-key")).isFalse();
        assertThat(first.query()).isEqualTo("api-version=2025-04-01-preview");
    }

    @Test
    void aTokenSupplierThatReturnsNothingFailsBeforeAnythingIsSent() {
        OpenAI client = OpenAI.newBuilder()
                .provider(Providers.azureV1("res").withAuth(Auth.bearerToken(() -> null)).withBaseUrl(server.baseUrl()))
                .build();
        assertThatThrownBy(() -> client.models().list()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bearer token supplier returned null");
        assertThat(server.received()).isZero();
    }

    @Test
    void azureV1UsesPlainPathsNoVersionAndTheApiKeyHeader() throws Exception {
        Provider v1 = Providers.azureV1("res").withDefaultModel("my-deployment");
        OpenAI client = OpenAI.newBuilder().apiKey(KEY).provider(v1.withBaseUrl(origin() + "/openai/v1")).build();

        client.createResponse("Hi");

        Recorded recorded = server.take();
        assertThat(recorded.path()).isEqualTo("/openai/v1/responses");
        assertThat(recorded.query()).isNull();
        assertThat(recorded.headers().first("api-key")).hasValue(KEY);
        assertThat(recorded.json().get("model").asText()).isEqualTo("my-deployment");
    }

    @Test
    void authNoneSendsNoCredentialEvenWithAKey() throws Exception {
        client(Providers.ollama().withAuth(Auth.none()), KEY).models().list();
        assertThat(server.take().headers().contains("Authorization")).isFalse();
    }

    @Test
    void providerHeadersAndQueryParametersGoOnEveryRequestAndClientHeadersWin() throws Exception {
        Provider provider = Providers.openRouter().withBaseUrl(server.baseUrl())
                .withHeader("HTTP-Referer", "https://example.org").withHeader("X-Title", "provider title")
                .withQueryParameter("tenant", "a b&c");
        OpenAI client = OpenAI.newBuilder().provider(provider).header("X-Title", "client title").build();

        client.models().list();

        Recorded recorded = server.take();
        assertThat(recorded.headers().first("HTTP-Referer")).hasValue("https://example.org");
        assertThat(recorded.headers().first("X-Title")).hasValue("client title");
        assertThat(recorded.query()).isEqualTo("tenant=a%20b%26c");
    }

    @Test
    void settingsAfterTheProviderOverrideItsBaseUrlAndModel() throws Exception {
        OpenAI client = OpenAI.newBuilder().provider(Providers.gemini()).baseUrl(server.baseUrl())
                .defaultModel("gemini-2.5-pro").build();
        client.createChatCompletion(List.of(Messages.user("Hi")));
        assertThat(server.take().json().get("model").asText()).isEqualTo("gemini-2.5-pro");
        assertThat(client.provider().baseUrl()).isEqualTo(server.baseUrl());
        assertThat(client.provider().defaultModel()).isEqualTo("gemini-2.5-pro");
        assertThat(client.defaultEmbeddingModel()).isEqualTo("gemini-embedding-001");
    }

    @Test
    void toBuilderKeepsTheProvider() throws Exception {
        OpenAI azure = OpenAI.newBuilder().apiKey(KEY)
                .provider(Providers.azure("res", "dep", "2024-10-21").withBaseUrl(server.baseUrl())).build();
        azure.toBuilder().timeout(java.time.Duration.ofSeconds(5)).build().models().list();
        Recorded recorded = server.take();
        assertThat(recorded.query()).isEqualTo("api-version=2024-10-21");
        assertThat(recorded.headers().first("api-key")).hasValue(KEY);
    }

    @Test
    void fromEnvPicksThePresetNamedInOpenAiProvider() throws Exception {
        OpenAI client = OpenAI.fromEnv(Map.of("OPENAI_PROVIDER", "Gemini", "OPENAI_API_KEY", KEY,
                "OPENAI_BASE_URL", server.baseUrl()));
        client.createChatCompletion(List.of(Messages.user("Hi")));
        Recorded recorded = server.take();
        assertThat(recorded.json().get("model").asText()).isEqualTo("gemini-2.5-flash");
        assertThat(recorded.headers().first("Authorization")).hasValue("Bearer " + KEY);
        assertThat(client.provider().name()).isEqualTo("gemini");
    }

    @Test
    void fromEnvRejectsAnUnknownProviderNamingTheKnownOnes() {
        assertThatThrownBy(() -> OpenAI.fromEnv(Map.of("OPENAI_PROVIDER", "skynet")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown provider \"skynet\"").hasMessageContaining("ollama");
    }

    @Test
    void geminiClientUsesItsPresetAndTheKeyAsABearer() throws Exception {
        OpenAI gemini = OpenAI.newBuilder().provider(Providers.gemini()).apiKey(KEY).baseUrl(server.baseUrl()).build();
        gemini.embedding(List.of("a", "b"), Map.of());
        Recorded recorded = server.take();
        assertThat(recorded.json().get("model").asText()).isEqualTo("gemini-embedding-001");
        assertThat(recorded.headers().first("Authorization")).hasValue("Bearer " + KEY);
        assertThat(OpenAI.create(Providers.gemini(), KEY).baseUrl()).isEqualTo("https://generativelanguage.googleapis.com/v1beta/openai");
        assertThat(OpenAI.create(Providers.gemini(), KEY).defaultModel()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void openRouterClientUsesItsPreset() {
        OpenAI openRouter = OpenAI.create(Providers.openRouter(), KEY);
        assertThat(openRouter.hasApiKey()).isTrue();
        assertThat(openRouter.baseUrl()).isEqualTo("https://openrouter.ai/api/v1");
        assertThat(openRouter.defaultModel()).isEqualTo("openai/gpt-4.1");
    }

    @Test
    void theKeyNeverShowsInToStringWhateverTheAuthStyle() {
        OpenAI azure = OpenAI.newBuilder().apiKey(KEY).provider(Providers.azure("res", "dep", "2024-10-21")).build();
        assertThat(azure.toString()).doesNotContain(KEY).contains("azure");
        assertThat(azure.settings().toString()).doesNotContain(KEY);
        Provider withSecretHeader = Providers.openAi().withHeader("x-api-key", KEY);
        assertThat(withSecretHeader.toString()).doesNotContain(KEY).contains("<redacted>");
    }

    private String origin() {
        return server.baseUrl().substring(0, server.baseUrl().length() - "/v1".length());
    }
}
