package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.batch.EmbeddingJob;
import io.github.javaopenai.transport.JdkHttpTransport;
import io.github.javaopenai.transport.RateLimitPacing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Many texts embedded online in packed requests, against the embedded server's rate limits. */
class EmbeddingJobTest {

    private static List<String> texts(int count) {
        return IntStream.range(0, count).mapToObj(i -> "text number " + i).toList();
    }

    @Test
    void deliversEveryVectorInInputOrderWithinTheRateLimitAndNoRetries() {
        try (FakeOpenAI server = FakeOpenAI.start();
                OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl()).apiKey(FakeOpenAI.API_KEY).maxRetries(0)
                        .transport(RateLimitPacing.wrap(JdkHttpTransport.create())).build()) {
            server.rateLimits(4, 1_000_000, Duration.ofMillis(300));
            List<String> texts = texts(2_000);
            List<Long> indexes = new ArrayList<>();
            List<float[]> samples = new ArrayList<>();

            long count = EmbeddingJob.newBuilder(client, "text-embedding-3-small").maxInputsPerRequest(150)
                    .concurrency(4).build().run(texts.iterator(), (index, vector) -> {
                        indexes.add(index);
                        if (index % 500 == 7) {
                            samples.add(vector);
                        }
                    });

            assertThat(count).isEqualTo(2_000);
            assertThat(indexes).containsExactlyElementsOf(LongRangeList.of(2_000));
            assertThat(server.rateLimitedRequests()).isZero();
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.json().path("input").size()).isLessThanOrEqualTo(150));
            assertThat(server.requests()).hasSize(14);
            for (int i = 0; i < samples.size(); i++) {
                String text = texts.get(500 * i + 7);
                var alone = client.embedding(List.of(text), Map.of("model", "text-embedding-3-small")).orThrow()
                        .body().at("/data/0/embedding");
                assertThat(samples.get(i)[0]).isEqualTo((float) alone.get(0).asDouble());
                assertThat(samples.get(i)[1535]).isEqualTo((float) alone.get(1535).asDouble());
            }
        }
    }

    @Test
    void packsRequestsWithinTheTokenBudget() {
        try (FakeOpenAI server = FakeOpenAI.start()) {
            List<String> texts = IntStream.range(0, 95).mapToObj(i -> "x".repeat(40)).toList(); // 10 tokens each

            long count = EmbeddingJob.newBuilder(server.client(), "text-embedding-3-small").maxTokensPerRequest(100)
                    .concurrency(2).build().run(texts.iterator(), (index, vector) -> { });

            assertThat(count).isEqualTo(95);
            assertThat(server.requests()).hasSize(10);
            assertThat(server.requests()).allSatisfy(r -> assertThat(r.json().path("input").size()).isLessThanOrEqualTo(10));
        }
    }

    /** The longs 0 until n, as a list. */
    private static final class LongRangeList {
        static List<Long> of(long n) {
            List<Long> list = new ArrayList<>();
            for (long i = 0; i < n; i++) {
                list.add(i);
            }
            return list;
        }
    }
}
