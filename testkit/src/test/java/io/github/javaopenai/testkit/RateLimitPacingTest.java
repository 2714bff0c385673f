package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.RateLimitPacing;
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
