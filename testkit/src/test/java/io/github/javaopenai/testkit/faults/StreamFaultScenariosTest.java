package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fault-injection suite for streams: no event lost, none delivered twice. */
class StreamFaultScenariosTest {

    private static final List<?> HI = List.of(Messages.user("hi"));
    private static final List<String> EVENTS = List.of("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");

    private static OpenAI client(FaultServer server) {
        return OpenAI.newBuilder().apiKey("sk-stream-faults").baseUrl(server.baseUrl()).build();
    }

    private static List<Integer> stream(OpenAI client, List<Integer> seen) {
        client.createChatCompletion(HI, Map.of(), event -> seen.add(event.get("n").asInt()));
        return seen;
    }

    private static List<String> retryCounts(FaultServer server) {
        return server.requests().stream().map(r -> r.header("X-Retry-Count").orElse("absent")).toList();
    }

    @Test
    void resetAfterTheHeadersBeforeTheFirstEventIsRetriedAndEveryEventArrivesOnce() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(List.of()), Faults.sse(EVENTS))) {
            assertThat(stream(client(server), new ArrayList<>())).containsExactly(1, 2, 3);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void resetAfterTheFirstEventRaisesWithoutRetryingSoNothingIsDuplicated() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(EVENTS.subList(0, 1)), Faults.sse(EVENTS))) {
            List<Integer> seen = new ArrayList<>();
            assertThatThrownBy(() -> stream(client(server), seen))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("Request to 127.0.0.1:" + server.port() + " failed: ");
            assertThat(seen).containsExactly(1);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void pullStreamResetAfterTwoEventsKeepsThoseTwoAndRaises() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenReset(EVENTS.subList(0, 2)))) {
            List<Integer> seen = new ArrayList<>();
            try (EventStream events = client(server).streamChatCompletion(HI, Map.of())) {
                assertThatThrownBy(() -> events.forEach(e -> seen.add(e.get("n").asInt())))
                        .isInstanceOf(ConnectionException.class);
            }
            assertThat(seen).containsExactly(1, 2);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void streamThatStallsAfterAnEventRaisesStreamTimeoutExceptionAfterTheIdleTimeout() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenStall(EVENTS.subList(0, 1), Duration.ofSeconds(5)))) {
            OpenAI idle = client(server).withStreamIdleTimeout(Duration.ofMillis(300));
            List<Integer> seen = new ArrayList<>();
            assertThatThrownBy(() -> stream(idle, seen))
                    .isInstanceOf(StreamTimeoutException.class)
                    .hasMessage("Stream stalled: no data for 300 ms (the stream idle timeout)");
            assertThat(seen).containsExactly(1);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void streamThatStallsBeforeItsFirstEventIsRetried() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.sseThenStall(List.of(), Duration.ofSeconds(5)),
                Faults.sse(EVENTS))) {
            OpenAI idle = client(server).withStreamIdleTimeout(Duration.ofMillis(300));
            assertThat(stream(idle, new ArrayList<>())).containsExactly(1, 2, 3);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void rateLimitedStreamWaitsRetryAfterThenStreams() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.rateLimited("0.2"), Faults.sse(EVENTS))) {
            assertThat(stream(client(server), new ArrayList<>())).containsExactly(1, 2, 3);
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
            long[] seen = {0};
            ApiResponse response = client(server).createChatCompletion(HI, Map.of(), e -> seen[0]++);
            assertThat(response.status()).isEqualTo(200);
            assertThat(seen[0]).isEqualTo(count);
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void jsonAnswerToAStreamingRequestIsReturnedWholeWithoutEvents() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.json(200, "{\"object\":\"chat.completion\"}"))) {
            List<JsonNode> seen = new ArrayList<>();
            ApiResponse response = client(server).createChatCompletion(HI, Map.of(), seen::add);
            assertThat(response.body().get("object").asText()).isEqualTo("chat.completion");
            assertThat(seen).isEmpty();
        }
    }

    @Test
    void htmlBadGatewayOnAStreamingRequestIsRetriedThenReturnedWhole() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.htmlBadGateway())) {
            List<JsonNode> seen = new ArrayList<>();
            ApiResponse response = client(server).createChatCompletion(HI, Map.of(), seen::add);
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.bodyText()).contains("<h1>502 Bad Gateway</h1>");
            assertThat(seen).isEmpty();
            assertThat(server.requests()).hasSize(3);
        }
    }
}
