package io.github.javaopenai.contract;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.providers.Provider;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.structured.Nullable;
import io.github.javaopenai.structured.StructuredOutput;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks against the OpenAI spec that requests carrying a generated schema (chat
 * {@code response_format}, responses {@code text.format}) and requests built from every
 * bearer-auth provider preset are valid.
 */
@ExtendWith(SteadyMockServer.class)
class StructuredOutputContractTest {

    enum Unit { CELSIUS, FAHRENHEIT }

    record Reading(String city, double temperature, Unit unit, Optional<String> note) {}

    record Forecast(List<Reading> readings, @Nullable String summary) {}

    private static final StructuredOutput<Forecast> FORECAST = StructuredOutput.of(Forecast.class);
    private static final List<Object> MESSAGES = List.of(Messages.user("Weather in Paris and Oslo?"));

    private SteadyMockServer steady;

    @BeforeEach
    void connect(SteadyMockServer steady) {
        this.steady = steady;
    }

    private OpenAI client(Provider provider) {
        return OpenAI.newBuilder().apiKey("sk-contract-test")
                .provider(provider.withBaseUrl(steady.baseUrl().toString()))
                .header("X-Steady-Seed", "7").build();
    }

    private static void assertValid(ApiResponse response, String specPath) {
        SteadyAssertions.assertValid(response.status(), response.headers().toMap(), specPath);
    }

    @Test
    void chatCompletionWithAGeneratedResponseFormatIsValid() {
        OpenAI client = client(Providers.openAi());
        assertValid(client.createChatCompletion(MESSAGES, Map.of("response_format", FORECAST.responseFormat())),
                "/chat/completions");
    }

    @Test
    void responseWithAGeneratedTextFormatIsValid() {
        OpenAI client = client(Providers.openAi());
        assertValid(client.createResponse("Weather in Paris?",
                Map.of("text", Map.of("format", FORECAST.textFormat(), "verbosity", "low"))), "/responses");
    }

    @Test
    void theSpecChecksInsideResponseFormatSoAFormatWithoutANameIsRejected() {
        OpenAI client = client(Providers.openAi());
        ApiResponse response = client.createChatCompletion(MESSAGES, Map.of("response_format",
                Map.of("type", "json_schema", "json_schema", Map.of("schema", FORECAST.schema(), "strict", true))));
        // No response_format variant matches once the json_schema one lacks its required name.
        SteadyAssertions.assertRejected(response.status(), response.headers().toMap(), "E3011");
    }

    static Stream<Provider> bearerPresets() {
        return Stream.of(Providers.openAi(), Providers.gemini(), Providers.openRouter(), Providers.groq(),
                Providers.deepSeek(), Providers.mistral(), Providers.ollama(),
                Providers.vllm().withDefaultModel("served-model"), Providers.llamaCpp().withDefaultModel("local"),
                Providers.lmStudio().withDefaultModel("local"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("bearerPresets")
    void everyPresetsChatAndEmbeddingRequestsAreValid(Provider preset) {
        OpenAI client = client(preset);
        assertValid(client.createChatCompletion(MESSAGES), "/chat/completions");
        assertValid(client.embedding("hello", preset.defaultEmbeddingModel() == null
                ? Map.of("model", "some-embedding-model") : Map.of()), "/embeddings");
    }
}
