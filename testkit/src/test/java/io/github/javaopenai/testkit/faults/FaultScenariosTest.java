package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.InternalServerException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection suite for plain (non-streaming) requests: each scenario from
 * docs/RELIABILITY.md, with the outcome and the number of attempts asserted.
 */
class FaultScenariosTest {

    private static final String KEY = "sk-fault-suite-key";
    private static final String OK = "{\"object\":\"list\",\"data\":[{\"id\":\"m1\"}]}";

    private static OpenAI client(FaultServer server) {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).build();
    }

    private static List<String> retryCounts(FaultServer server) {
        return server.requests().stream().map(r -> r.header("X-Retry-Count").orElse("absent")).toList();
    }

    @Test
    void rateLimitWithRetryAfterSucceedsOnTheSecondAttemptAfterTheWait() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.rateLimited("1"), Faults.json(200, OK))) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            assertThat(retryCounts(server)).containsExactly("0", "1");
            List<FaultRequest> requests = server.requests();
            long gapMillis = (requests.get(1).receivedNanos() - requests.get(0).receivedNanos()) / 1_000_000;
            assertThat(gapMillis).isGreaterThanOrEqualTo(950);
        }
    }

    @Test
    void serviceUnavailableTwiceThenSuccessTakesThreeAttempts() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.status(503), Faults.status(503), Faults.json(200, OK))) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().at("/data/0/id").asText()).isEqualTo("m1");
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void serviceUnavailableEveryTimeGivesUpAfterThreeAttemptsWithTheTypedError() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.status(503))) {
            assertThatThrownBy(() -> client(server).models().list().orThrow())
                    .isInstanceOf(InternalServerException.class)
                    .hasMessage("Bad status: 503: injected status 503 (injected)");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void connectionResetBeforeTheResponseIsRetried() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.resetBeforeResponse(), Faults.json(200, OK))) {
            assertThat(client(server).embedding("text").status()).isEqualTo(200);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void connectionResetEveryTimeRaisesConnectionExceptionAfterThreeAttempts() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.resetBeforeResponse())) {
            assertThatThrownBy(() -> client(server).embedding("text"))
                    .isExactlyInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("Request to 127.0.0.1:" + server.port() + " failed: ")
                    .hasMessageNotContaining(KEY);
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void resetGetIsSentOncePerAttempt() throws Exception {
        // Over plain HTTP the default transport reads answers from its own sockets, which never
        // send a request again behind the retry policy's back (java.net.http re-sends an
        // idempotent one by itself when the connection drops before any response).
        try (FaultServer server = FaultServer.start(Faults.resetBeforeResponse())) {
            assertThatThrownBy(() -> client(server).models().list()).isExactlyInstanceOf(ConnectionException.class);
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void truncatedJsonIsReturnedAsRawTextNotAParseError() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.truncatedJson())) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().isTextual()).isTrue();
            assertThat(response.body().textValue()).endsWith("\"index\":0,\"mess");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void bodyShorterThanItsLengthIsRetriedThenRaised() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.shortBody())) {
            assertThatThrownBy(() -> client(server).models().list())
                    .isExactlyInstanceOf(ConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharacters() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.invalidUtf8())) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).contains("bad ").contains("\uFFFD").endsWith(" end\"}");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void hundredMegabyteBodyArrivesWhole() throws Exception {
        int elements = 100 * 1024;
        try (FaultServer server = FaultServer.start(Faults.hugeJson(elements))) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            var data = response.body().get("data");
            assertThat(data.size()).isEqualTo(elements);
            assertThat(data.get(elements - 1).textValue()).hasSize(1022).matches("x+");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void headersThatDripSlowlyStillArriveWithinTheTimeout() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.dripHeaders(Duration.ofMillis(10), OK))) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().at("/data/0/id").asText()).isEqualTo("m1");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void headersThatDripPastTheTimeoutRaiseApiTimeoutExceptionOnEveryAttempt() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.dripHeaders(Duration.ofMillis(50), OK))) {
            OpenAI impatient = client(server).withTimeout(Duration.ofMillis(400)).withMaxRetries(1);
            assertThatThrownBy(() -> impatient.models().list())
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageStartingWith("Request to 127.0.0.1:" + server.port() + " timed out: ");
            assertThat(server.requests()).hasSize(2);
        }
    }

    @Test
    void bodyThatStallsRaisesApiTimeoutExceptionAfterTheIdleTimeout() throws Exception {
        Fault stall = Faults.then(exchange -> {
            exchange.writeHead(200, Map.of("Content-Type", "application/json"), 100);
            exchange.write("{\"partial\":");
        }, Faults.silence(Duration.ofSeconds(3)));
        try (FaultServer server = FaultServer.start(stall)) {
            OpenAI idle = client(server).withStreamIdleTimeout(Duration.ofMillis(300)).withMaxRetries(0);
            assertThatThrownBy(() -> idle.models().list())
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("no data received for 300 ms");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void wrongContentTypeStillDecodesJsonByItsContent() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.wrongContentType("text/html; charset=utf-8", OK))) {
            ApiResponse response = client(server).models().list();
            assertThat(response.body().at("/data/0/id").asText()).isEqualTo("m1");
        }
    }

    @Test
    void htmlBadGatewayIsRetriedThenGivesAReadableMessage() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.htmlBadGateway())) {
            ApiResponse response = client(server).models().list();
            assertThat(response.status()).isEqualTo(502);
            assertThat(server.requests()).hasSize(3);
            assertThatThrownBy(response::orThrow)
                    .isInstanceOf(InternalServerException.class)
                    .hasMessage("Bad status: 502: 502 Bad Gateway 502 Bad Gateway nginx/1.25.3");
        }
    }

    @Test
    void requestBodyIsSentAgainWholeOnEveryAttempt() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.status(500), Faults.json(200, "{}"))) {
            client(server).embedding("some text");
            List<FaultRequest> requests = server.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
            assertThat(requests.get(0).bodyText()).contains("\"some text\"");
        }
    }

    @Test
    void serverClosesEveryConnectionItOpened() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.json(200, OK))) {
            for (int i = 0; i < 5; i++) {
                client(server).models().list();
            }
            for (int i = 0; i < 100 && server.openConnections() > 0; i++) {
                Thread.sleep(20);
            }
            assertThat(server.openConnections()).isZero();
            assertThat(server.requests()).hasSize(5);
            assertThat(server.requests().get(0).bodyText().getBytes(StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
