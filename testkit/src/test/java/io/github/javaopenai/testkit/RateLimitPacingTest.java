package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.RateLimitPacing;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A burst of concurrent calls against a server enforcing per-window limits, with and without pacing. */
class RateLimitPacingTest {

    /** Sends {@code count} embedding requests from 8 threads and returns their statuses. */
    private static List<Integer> burst(OpenAI client, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ApiResponse>> calls = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String input = "text " + i;
                calls.add(pool.submit(() -> client.embedding(input, Map.of("model", "text-embedding-3-small"))));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<ApiResponse> call : calls) {
                statuses.add(call.get(60, TimeUnit.SECONDS).status());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    private static OpenAI client(FakeOpenAI server, boolean paced) {
        JdkHttpTransport transport = JdkHttpTransport.create();
        return OpenAI.newBuilder().baseUrl(server.baseUrl()).apiKey(FakeOpenAI.API_KEY).maxRetries(0)
                .transport(paced ? RateLimitPacing.wrap(transport) : transport).build();
    }

    @Test
    void aPacedBurstWaitsForTheRequestWindowInsteadOfMeetingA429() throws Exception {
        try (FakeOpenAI server = FakeOpenAI.start(); OpenAI client = client(server, true)) {
            server.rateLimits(10, 1_000_000, Duration.ofMillis(500));
            long start = System.nanoTime();

            List<Integer> statuses = burst(client, 30);

            assertThat(statuses).containsOnly(200); // no retries: a 429 would reach the caller
            assertThat(server.rateLimitedRequests()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        }
    }

    @Test
    void aPacedBurstWhoseAnswersTakeTimeMeetsNoRateLimit() throws Exception {
        // answers come back 30 ms after the server counted their request, as a model's would
        Transport slowAnswers = new Transport() {
            private final Transport delegate = JdkHttpTransport.create();

            @Override
            public TransportResponse send(TransportRequest request) throws IOException {
                TransportResponse response = delegate.send(request);
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException();
                }
                return response;
            }

            @Override
            public void close() {
                delegate.close();
            }
        };
        try (FakeOpenAI server = FakeOpenAI.start(); OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl())
                .apiKey(FakeOpenAI.API_KEY).maxRetries(0).transport(RateLimitPacing.wrap(slowAnswers)).build()) {
            server.rateLimits(20, 1_000_000, Duration.ofMillis(500));
            burst(client, 8); // warms up the client and the server, and the pacer hears of the limit

            List<Integer> statuses = burst(client, 200);

            // How close to the limit it runs is a benchmark figure (RateLimitedEmbeddings in the
            // benchmarks module, docs/BENCHMARKS.md), not a timed test on a shared machine.
            assertThat(statuses).containsOnly(200);
            assertThat(server.rateLimitedRequests()).isZero();
        }
    }

    @Test
    void aPacedBurstAlsoKeepsWithinTheTokenLimit() throws Exception {
        try (FakeOpenAI server = FakeOpenAI.start(); OpenAI client = client(server, true)) {
            server.rateLimits(1_000, 200, Duration.ofMillis(500)); // about ten of these bodies per window

            List<Integer> statuses = burst(client, 30);

            assertThat(statuses).containsOnly(200);
            assertThat(server.rateLimitedRequests()).isZero();
        }
    }

    @Test
    void anUnpacedBurstMeetsTheLimit() throws Exception {
        try (FakeOpenAI server = FakeOpenAI.start(); OpenAI client = client(server, false)) {
            server.rateLimits(10, 1_000_000, Duration.ofSeconds(5));

            List<Integer> statuses = burst(client, 30);

            assertThat(statuses).contains(429);
            assertThat(server.rateLimitedRequests()).isPositive();
        }
    }
}
