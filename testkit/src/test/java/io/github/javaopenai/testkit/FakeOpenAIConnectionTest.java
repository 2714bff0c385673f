package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How the fake answers on the wire, apart from what it answers. */
class FakeOpenAIConnectionTest {

    /**
     * With Nagle's algorithm on the JDK server's sockets, each answer's body waited for the
     * client's delayed ACK of its headers: about 40 ms a request, 2 s for these 50. The bound is
     * generous; without the wait they take a few milliseconds.
     */
    @Test
    void sequentialRequestsAreNotHeldBackByDelayedAcks() {
        try (FakeOpenAI fake = FakeOpenAI.start();
                OpenAI client = OpenAI.newBuilder().baseUrl(fake.baseUrl()).apiKey(FakeOpenAI.API_KEY).build()) {
            client.models().list().orThrow(); // connects
            long start = System.nanoTime();
            for (int i = 0; i < 50; i++) {
                assertThat(client.models().list().orThrow().body().path("data").size()).isPositive();
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        }
    }
}
