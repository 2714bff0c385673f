package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.ValidationMessage;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.AuthenticationException;
import io.github.javaopenai.errors.RealtimeClosedException;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.providers.Providers;
import io.github.javaopenai.realtime.RealtimeEvents;
import io.github.javaopenai.realtime.RealtimeListener;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeReply;
import io.github.javaopenai.realtime.RealtimeSession;
import io.github.javaopenai.realtime.Wav;
import io.github.javaopenai.sessions.ToolFunction;
import io.github.javaopenai.sessions.ToolLoop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Realtime sessions against the testkit's realtime server, every event checked against the OpenAPI document. */
@Timeout(30)
class RealtimeSessionTest {

    private static final String MODEL = "gpt-realtime";

    private FakeOpenAI fake;
    private FakeRealtime server;
    private OpenAI client;

    @BeforeEach
    void start() {
        fake = FakeOpenAI.start();
        server = fake.realtime();
        client = fake.client(); // sessions on the fake's own base URL, beside its HTTP calls
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTextTurnStreamsDeltasIntoTheReplyInThePullForm() {
        List<String> deltas = new ArrayList<>();
        RealtimeReply reply;
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.updateSession(Map.of("output_modalities", List.of("text"), "instructions", "Be brief."));
            session.sendText("Say hi to everyone");
            reply = session.awaitReply(event -> {
                if (event.path("type").asText().equals("response.output_text.delta")) {
                    deltas.add(event.path("delta").asText());
                }
            });
        }
        assertThat(reply.text()).isEqualTo(Wire.echo("Say hi to everyone"));
        assertThat(deltas).hasSizeGreaterThan(3);
        assertThat(String.join("", deltas)).isEqualTo(reply.text());
        assertThat(reply.status()).isEqualTo("completed");
        assertThat(reply.usage().outputTokens()).isPositive();
        FakeRealtime.Upgrade upgrade = server.upgrades().get(0);
        assertThat(upgrade.target()).isEqualTo("/v1/realtime?model=gpt-realtime");
        assertThat(upgrade.headers()).containsEntry("authorization", "Bearer " + FakeOpenAI.API_KEY);
        assertEventsFitTheSpec();
    }

