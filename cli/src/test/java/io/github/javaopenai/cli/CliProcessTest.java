package io.github.javaopenai.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.testkit.FakeReply;
import io.github.javaopenai.testkit.ReceivedRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The java-openai command, run end to end as a separate process with the test's class path. */
class CliProcessTest {

    private static final String HELLO = "Write a 'Hello world' program in Lua";

    @TempDir
    Path dir;

    private FakeOpenAI server;

    /** What one run of the command left behind. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void start() {
        server = FakeOpenAI.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Run run(String stdin, String... args) throws IOException, InterruptedException {
        return runWith(Map.of(), stdin, args);
    }

    private Run runWith(Map<String, String> env, String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("OPENAI_API_KEY");
        builder.environment().remove("OPENAI_BASE_URL");
        builder.environment().remove("GEMINI_API_KEY");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the command did not finish in 60 s: " + command);
        }
        return new Run(process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                new String(err.join(), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void oneShotWithoutAKeyUsesTheEmbeddedServerAndSaysSoInOneLine() throws Exception {
        Run run = run("", "chat", HELLO);
        assertThat(run.exit()).isZero();
        assertThat(run.out()).isEqualTo("[offline java-openai server] You said: " + HELLO + System.lineSeparator());
        assertThat(run.err().lines()).hasSize(1).first().asString().contains("embedded offline server");
    }

    @Test
    void oneShotStreamsFromTheGivenServerWithTheGivenModelAndSystemPrompt() throws Exception {
        server.enqueue(FakeReply.text("print(\"Hello world\")"));
        Run run = run("", "chat", "--base-url", server.baseUrl(), "--model", "gpt-4.1-mini", "--system",
                "You are a Lua programmer", HELLO);
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("print(\"Hello world\")");
        assertThat(run.err()).isEmpty();
        JsonNode body = server.lastRequest().json();
        assertThat(body.get("stream").asBoolean()).isTrue();
        assertThat(body.get("model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.at("/messages/1/content").asText()).isEqualTo(HELLO);
    }

    @Test
    void interactiveModeReadsOneMessagePerLineAndKeepsTheHistory() throws Exception {
        Run run = run("Hi\n\nHow are you?\n/exit\nnever sent\n", "chat", "--base-url", server.baseUrl());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly("[offline java-openai server] You said: Hi",
                "[offline java-openai server] You said: How are you?");
        List<ReceivedRequest> requests = server.requests();
        assertThat(requests).hasSize(2);
        JsonNode second = requests.get(1).json().get("messages");
        assertThat(second).hasSize(3);
        assertThat(second.get(1).get("role").asText()).isEqualTo("assistant");
    }

    @Test
    void sessionFileIsResumedAndSavedAcrossRuns() throws Exception {
        Path session = dir.resolve("lua.json");
        assertThat(run("", "chat", "--base-url", server.baseUrl(), "--session", session.toString(), "first").exit())
                .isZero();
        Run second = run("", "chat", "--base-url", server.baseUrl(), "--session", session.toString(), "second");
        assertThat(second.exit()).as(second.err()).isZero();
        JsonNode sent = server.lastRequest().json().get("messages");
        assertThat(sent.findValuesAsText("content")).containsExactly("first",
                "[offline java-openai server] You said: first", "second");
        JsonNode saved = CliJson.MAPPER.readTree(session.toFile());
        assertThat(saved.get("messages")).hasSize(4);
        assertThat(saved.at("/messages/3/content").asText()).endsWith("You said: second");
    }

    @Test
    void responsesSessionChainsWithThePreviousResponseId() throws Exception {
        Path session = dir.resolve("responses.json");
        run("", "chat", "--responses", "--base-url", server.baseUrl(), "--session", session.toString(), "first");
        String id = CliJson.MAPPER.readTree(session.toFile()).get("current_response_id").asText();
        assertThat(id).startsWith("resp_");
        Run second = run("", "chat", "--responses", "--base-url", server.baseUrl(), "--session", session.toString(),
                "second");
        assertThat(second.out().strip()).isEqualTo("[offline java-openai server] You said: second");
        assertThat(server.lastRequest().json().get("previous_response_id").asText()).isEqualTo(id);
        assertThat(server.lastRequest().json().get("stream").asBoolean()).isTrue();
    }

    @Test
    void offlineResponsesSessionFromAnEarlierRunStartsANewChainAndSaysSo() throws Exception {
        Path session = dir.resolve("offline.json");
        assertThat(run("", "chat", "--responses", "--session", session.toString(), "first").exit()).isZero();
        Run second = run("", "chat", "--responses", "--session", session.toString(), "second");
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(second.out().strip()).isEqualTo("[offline java-openai server] You said: second");
        assertThat(second.err()).contains("starting a new chain");
    }

    @Test
    void jsonChatPrintsTheRawAnswer() throws Exception {
        Run run = run("", "chat", "--json", "--base-url", server.baseUrl(), "Hi");
        JsonNode body = CliJson.MAPPER.readTree(run.out());
        assertThat(body.get("object").asText()).isEqualTo("chat.completion");
        assertThat(server.lastRequest().json().has("stream")).isFalse();
    }

    @Test
    void badFlagIsAUsageErrorWithExitCode2() throws Exception {
        Run run = run("", "chat", "--nope");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("Unknown option: '--nope'").contains("Usage: java-openai chat");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void providerPresetWithABaseUrlSendsThePresetsDefaultModel() throws Exception {
        Run run = run("", "chat", "--provider", "gemini", "--base-url", server.baseUrl(), "Hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(server.lastRequest().json().get("model").asText()).isEqualTo("gemini-2.5-flash");
    }

    @Test
    void providerPresetTakesTheKeyFromItsOwnVariableBeforeOpenAis() throws Exception {
        Run run = runWith(Map.of("GEMINI_API_KEY", "gm-test-key", "OPENAI_API_KEY", "sk-not-this-one"), "",
                "chat", "--provider", "gemini", "--base-url", server.baseUrl(), "Hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer gm-test-key");
    }

    @Test
    void anotherProvidersPresetNeverReceivesTheOpenAiKey() throws Exception {
        Run run = runWith(Map.of("OPENAI_API_KEY", "sk-openai-only"), "",
                "chat", "--provider", "gemini", "--base-url", server.baseUrl(), "Hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(server.lastRequest().header("Authorization")).isNull();
    }

    @Test
    void unknownProviderIsAUsageError() throws Exception {
        Run run = run("", "models", "--provider", "nowhere");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("unknown provider \"nowhere\"").contains("offline");
    }

    @Test
    void apiErrorExitsWith1AndPrintsTheMessageWithoutAStackTrace() throws Exception {
        server.enqueue(FakeReply.error(401, "invalid_request_error", "Incorrect API key provided: sk-...", "invalid_api_key"));
        Run run = run("", "chat", "--base-url", server.baseUrl(), "Hello");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err().strip())
                .isEqualTo("java-openai: Bad status: 401: Incorrect API key provided: sk-... (invalid_api_key)");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void connectionFailureExitsWith1WithoutAStackTrace() throws Exception {
        int port = server.port();
        server.close();
        Run run = run("", "models", "--base-url", "http://127.0.0.1:" + port + "/v1");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("127.0.0.1:" + port).doesNotContain("\tat ");
    }

    @Test
    void unreachableHostIsReportedWithHostPortAndReason() throws Exception {
        int port = server.port();
        server.close();
        Run refused = run("", "models", "--base-url", "http://127.0.0.1:" + port + "/v1");
        Run unknown = run("", "models", "--base-url", "http://no-such-host.invalid:8080/v1");

        assertThat(refused.err()).contains("127.0.0.1:" + port, "connection refused");
        assertThat(unknown.err()).contains("no-such-host.invalid:8080", "unknown host");
    }

    @Test
    void ctrlCWhileStreamingLeavesTheCursorOnANewLine() throws Exception {
        com.sun.net.httpserver.HttpServer stalling = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        stalling.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"Half a line\"}}]}\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        stalling.start();
        try {
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(), "chat", "--base-url",
                    "http://127.0.0.1:" + stalling.getAddress().getPort() + "/v1", "Hello");
            Process process = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(dir.resolve("out.txt")).contains("Half a line") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            new ProcessBuilder("kill", "-INT", String.valueOf(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the command did not stop after SIGINT");
            }
            assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo("Half a line" + System.lineSeparator());
        } finally {
            release.countDown();
            stalling.stop(0);
        }
    }

    @Test
    void modelsPrintsIdsOrRawJson() throws Exception {
        Run plain = run("", "models", "--base-url", server.baseUrl());
        assertThat(plain.out().lines()).contains("gpt-4.1", "text-embedding-3-small");
        Run json = run("", "models", "--json", "--base-url", server.baseUrl());
        assertThat(CliJson.MAPPER.readTree(json.out()).get("object").asText()).isEqualTo("list");
    }

    @Test
    void embedAndModeratePrintOneLinePerText() throws Exception {
        Run embed = run("", "embed", "--base-url", server.baseUrl(), "one", "two");
        assertThat(embed.out().lines()).hasSize(2).allSatisfy(line -> assertThat(line).contains("1536 dimensions"));
        Run moderate = run("", "moderate", "--base-url", server.baseUrl(), "kill the lights", "tea");
        assertThat(moderate.out().lines()).containsExactly("flagged [violence]\tkill the lights", "ok\ttea");
    }

    @Test
    void imageIsWrittenToTheOutputFile() throws Exception {
        Path png = dir.resolve("cat.png");
        Run run = run("", "image", "--base-url", server.baseUrl(), "A cat", "-o", png.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllBytes(png)).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
    }

    @Test
    void filesCanBeUploadedListedReadAndDeleted() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "hello file");
        Run upload = run("", "files", "upload", "--base-url", server.baseUrl(), file.toString());
        String id = upload.out().strip();
        assertThat(id).as(upload.err()).startsWith("file-");
        assertThat(run("", "files", "list", "--base-url", server.baseUrl()).out()).contains(id).contains("notes.txt");
        assertThat(run("", "files", "content", "--base-url", server.baseUrl(), id).out()).isEqualTo("hello file");
        assertThat(run("", "files", "delete", "--base-url", server.baseUrl(), id).out().strip()).isEqualTo("deleted " + id);
        Run missing = run("", "files", "get", "--base-url", server.baseUrl(), id);
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.err()).contains("Bad status: 404");
        Run missingContent = run("", "files", "content", "--base-url", server.baseUrl(), id);
        assertThat(missingContent.exit()).isEqualTo(1);
        assertThat(missingContent.err()).contains("failed with status 404").doesNotContain("\tat ");
    }

    @Test
    void batchSubmitWaitsWithAProgressBarAndPrintsTheOutput() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            jsonl.append("{\"custom_id\":\"r").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                    + "\"body\":{\"model\":\"gpt-4.1\",\"messages\":[{\"role\":\"user\",\"content\":\"n").append(i)
                    .append("\"}]}}\n");
        }
        Path file = Files.writeString(dir.resolve("jobs.jsonl"), jsonl);
        Run run = run("", "batch", "submit", "--wait", "--poll", "0.01", "--base-url", server.baseUrl(), file.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("] 12/12 done, 0 batches running").contains("#".repeat(30));
        assertThat(run.out().lines()).hasSize(12).first().asString().contains("\"custom_id\":\"r0\"");
    }

    @Test
    void batchResumeFinishesAJobFromItsManifest() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            jsonl.append("{\"custom_id\":\"r").append(i).append("\",\"method\":\"POST\",\"url\":\"/v1/embeddings\","
                    + "\"body\":{\"model\":\"text-embedding-3-small\",\"input\":\"n").append(i).append("\"}}\n");
        }
        Path file = Files.writeString(dir.resolve("jobs.jsonl"), jsonl);
        // a job stopped after its batch was created: the manifest records the batch, nothing written yet
        String inputId = server.client().files().upload(file, "batch").orThrow().body().path("id").asText();
        String batchId = server.client().batches().create(inputId, "/v1/embeddings", Map.of()).orThrow().body()
                .path("id").asText();
        Path parts = Files.createDirectories(dir.resolve("job.manifest.parts"));
        Files.copy(file, parts.resolve("shard-0.jsonl"));
        Files.writeString(dir.resolve("job.manifest"), "{\"version\":1,\"input\":" + CliJson.MAPPER.writeValueAsString(
                file.toString()) + ",\"output\":" + CliJson.MAPPER.writeValueAsString(dir.resolve("out.jsonl").toString())
                + ",\"consumed\":30,\"input_done\":true,\"written\":0,\"next_shard\":1,\"shards\":[{\"number\":0,"
                + "\"url\":\"/v1/embeddings\",\"model\":\"text-embedding-3-small\",\"attempt\":1,\"state\":\"submitted\","
                + "\"count\":30,\"bytes\":" + Files.size(file) + ",\"input_file_id\":\"" + inputId + "\",\"batch_id\":\""
                + batchId + "\"}]}");

        Run run = run("", "batch", "resume", "--poll", "0.01", "--base-url", server.baseUrl(), "job.manifest");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.err()).contains("30 results (0 failed) from 1 batches");
        assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(30);
        assertThat(server.requests()).noneMatch(r -> r.method().equals("POST") && r.path().equals("/batches")
                && !r.json().path("input_file_id").asText().equals(inputId)); // the batch was awaited, not sent again
    }

    @Test
    void demoWalksThroughEveryReadmeExample() throws Exception {
        Run run = run("", "demo");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("== Quick usage: the Responses API", "== Quick usage: the Chat Completions API",
                "== Chat session", "== Streaming: the Responses API", "== Streaming: the Chat Completions API",
                "== Chat session with functions", "The model calls add(2923, 20839)",
                "The function returned: 23762", "You said: What's the most boring color?");
    }

    @Test
    void realtimeWithoutAKeyAnswersOneTextTurnFromTheEmbeddedServer() throws Exception {
        Run run = run("", "realtime", "Say", "hi");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("[offline java-openai server] You said: Say hi" + System.lineSeparator());
        assertThat(run.err()).contains("embedded offline server");
    }

    @Test
    void realtimeTalksToTheGivenServerWithTheGivenModelAndKey() throws Exception {
        io.github.javaopenai.testkit.FakeRealtime realtime = server.realtime();
        Run run = runWith(Map.of("OPENAI_API_KEY", "sk-cli-test"), "", "realtime", "--base-url", realtime.baseUrl(),
                "--model", "gpt-realtime-mini", "Hello");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("You said: Hello");
        assertThat(realtime.upgrades()).singleElement().satisfies(upgrade -> {
            assertThat(upgrade.target()).isEqualTo("/v1/realtime?model=gpt-realtime-mini");
            assertThat(upgrade.headers()).containsEntry("authorization", "Bearer sk-cli-test");
        });
    }

    @Test
    void realtimeWithoutAPromptTakesOneTurnPerLineInOneSession() throws Exception {
        io.github.javaopenai.testkit.FakeRealtime realtime = server.realtime();
        Run run = run("Hi\n\nHow are you?\n/exit\nnever sent\n", "realtime", "--base-url", realtime.baseUrl());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly("[offline java-openai server] You said: Hi",
                "[offline java-openai server] You said: How are you?");
        assertThat(realtime.upgrades()).hasSize(1);
    }

    @Test
    void realtimeSendsAWavFileAndSavesTheSpokenAnswer() throws Exception {
        Path in = dir.resolve("in.wav");
        io.github.javaopenai.realtime.Wav.ofRealtimePcm16(new byte[24_000]).write(in);
        Run run = run("", "realtime", "--audio-in", "in.wav", "--audio-out", "out.wav");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("You said: (500 ms of audio)");
        io.github.javaopenai.realtime.Wav answer = io.github.javaopenai.realtime.Wav.read(dir.resolve("out.wav"));
        assertThat(answer.sampleRate()).isEqualTo(24_000);
        assertThat(answer.pcm()).isNotEmpty();
        assertThat(run.err()).contains("saved").contains("out.wav");
    }

    @Test
    void realtimeRefusedUpgradeIsAnApiErrorWithoutTheKey() throws Exception {
        io.github.javaopenai.testkit.FakeRealtime realtime = server.realtime().rejectUpgrades(401);
        Run run = runWith(Map.of("OPENAI_API_KEY", "sk-cli-secret"), "", "realtime", "--base-url",
                realtime.baseUrl(), "Hi");
        assertThat(run.exit()).isEqualTo(Main.API_ERROR);
        assertThat(run.err()).contains("401").doesNotContain("sk-cli-secret");
    }
}
