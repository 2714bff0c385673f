package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.RealtimeClosedException;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A realtime session's events as a {@link Flow.Publisher}: demand, errors, the end and cancel. */
@Timeout(30)
class RealtimeEventPublisherTest {

    private static final String MODEL = "gpt-realtime";

    private FakeOpenAI fake;
    private FakeRealtime server;
    private OpenAI client;

    @BeforeEach
    void start() {
        fake = FakeOpenAI.start();
        server = fake.realtime();
        client = server.client();
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aTextTurnArrivesOnTheSessionsEventThreadAndClosingCompletes() throws Exception {
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        Recorder recorder = subscribe(session);
        recorder.subscription().request(Long.MAX_VALUE);

        session.sendText("Hello there");
        StringBuilder text = new StringBuilder();
        for (JsonNode event = recorder.next(); !type(event).equals("response.done"); event = recorder.next()) {
            if (type(event).equals("response.output_text.delta")) {
                text.append(event.path("delta").asText());
            }
        }
        session.close();

        assertThat(text.toString()).isEqualTo(Wire.echo("Hello there"));
        assertThat(recorder.end.get(5, TimeUnit.SECONDS)).isEqualTo("complete");
        assertThat(recorder.threads).containsOnly("java-openai-realtime-events");
    }

    @Test
    void nothingIsDeliveredBeyondDemandAndTheServerIsHeldBack() throws Exception {
        String longText = "word ".repeat(3_000).trim();
        server.enqueue(RealtimeScript.text(longText));
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            Recorder recorder = subscribe(session);
            recorder.subscription().request(1);
            assertThat(type(recorder.next())).isEqualTo("session.created");
            session.updateSession(Map.of("output_modalities", List.of("audio")));
            session.sendText("Talk a lot");

            Thread.sleep(1_500); // no demand: nothing delivered, and the server must block on a full socket
            assertThat(recorder.events).isEmpty();
            assertThat(server.serverEvents().size()).isLessThan(2 * 3_000);

            recorder.subscription().request(2);
            assertThat(recorder.next()).isNotNull();
            assertThat(recorder.next()).isNotNull();
            Thread.sleep(200);
            assertThat(recorder.events).as("two asked for, two delivered").isEmpty();

            recorder.subscription().request(Long.MAX_VALUE);
            StringBuilder transcript = new StringBuilder();
            for (JsonNode event = recorder.next(); !type(event).equals("response.done"); event = recorder.next()) {
                if (type(event).equals("response.output_audio_transcript.delta")) {
                    transcript.append(event.path("delta").asText());
                }
            }
            assertThat(transcript.toString()).isEqualTo(longText);
        }
    }

    @Test
    void anErrorEventIsAnEventAndTheSessionGoesOn() throws Exception {
        server.enqueue(RealtimeScript.error("invalid_value", "Something is off"));
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            Recorder recorder = subscribe(session);
            recorder.subscription().request(Long.MAX_VALUE);
            session.sendText("First");
            JsonNode event = recorder.next();
            while (!type(event).equals("error")) {
                event = recorder.next();
            }
            assertThat(event.at("/error/code").asText()).isEqualTo("invalid_value");

            session.sendText("Second");
            while (!type(event).equals("response.output_text.done")) {
                event = recorder.next();
            }
            assertThat(event.path("text").asText()).isEqualTo(Wire.echo("Second"));
        }
    }

    @Test
    void aServerCloseEndsTheSubscriptionWithItsCodeAndReason() throws Exception {
        server.enqueue(RealtimeScript.closeAfter("Hello partial world", 1011, "upstream failed"));
        try (RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            Recorder recorder = subscribe(session);
            recorder.subscription().request(Long.MAX_VALUE);
            session.sendText("Hi");

            assertThat(recorder.end.get(10, TimeUnit.SECONDS)).isEqualTo("error");
            assertThat(recorder.failure).isInstanceOfSatisfying(RealtimeClosedException.class, e -> {
                assertThat(e.code()).isEqualTo(1011);
                assertThat(e.reason()).isEqualTo("upstream failed");
            });
        }
    }

    @Test
    void cancellingClosesTheSessionAndEndsTheSignals() throws Exception {
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        Recorder recorder = subscribe(session);
        recorder.subscription().request(1);
        recorder.next();

        recorder.subscription().cancel();

        assertThat(session.isOpen()).isFalse();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.clientCloseCodes().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(server.clientCloseCodes()).containsExactly(1000);
        Thread.sleep(200);
        assertThat(recorder.end).isNotDone();
    }

    @Test
    void aNonPositiveRequestAndASecondSubscriberAreErrors() throws Exception {
        RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults());
        Recorder first = subscribe(session);
        Recorder second = subscribe(session);
        assertThat(second.end.get(5, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(second.failure).isInstanceOf(IllegalStateException.class);

        first.subscription().request(0);

        assertThat(first.end.get(5, TimeUnit.SECONDS)).isEqualTo("error");
        assertThat(first.failure).isInstanceOf(IllegalArgumentException.class);
        assertThat(session.isOpen()).isFalse();
    }

    @Test
    void pingsTheServerWhileTheSubscriberAsksForNothing() throws Exception {
        RealtimeOptions options = RealtimeOptions.defaults().withPingInterval(Duration.ofMillis(100));
        try (RealtimeSession session = client.realtime(MODEL, options)) {
            subscribe(session); // asks for nothing: the first event waits for demand
            Thread.sleep(700);
        }
        assertThat(server.pingsReceived()).isGreaterThanOrEqualTo(3);
    }

    private static Recorder subscribe(RealtimeSession session) {
        Recorder recorder = new Recorder();
        session.eventPublisher().subscribe(recorder);
        return recorder;
    }

    private static String type(JsonNode event) {
        return event.path("type").asText();
    }

    /** Records the events, the thread of each signal, and how the subscription ended. */
    private static final class Recorder implements Flow.Subscriber<JsonNode> {
        final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
        final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<String> end = new CompletableFuture<>();
        volatile Throwable failure;

        Flow.Subscription subscription() throws Exception {
            return subscribed.get(5, TimeUnit.SECONDS);
        }

        JsonNode next() throws InterruptedException {
            JsonNode event = events.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("an event within 10 s").isNotNull();
            return event;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscribed.complete(subscription);
        }

        @Override
        public void onNext(JsonNode item) {
            threads.add(Thread.currentThread().getName());
            events.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            end.complete("error");
        }

        @Override
        public void onComplete() {
            threads.add(Thread.currentThread().getName());
            end.complete("complete");
        }
    }
}
