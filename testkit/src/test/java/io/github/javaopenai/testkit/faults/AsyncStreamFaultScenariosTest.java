package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.InternalServerException;
import io.github.javaopenai.errors.StreamTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The stream fault scenarios of {@link StreamFaultScenariosTest} through the
 * {@code Flow.Publisher} of {@code client.async().streamChatCompletion}: no event lost, none
 * delivered twice, the same exception types as {@code onError}.
 */
class AsyncStreamFaultScenariosTest {

    private static final List<?> HI = List.of(Messages.user("hi"));
    private static final List<String> EVENTS = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

    private static OpenAI client(FaultServer server) {
        return OpenAI.newBuilder().apiKey("sk-stream-faults").baseUrl(server.baseUrl()).build();
    }

    /** What a subscriber that asks for everything saw: the events' {@code n}, and how it ended. */
    record Outcome(List<Integer> seen, Throwable failure) {
    }

    private static Outcome stream(OpenAI client) throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CompletableFuture<Throwable> ended = new CompletableFuture<>();
        client.async().streamChatCompletion(HI, Map.of()).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode item) {
                seen.add(item.path("n").asInt(-1));
            }

            @Override
            public void onError(Throwable throwable) {
                ended.complete(throwable);
            }

            @Override
            public void onComplete() {
                ended.complete(null);
            }
        });
        return new Outcome(seen, ended.get(30, TimeUnit.SECONDS));
    }

    private static List<String> retryCounts(FaultServer server) {
        return server.requests().stream().map(r -> r.header("X-Retry-Count").orElse("absent")).toList();
    }

    @Test
    void resetAfterTheHeadersBeforeTheFirstEventIsRetriedAndEveryEventArrivesOnce() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(List.of()), Faults.sse(EVENTS))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.seen()).containsExactly(1, 2, 3);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void streamThatStallsBeforeItsFirstEventIsRetried() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenStall(List.of(), Duration.ofSeconds(5)),
                Faults.sse(EVENTS))) {
            Outcome outcome = stream(client(server).withStreamIdleTimeout(Duration.ofMillis(300)));
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.seen()).containsExactly(1, 2, 3);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void resetBeforeTheFirstEventEveryTimeEndsWithConnectionExceptionAfterThreeAttempts() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(List.of()))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isInstanceOf(ConnectionException.class);
            assertThat(outcome.seen()).isEmpty();
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void resetAfterTheFirstEventEndsWithConnectionExceptionWithoutRetryingSoNothingIsDuplicated() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(EVENTS.subList(0, 1)), Faults.sse(EVENTS))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("Request to 127.0.0.1:" + server.port() + " failed: ");
            assertThat(outcome.seen()).containsExactly(1);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void resetAfterTwoEventsKeepsThoseTwoAndEndsWithConnectionException() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(EVENTS.subList(0, 2)))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isInstanceOf(ConnectionException.class);
            assertThat(outcome.seen()).containsExactly(1, 2);
        }
    }

    @Test
    void streamThatStallsAfterAnEventEndsWithStreamTimeoutExceptionAfterTheIdleTimeout() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenStall(EVENTS.subList(0, 1), Duration.ofSeconds(5)))) {
            Outcome outcome = stream(client(server).withStreamIdleTimeout(Duration.ofMillis(300)));
            assertThat(outcome.failure()).isInstanceOf(StreamTimeoutException.class)
                    .hasMessage("Stream stalled: no data for 300 ms (the stream idle timeout)");
            assertThat(outcome.seen()).containsExactly(1);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void rateLimitedStreamWaitsRetryAfterThenStreams() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.rateLimited("0.2"), Faults.sse(EVENTS))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.seen()).containsExactly(1, 2, 3);
            List<FaultRequest> requests = server.requests();
            assertThat((requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000)
                    .isGreaterThanOrEqualTo(190);
        }
    }

    @Test
    void hundredMegabyteStreamIsDeliveredEventByEvent() throws Exception {
        String event = "{\"n\":1,\"pad\":\"" + "x".repeat(1000) + "\"}";
        int count = 100 * 1024;
        try (FaultServer server = FaultServer.start(Faults.sseRepeated(event, count))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.seen()).hasSize(count);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void jsonAnswerToAStreamingRequestIsItsOneEvent() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.json(200, "{\"n\":7}"))) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isNull();
            assertThat(outcome.seen()).containsExactly(7);
        }
    }

    @Test
    void htmlBadGatewayOnAStreamingRequestIsRetriedThenEndsWithTheTypedError() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.htmlBadGateway())) {
            Outcome outcome = stream(client(server));
            assertThat(outcome.failure()).isInstanceOf(InternalServerException.class)
                    .hasMessageContaining("502 Bad Gateway");
            assertThat(outcome.seen()).isEmpty();
            assertThat(server.requests()).hasSize(3);
        }
    }
}
