package io.github.javaopenai.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.testkit.FakeReply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every example program, run against the embedded server. */
class ExamplesTest {

    private static final String ECHO = "[offline java-openai server] You said: ";

    private FakeOpenAI server;
    private OpenAI client;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
        client = OpenAI.fromEnv(java.util.Map.of("OPENAI_BASE_URL", server.baseUrl(), "OPENAI_API_KEY", "sk-test"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String output() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void responsesQuickUsagePrintsTheOutputText() {
        ResponsesQuickUsage.run(client, out);
        assertThat(output()).isEqualTo(ECHO + "Write a 'Hello world' program in Lua" + System.lineSeparator());
        assertThat(server.lastRequest().json().get("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void chatCompletionsQuickUsagePrintsTheMessageContent() {
        ChatCompletionsQuickUsage.run(client, out);
        assertThat(output()).isEqualTo(ECHO + "Write a 'Hello world' program in Lua" + System.lineSeparator());
        assertThat(server.lastRequest().json().get("model").asText()).isEqualTo("gpt-3.5-turbo");
    }

    @Test
    void streamingExamplesPrintTheDeltasAsOneLine() {
        StreamingResponses.run(client, out);
        StreamingChatCompletions.run(client, out);
        assertThat(output().lines()).containsExactly(ECHO + "Who do you work for?", ECHO + "Who do you work for?");
        assertThat(server.requests()).allSatisfy(r -> assertThat(r.json().get("stream").asBoolean()).isTrue());
    }

    @Test
    void realtimeStreamingExamplePrintsTheDeltasAsOneLineOverOneSession() {
        io.github.javaopenai.testkit.FakeRealtime realtime = server.realtime();
        StreamingRealtime.run(realtime.client(), out);
        assertThat(output().lines()).containsExactly(ECHO + "Who do you work for?");
        assertThat(realtime.clientEvents()).extracting(e -> e.path("type").asText())
                .containsExactly("session.update", "conversation.item.create", "response.create");
        assertThat(realtime.clientEvents().get(0).at("/session/instructions").asText()).contains("Streak.Club");
    }

    @Test
    void chatSessionSendsTheWholeHistoryEachTime() {
        ChatSessionExample.run(client, out);
        assertThat(output()).contains("system You are an artist who likes colors",
                "user List your top 5 favorite colors", ECHO + "What's the most boring color?");
        assertThat(server.lastRequest().json().get("messages")).hasSize(6);
    }

    @Test
    void functionsExampleComputesTheSumAndSendsItBack() throws Exception {
        server.enqueue(FakeReply.functionCall("add", "{\"a\":2923,\"b\":20839}"));
        ChatSessionWithFunctions.run(client, out);
        assertThat(server.lastRequest().json().at("/messages/2/role").asText()).isEqualTo("function");
        assertThat(server.lastRequest().json().at("/messages/2/content").asText()).isEqualTo("23762.0");
        assertThat(output()).contains("The function returned: 23762.0");
    }

    @Test
    void structuredOutputIsParsedBack() throws Exception {
        ResponsesStructuredOutput.run(client, out);
        assertThat(output()).contains("population: 0", "landmarks: [").contains("name: " + ECHO);
        assertThat(server.lastRequest().json().at("/text/format/type").asText()).isEqualTo("json_schema");
    }

    @Test
    void toolsExampleAnswersTheFunctionCallAndPrintsTheFinalText() {
        server.enqueue(FakeReply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ResponsesTools.run(client, out);
        assertThat(output()).contains("calling get_weather {\"city\":\"Paris\"}",
                "The function returned: {\"temperature_c\":18}");
        assertThat(server.lastRequest().json().get("previous_response_id").asText()).startsWith("resp_");
    }

    @Test
    void imageGenerationWritesAPng(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("image.png");
        ImageGeneration.run(client, out, file);
        assertThat(Files.readAllBytes(file)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        assertThat(output()).startsWith("wrote " + file);
    }

    @Test
    void usageListenerExamplePrintsTheTokensOfTheCall() {
        UsageListenerExample.run(client, out);
        assertThat(output()).startsWith("chat gpt-4.1-mini: ").matches("(?s).* [1-9][0-9]* input \\+ [1-9][0-9]* output tokens in \\d+ ms\\R");
    }

    @Test
    void openTelemetryExamplePrintsTheChatSpanWithItsUsage() {
        OpenTelemetryExample.run(client, out);
        assertThat(output()).startsWith("chat gpt-4.1-mini" + System.lineSeparator())
                .contains("gen_ai.operation.name = chat").contains("gen_ai.usage.output_tokens = ");
    }

    @Test
    void springBootExampleAnswersWithAClientMadeFromProperties() {
        server.enqueue(FakeReply.text("Hello from Boot"));
        SpringBootExample.run(out, "--openai.provider=ollama", "--openai.base-url=" + server.baseUrl(),
                "--spring.main.banner-mode=off");
        assertThat(output()).endsWith("Hello from Boot" + System.lineSeparator());
        assertThat(server.lastRequest().json().get("model").asText()).isEqualTo("llama3.2");
    }
}