    @Test
    void aServerSendingTheBetaEventNamesFillsTheReplyLikeTheGaOne() {
        server.betaEventNames();
        RealtimeReply text;
        RealtimeReply spoken;
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Say hi");
            text = session.awaitReply(event -> { });
            session.updateSession(Map.of("output_modalities", List.of("audio")));
            session.sendText("Say it aloud");
            spoken = session.awaitReply(event -> { });
        }
        assertThat(server.serverEvents()).extracting(event -> event.path("type").asText())
                .contains("response.text.delta", "response.audio.delta", "response.audio_transcript.delta")
                .doesNotContain("response.output_text.delta", "response.output_audio.delta");
        assertThat(text.text()).isEqualTo(Wire.echo("Say hi"));
        assertThat(spoken.transcript()).isEqualTo(Wire.echo("Say it aloud"));
        assertThat(spoken.audio()).hasSize(ChatCompletions.pieces(spoken.transcript()).size()
                * FakeRealtime.SILENCE_CHUNK_BYTES);
    }

    @Test
    void theFakesOwnBaseUrlServesRealtimeSessionsBesideItsHttpCalls() {
        OpenAI sameBase = OpenAI.newBuilder().baseUrl(fake.baseUrl()).apiKey(FakeOpenAI.API_KEY).build();
        RealtimeReply reply;
        try (sameBase; RealtimeSession session = sameBase.realtime(MODEL, RealtimeOptions.defaults())) {
            assertThat(sameBase.models().list().orThrow().body().path("data").size()).isPositive();
            session.sendText("One base URL");
            reply = session.awaitReply(event -> { });
        }
        assertThat(reply.text()).isEqualTo(Wire.echo("One base URL"));
        assertThat(server.upgrades()).singleElement()
                .satisfies(upgrade -> assertThat(upgrade.target()).isEqualTo("/v1/realtime?model=gpt-realtime"));
        assertThat(fake.requests()).extracting(ReceivedRequest::path).containsExactly("/models");
        assertEventsFitTheSpec();
    }

    @Test
    void anUpgradeToAnUnknownPathOnTheFakesBaseUrlIsRefusedWithA404() {
        OpenAI wrongPath = OpenAI.newBuilder().baseUrl(fake.baseUrl().replace("/v1", "/v2")).apiKey(FakeOpenAI.API_KEY)
                .build();
        try (wrongPath) {
            assertThatThrownBy(() -> wrongPath.realtime(MODEL, RealtimeOptions.defaults()))
                    .isInstanceOfSatisfying(io.github.javaopenai.errors.ApiException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
        }
    }

    @Test
    void theCallbackFormDeliversEventsOffTheHttpThreadsAndSaysWhenItEnds() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<RuntimeException> closed = new CompletableFuture<>();
        StringBuilder text = new StringBuilder();
        List<String> threads = new CopyOnWriteArrayList<>();
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        session.listen(new RealtimeListener() {
            @Override
            public void onEvent(JsonNode event) {
                threads.add(Thread.currentThread().getName());
                if (event.path("type").asText().equals("response.output_text.delta")) {
                    text.append(event.path("delta").asText());
                }
                if (event.path("type").asText().equals("response.done")) {
                    done.countDown();
                }
            }

            @Override
            public void onClose(RuntimeException failure) {
                closed.complete(failure);
            }
        });
        session.sendText("Hello there");
        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(text.toString()).isEqualTo(Wire.echo("Hello there"));
        assertThat(threads).containsOnly("java-openai-realtime-events");
        session.close();
        assertThat(closed.get(5, TimeUnit.SECONDS)).isNull();
        assertThatThrownBy(() -> session.sendText("again")).isInstanceOf(IllegalStateException.class);
        assertEventsFitTheSpec();
    }

    @Test
    void audioGoesInFromAWavFileAndComesBackAsPcmAudioWithATranscript(@TempDir Path dir) {
        Path in = dir.resolve("in.wav");
        Wav.ofRealtimePcm16(new byte[48_000]).write(in); // one second of silence
        Path out = dir.resolve("out.wav");
        RealtimeReply reply;
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendAudio(in);
            session.createResponse();
            reply = session.awaitReply(event -> { });
        }
        reply.writeWav(out);
        long appends = server.clientEvents().stream()
                .filter(e -> e.path("type").asText().equals("input_audio_buffer.append")).count();
        assertThat(appends).isEqualTo(48_000 / RealtimeSession.AUDIO_CHUNK_BYTES);
        assertThat(reply.transcript()).isEqualTo(Wire.echo("(1000 ms of audio)"));
        int words = ChatCompletions.pieces(reply.transcript()).size();
        assertThat(reply.audio()).hasSize(words * FakeRealtime.SILENCE_CHUNK_BYTES);
        Wav written = Wav.read(out);
        assertThat(written.sampleRate()).isEqualTo(24_000);
        assertThat(written.pcm()).isEqualTo(reply.audio());
        assertEventsFitTheSpec();
    }

    @Test
    void aWavFileOfAnotherRateIsRefusedBeforeAnythingIsSent(@TempDir Path dir) {
        Path in = dir.resolve("in.wav");
        new Wav(16_000, 1, new byte[3200]).write(in);
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            assertThatThrownBy(() -> session.sendAudio(in)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("16000 Hz").hasMessageContaining("24000 Hz");
        }
        assertThat(server.clientEvents()).isEmpty();
    }

    @Test
    void theToolLoopRunsTheFunctionSendsItsOutputAndAsksForTheNextResponse() {
        record Sum(double a, double b) {
        }
        ToolLoop tools = ToolLoop.of(ToolFunction.ofType("add", "Adds two numbers", Sum.class, s -> s.a() + s.b()));
        server.enqueue(RealtimeScript.functionCall("add", "{\"a\":2,\"b\":3}"), RealtimeScript.text("It is 5."));
        RealtimeReply reply;
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults().withToolLoop(tools))) {
            session.sendText("What is 2 + 3?");
            reply = session.awaitReply(event -> { });
        }
        assertThat(reply.text()).isEqualTo("It is 5.");
        assertThat(reply.functionCalls()).singleElement().satisfies(call -> assertThat(call.name()).isEqualTo("add"));
        List<String> types = server.clientEvents().stream().map(e -> e.path("type").asText()).toList();
        assertThat(types).containsExactly("session.update", "conversation.item.create", "response.create",
                "conversation.item.create", "response.create");
        JsonNode output = server.clientEvents().get(3).path("item");
        assertThat(output.path("type").asText()).isEqualTo("function_call_output");
        assertThat(output.path("output").asText()).isEqualTo("5.0");
        assertThat(server.clientEvents().get(0).at("/session/tools/0/name").asText()).isEqualTo("add");
        assertEventsFitTheSpec();
    }

    @Test
    void anErrorEventRaisesATypedExceptionInThePullFormAndTheSessionGoesOn() {
        server.enqueue(RealtimeScript.error("invalid_value", "Something is off"));
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            RealtimeEvents events = session.events();
            assertThat(events.next().path("type").asText()).isEqualTo("session.created");
            session.sendText("First");
            assertThat(events.next().path("type").asText()).isEqualTo("conversation.item.added");
            assertThatThrownBy(events::next).isInstanceOfSatisfying(RealtimeErrorException.class, e -> {
                assertThat(e.code()).isEqualTo("invalid_value");
                assertThat(e.getMessage()).contains("Something is off");
            });
            session.sendText("Second");
            String text = "";
            for (JsonNode event : events) {
                if (event.path("type").asText().equals("response.output_text.done")) {
                    text = event.path("text").asText();
                    break;
                }
            }
            assertThat(text).isEqualTo(Wire.echo("Second"));
        }
        assertEventsFitTheSpec();
    }

    @Test
    void anErrorEventReachesTheErrorCallback() throws Exception {
        server.enqueue(RealtimeScript.error("invalid_value", "Something is off"));
        CompletableFuture<RealtimeErrorException> error = new CompletableFuture<>();
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.listen(new RealtimeListener() {
                @Override
                public void onEvent(JsonNode event) {
                }

                @Override
                public void onError(RealtimeErrorException e) {
                    error.complete(e);
                }
            });
            session.sendText("Hi");
            assertThat(error.get(10, TimeUnit.SECONDS).code()).isEqualTo("invalid_value");
        }
    }

    @Test
    void aServerCloseMidResponseRaisesItsCodeAndReasonAndKeepsThePartialText() {
        server.enqueue(RealtimeScript.closeAfter("Hello partial world", 1011, "upstream failed"));
        RealtimeReply reply = new RealtimeReply();
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Hi");
            assertThatThrownBy(() -> session.awaitReply(reply, event -> { }))
                    .isInstanceOfSatisfying(RealtimeClosedException.class, e -> {
                        assertThat(e.code()).isEqualTo(1011);
                        assertThat(e.reason()).isEqualTo("upstream failed");
                    });
            assertThat(session.isOpen()).isFalse();
        }
        assertThat(reply.text()).isEqualTo("Hello partial world");
        assertThat(reply.isDone()).isFalse();
    }

    @Test
    void aConnectionDroppedMidResponseRaisesAnAbnormalCloseAndKeepsThePartialText() {
        server.enqueue(RealtimeScript.dropAfter("Half an answer"));
        RealtimeReply reply = new RealtimeReply();
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Hi");
            assertThatThrownBy(() -> session.awaitReply(reply, event -> { }))
                    .isInstanceOfSatisfying(RealtimeClosedException.class,
                            e -> assertThat(e.code()).isEqualTo(RealtimeClosedException.ABNORMAL_CLOSURE));
        }
        assertThat(reply.text()).isEqualTo("Half an answer");
    }

    @Test
    void cancellingAResponseEndsItAsCancelledWithTheTextSoFar() {
        String full = "one two three four five six seven eight nine ten eleven twelve";
        server.enqueue(RealtimeScript.slowText(full, Duration.ofMillis(50)));
        RealtimeReply reply;
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Count");
            boolean[] cancelled = {false};
            reply = session.awaitReply(event -> {
                if (!cancelled[0] && event.path("type").asText().equals("response.output_text.delta")) {
                    cancelled[0] = true;
                    session.cancelResponse();
                }
            });
        }
        assertThat(reply.status()).isEqualTo("cancelled");
        assertThat(reply.text()).isNotEmpty();
        assertThat(full).startsWith(reply.text());
        assertThat(reply.text().length()).isLessThan(full.length());
        assertEventsFitTheSpec();
    }

    @Test
    void aRefusedUpgradeIsAnAuthenticationExceptionWithoutTheKey() {
        server.rejectUpgrades(401);
        assertThatThrownBy(() -> client.realtime(MODEL, RealtimeOptions.defaults()))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains("Incorrect API key").doesNotContain(FakeOpenAI.API_KEY);
                });
    }

    @Test
    void anUpgradeNeverAnsweredTimesOut() {
        server.ignoreUpgrades();
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.realtime(MODEL,
                RealtimeOptions.defaults().withConnectTimeout(Duration.ofMillis(300))))
                .isInstanceOf(ApiTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void pongsKeepAQuietSessionOpenPastTheIdleTimeoutWhileAReaderWaits() throws Exception {
        RealtimeOptions options = RealtimeOptions.defaults().withIdleTimeout(Duration.ofMillis(600))
                .withPingInterval(Duration.ofMillis(100));
        RealtimeSession session = client.realtime(MODEL, options);
        RealtimeEvents events = session.events();
        assertThat(events.next().path("type").asText()).isEqualTo("session.created");
        CompletableFuture<JsonNode> waiting = CompletableFuture.supplyAsync(events::next);
        Thread.sleep(1_500); // two and a half idle timeouts without an event, but every ping is answered
        assertThat(waiting).isNotDone();
        assertThat(session.isOpen()).isTrue();
        assertThat(server.pingsReceived()).isGreaterThanOrEqualTo(5);
        session.close();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aServerThatStopsAnsweringPingsIsTimedOutEvenWithNoReaderWaiting() throws Exception {
        RealtimeOptions options = RealtimeOptions.defaults().withIdleTimeout(Duration.ofMillis(500))
                .withPingInterval(Duration.ofMillis(100));
        try (RealtimeSession session = client.realtime(MODEL, options)) {
            server.ignorePings();
            long start = System.nanoTime();
            long deadline = start + TimeUnit.SECONDS.toNanos(5);
            while (session.isOpen() && System.nanoTime() < deadline) { // nobody reads: the session's own timer acts
                Thread.sleep(20);
            }
            assertThat(session.isOpen()).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(400), Duration.ofSeconds(3));
            assertThat(server.pingsReceived()).isGreaterThanOrEqualTo(2);
            RealtimeEvents events = session.events();
            assertThat(events.next().path("type").asText()).isEqualTo("session.created"); // what came before is kept
            assertThatThrownBy(events::next).isInstanceOf(StreamTimeoutException.class).hasMessageContaining("500 ms");
            assertThatThrownBy(() -> session.sendText("anyone?")).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("idle timeout");
        }
    }

    @Test
    void theCallbackFormIsToldOfTheIdleTimeoutWhenTheServerStopsAnsweringPings() throws Exception {
        server.ignorePings();
        CompletableFuture<RuntimeException> closed = new CompletableFuture<>();
        List<String> types = new CopyOnWriteArrayList<>();
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults()
                .withIdleTimeout(Duration.ofMillis(500)).withPingInterval(Duration.ofMillis(100)));
        session.listen(new RealtimeListener() {
            @Override
            public void onEvent(JsonNode event) {
                types.add(event.path("type").asText());
            }

            @Override
            public void onClose(RuntimeException failure) {
                closed.complete(failure);
            }
        });
        assertThat(closed.get(5, TimeUnit.SECONDS)).isInstanceOf(StreamTimeoutException.class);
        assertThat(types).containsExactly("session.created");
        assertThat(session.isOpen()).isFalse();
        assertThat(server.pingsReceived()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingReaderWithANormalClose() throws Exception {
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        RealtimeEvents events = session.events();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        CompletableFuture<Integer> read = CompletableFuture.supplyAsync(() -> {
            int count = 0;
            for (JsonNode event : events) {
                last.set(event);
                count++;
            }
            return count;
        });
        Thread.sleep(200);
        events.close();
        assertThat(read.get(5, TimeUnit.SECONDS)).isEqualTo(1);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.clientCloseCodes().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.clientCloseCodes()).containsExactly(1000);
    }

    @Test
    void aSlowReaderHoldsTheServerBackInsteadOfBufferingEverything() throws Exception {
        String longText = "word ".repeat(3_000).trim();
        server.enqueue(RealtimeScript.text(longText));
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.updateSession(Map.of("output_modalities", List.of("audio")));
            session.sendText("Talk a lot");
            Thread.sleep(1_500); // read nothing: the server must block on a full socket
            int sentWhileIdle = server.serverEvents().size();
            assertThat(sentWhileIdle).isLessThan(2 * 3_000);
            RealtimeReply reply = session.awaitReply(event -> { });
            assertThat(reply.transcript()).isEqualTo(longText);
        }
    }

    @Test
    void anEphemeralClientSecretReplacesTheKeyOnTheUpgrade() {
        JsonNode secret = fake.client().realtime()
                .clientSecret(Map.of("session", Map.of("type", "realtime", "model", MODEL))).orThrow().body();
        assertThat(SpecSchemas.problems("RealtimeCreateClientSecretResponse", secret)).isEmpty();
        String value = secret.path("value").asText();
        OpenAI keyless = OpenAI.newBuilder().baseUrl(server.baseUrl()).build();
        try (keyless; RealtimeSession session = keyless.realtime(MODEL,
                RealtimeOptions.defaults().withClientSecret(value))) {
            assertThat(session.isOpen()).isTrue();
        }
        assertThat(server.upgrades().get(0).headers()).containsEntry("authorization", "Bearer " + value);
    }

    @Test
    void aDatedAzureProfileOpensOpenaiRealtimeWithItsDeploymentApiVersionAndApiKeyHeader() {
        String resource = server.baseUrl().replace("/v1", "/openai/deployments/my-realtime");
        OpenAI azure = OpenAI.newBuilder().provider(Providers.azure("res", "my-realtime", "2025-04-01-preview")
                .withBaseUrl(resource)).apiKey("azure-key").build();
        try (azure; RealtimeSession session = azure.realtime(MODEL, RealtimeOptions.defaults())) {
            assertThat(session.isOpen()).isTrue();
        }
        FakeRealtime.Upgrade upgrade = server.upgrades().get(0);
        assertThat(upgrade.headers()).containsEntry("api-key", "azure-key").doesNotContainKey("authorization");
        assertThat(upgrade.target())
                .isEqualTo("/openai/realtime?api-version=2025-04-01-preview&deployment=my-realtime");
    }

    @Test
    void anAzureV1ProfileOpensV1RealtimeWithTheDeploymentAsTheModel() {
        OpenAI azure = OpenAI.newBuilder().provider(Providers.azureV1("res").withBaseUrl(server.baseUrl()))
                .apiKey("azure-key").build();
        try (azure; RealtimeSession session = azure.realtime("my-realtime", RealtimeOptions.defaults())) {
            assertThat(session.isOpen()).isTrue();
        }
        FakeRealtime.Upgrade upgrade = server.upgrades().get(0);
        assertThat(upgrade.headers()).containsEntry("api-key", "azure-key").doesNotContainKey("authorization");
        assertThat(upgrade.target()).isEqualTo("/v1/realtime?model=my-realtime");
    }

    @Test
    void anEventWithoutAStringTypeIsRefusedBeforeSending() {
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            assertThatThrownBy(() -> session.send(Map.of("event", "x"))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"type\"");
            assertThatThrownBy(() -> session.send(Map.of("type", 3))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> session.send(List.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("JSON object");
            session.send(Map.of("type", "input_audio_buffer.clear"));
        }
        awaitClientEvents(1);
        assertThat(server.clientEvents()).extracting(e -> e.path("type").asText()).containsExactly("input_audio_buffer.clear");
    }

    @Test
    void theCallbackFormRunsToolsCancelsAndReportsAServerClose() throws Exception {
        ToolLoop tools = ToolLoop.of(ToolFunction.of("now", "The time", Map.of("type", "object"), args -> "noon"));
        server.enqueue(RealtimeScript.functionCall("now", "{}"), RealtimeScript.text("It is noon."),
                RealtimeScript.slowText("a b c d e f g h i j k l m n o p", Duration.ofMillis(40)),
                RealtimeScript.closeAfter("Bye", 4000, "session expired"));
        List<String> statuses = new CopyOnWriteArrayList<>();
        StringBuilder text = new StringBuilder();
        CompletableFuture<RuntimeException> closed = new CompletableFuture<>();
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults().withToolLoop(tools));
        CountDownLatch responses = new CountDownLatch(3);
        session.listen(new RealtimeListener() {
            private boolean cancelled;

            @Override
            public void onEvent(JsonNode event) {
                String type = event.path("type").asText();
                if (type.equals("response.output_text.delta")) {
                    text.append(event.path("delta").asText());
                    if (statuses.size() == 2 && !cancelled) {
                        cancelled = true;
                        session.cancelResponse();
                    }
                } else if (type.equals("response.done")) {
                    statuses.add(event.at("/response/status").asText());
                    responses.countDown();
                }
            }

            @Override
            public void onClose(RuntimeException failure) {
                closed.complete(failure);
            }
        });
        session.sendText("What time is it?");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (statuses.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(statuses).containsExactly("completed", "completed");
        session.sendText("Count slowly");
        assertThat(responses.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(statuses).containsExactly("completed", "completed", "cancelled");
        session.sendText("Go on");
        assertThat(closed.get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(RealtimeClosedException.class, e -> {
            assertThat(e.code()).isEqualTo(4000);
            assertThat(e.reason()).isEqualTo("session expired");
        });
        assertThat(text.toString()).startsWith("It is noon.a ").endsWith("Bye");
        session.close();
        assertEventsFitTheSpec();
    }

    @Test
    void aListenerThatThrowsClosesTheSessionAndIsToldWhy() throws Exception {
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        CompletableFuture<RuntimeException> closed = new CompletableFuture<>();
        session.listen(new RealtimeListener() {
            @Override
            public void onEvent(JsonNode event) {
                throw new IllegalStateException("boom");
            }

            @Override
            public void onClose(RuntimeException failure) {
                closed.complete(failure);
            }
        });
        assertThat(closed.get(5, TimeUnit.SECONDS)).hasMessage("boom");
        assertThat(session.isOpen()).isFalse();
        assertThatThrownBy(session::events).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> session.listen(event -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theSpecCheckCatchesABrokenEvent() {
        JsonNode noDelta = Wire.object().put("event_id", "e").put("type", "response.output_text.delta")
                .put("response_id", "r").put("item_id", "i").put("output_index", 0).put("content_index", 0);
        assertThat(SpecSchemas.problems(component("RealtimeServerEvent", noDelta), noDelta)).isNotEmpty();
        JsonNode badClear = Wire.object().put("type", "input_audio_buffer.clear").put("event_id", 5);
        assertThat(SpecSchemas.problems(component("RealtimeClientEvent", badClear), badClear)).isNotEmpty();
        ObjectNode untypedUpdate = Wire.object().put("type", "session.update");
        untypedUpdate.putObject("session").putArray("output_modalities").add("text");
        assertThat(SpecSchemas.problems(component("RealtimeClientEvent", untypedUpdate), untypedUpdate))
                .as("the GA session.update needs session.type").isNotEmpty();
    }

    @Test
    void updateSessionAndSendTextSendEventsTheGaSchemaAccepts() {
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.updateSession(Map.of("output_modalities", List.of("text")));
            session.sendText("Hi");
            session.awaitReply(event -> { });
        }
        assertThat(server.clientEvents()).extracting(event -> event.path("type").asText())
                .containsExactly("session.update", "conversation.item.create", "response.create");
        assertThat(server.clientEvents().get(0).at("/session/type").asText()).isEqualTo("realtime");
        assertEventsFitTheSpec();
    }

    private void awaitClientEvents(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.clientEvents().size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private void assertEventsFitTheSpec() {
        for (JsonNode event : server.serverEvents()) {
            Set<ValidationMessage> problems = SpecSchemas.problems(component("RealtimeServerEvent", event), event);
            assertThat(problems).as("server event %s", event).isEmpty();
        }
        for (JsonNode event : server.clientEvents()) {
            Set<ValidationMessage> problems = SpecSchemas.problems(component("RealtimeClientEvent", event), event);
            assertThat(problems).as("client event %s", event).isEmpty();
        }
    }

    /** Returns the component schema of the event's type, so that a failure names the one schema it breaks. */
    private static String component(String prefix, JsonNode event) {
        return SpecSchemas.componentWithType(prefix, event.path("type").asText());
    }
}
