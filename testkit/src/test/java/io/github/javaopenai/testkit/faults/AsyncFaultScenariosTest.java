package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.InternalServerException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fault-injection scenarios of {@link FaultScenariosTest} through {@code client.async()}: the
 * same outcomes, attempts and exception types, with the calls' futures.
 */
class AsyncFaultScenariosTest {

    private static final String KEY = "sk-async-fault-suite-key";
    private static final String OK = "{\"object\":\"list\",\"data\":[{\"id\":\"m1\"}]}";

    private static OpenAI client(FaultServer server) {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).build();
    }

    /** Waits for the future, throwing what it failed with, as the blocking call would. */
    private static ApiResponse await(CompletableFuture<ApiResponse> future) throws Exception {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static ApiResponse listModels(OpenAI client) throws Exception {
        return await(client.async().request("GET", "/models", null));
    }

    private static List<String> retryCounts(FaultServer server) {
        return server.requests().stream().map(r -> r.header("X-Retry-Count").orElse("absent")).toList();
    }

    @Test
    void rateLimitWithRetryAfterSucceedsOnTheSecondAttemptAfterTheWait() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.rateLimited("1"), Faults.json(200, OK))) {
            ApiResponse response = listModels(client(server));
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
            ApiResponse response = listModels(client(server));
            assertThat(response.body().at("/data/0/id").asText()).isEqualTo("m1");
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void serviceUnavailableEveryTimeGivesUpAfterThreeAttemptsWithTheTypedError() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.status(503))) {
            assertThatThrownBy(() -> listModels(client(server)).orThrow())
                    .isInstanceOf(InternalServerException.class)
                    .hasMessage("Bad status: 503: injected status 503 (injected)");
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void connectionResetBeforeTheResponseIsRetried() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.resetBeforeResponse(), Faults.json(200, OK))) {
            assertThat(await(client(server).async().embedding("text")).status()).isEqualTo(200);
            assertThat(retryCounts(server)).containsExactly("0", "1");
        }
    }

    @Test
    void connectionResetEveryTimeRaisesConnectionExceptionAfterThreeAttempts() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.resetBeforeResponse())) {
            assertThatThrownBy(() -> await(client(server).async().embedding("text")))
                    .isExactlyInstanceOf(ConnectionException.class)
                    .hasMessageStartingWith("Request to 127.0.0.1:" + server.port() + " failed: ")
                    .hasMessageNotContaining(KEY);
            assertThat(retryCounts(server)).containsExactly("0", "1", "2");
        }
    }

    @Test
    void truncatedJsonIsReturnedAsRawTextNotAParseError() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.truncatedJson())) {
            ApiResponse response = listModels(client(server));
            assertThat(response.body().textValue()).endsWith("\"index\":0,\"mess");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void bodyShorterThanItsLengthIsRetriedThenRaised() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.shortBody())) {
            assertThatThrownBy(() -> listModels(client(server)))
                    .isExactlyInstanceOf(ConnectionException.class)
                    .hasMessageContaining("127.0.0.1:" + server.port());
            assertThat(server.requests()).hasSize(3);
        }
    }

    @Test
    void invalidUtf8IsDecodedWithReplacementCharacters() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.invalidUtf8())) {
            ApiResponse response = listModels(client(server));
            assertThat(response.bodyText()).contains("bad ").contains("\uFFFD").endsWith(" end\"}");
        }
    }

    @Test
    void hundredMegabyteBodyArrivesWhole() throws Exception {
        int elements = 100 * 1024;
        try (FaultServer server = FaultServer.start(Faults.hugeJson(elements))) {
            ApiResponse response = listModels(client(server));
            var data = response.body().get("data");
            assertThat(data.size()).isEqualTo(elements);
            assertThat(data.get(elements - 1).textValue()).hasSize(1022).matches("x+");
        }
    }

    @Test
    void headersThatDripPastTheTimeoutRaiseApiTimeoutExceptionOnEveryAttempt() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.dripHeaders(Duration.ofMillis(50), OK))) {
            OpenAI impatient = client(server).withTimeout(Duration.ofMillis(400)).withMaxRetries(1);
            assertThatThrownBy(() -> listModels(impatient))
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
            assertThatThrownBy(() -> listModels(idle))
                    .isInstanceOf(ApiTimeoutException.class)
                    .hasMessageContaining("no data received for 300 ms");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void htmlBadGatewayIsRetriedThenGivesAReadableMessage() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.htmlBadGateway())) {
            ApiResponse response = listModels(client(server));
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
            await(client(server).async().embedding("some text"));
            List<FaultRequest> requests = server.requests();
            assertThat(requests).hasSize(2);
            assertThat(requests.get(1).body()).isEqualTo(requests.get(0).body());
            assertThat(requests.get(0).bodyText()).contains("\"some text\"");
        }
    }
}
