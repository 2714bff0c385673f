package io.github.javaopenai;

import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.transport.Headers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A stream is retried until its first event reaches the caller, and never after. */
class StreamRetryTest {

    private static final List<?> HI = List.of(Messages.user("hi"));
    private static final String ONE = "data: {\"n\":1}\n\n";
    private static final String TWO = "data: {\"n\":2}\n\n";
    private static final String DONE = "data: [DONE]\n\n";

    private final FakeRetryClock clock = new FakeRetryClock();
    private final ConcurrentLinkedQueue<Supplier<TransportResponse>> answers = new ConcurrentLinkedQueue<>();
    private final List<TransportRequest> sent = new CopyOnWriteArrayList<>();
    private final Transport transport = request -> {
        sent.add(request);
        Supplier<TransportResponse> next = answers.poll();
        if (next == null) {
            throw new AssertionError("no answer queued for attempt " + sent.size());
        }
        return next.get();
    };
    private final OpenAI client = OpenAI.newBuilder().transport(transport).build().withRetryClock(clock);

    private static TransportResponse sse(InputStream body) {
        return new TransportResponse(200, Headers.ofSingle(Map.of("Content-Type", "text/event-stream")), body);
    }

    private static InputStream text(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body that delivers the text, then fails as a reset connection does. */
    private static InputStream thenReset(String text) {
        return new SequenceInputStream(text(text), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new SocketException("Connection reset");
            }
        });
    }

    private StreamRetryTest answer(Supplier<TransportResponse> answer) {
        answers.add(answer);
        return this;
    }

    private List<Integer> streamToCallback() {
        List<Integer> seen = new ArrayList<>();
        client.createChatCompletion(HI, Map.of(), event -> seen.add(event.get("n").asInt()));
        return seen;
    }

    private List<String> retryCounts() {
        return sent.stream().map(r -> r.headers().first("X-Retry-Count").orElse("absent")).toList();
    }

    @Test
    void resetBeforeTheFirstEventIsRetriedAndEveryEventArrivesOnce() {
        answer(() -> sse(thenReset(""))).answer(() -> sse(text(ONE + TWO + DONE)));
        assertThat(streamToCallback()).containsExactly(1, 2);
        assertThat(retryCounts()).containsExactly("0", "1");
        assertThat(clock.sleptMillis()).containsExactly(500L);
    }

    @Test
    void resetAfterTheFirstEventIsNeverRetriedSoNothingIsDuplicated() {
        answer(() -> sse(thenReset(ONE))).answer(() -> sse(text(ONE + TWO + DONE)));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> client.createChatCompletion(HI, Map.of(), event -> seen.add(event.get("n").asInt())))
                .isInstanceOf(ConnectionException.class)
                .hasRootCauseMessage("Connection reset");
        assertThat(seen).containsExactly(1);
        assertThat(sent).hasSize(1);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void retryableStatusOnAStreamingRequestIsRetriedBeforeStreaming() {
        answer(() -> new TransportResponse(503, Headers.ofSingle(Map.of("Content-Type", "application/json")),
                text("{\"error\":{\"message\":\"busy\"}}")));
        answer(() -> sse(text(ONE + DONE)));
        assertThat(streamToCallback()).containsExactly(1);
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void connectionFailureBeforeTheResponseIsRetried() {
        Transport failingOnce = request -> {
            sent.add(request);
            if (sent.size() == 1) {
                throw new java.net.ConnectException("Connection refused");
            }
            return sse(text(ONE + DONE));
        };
        OpenAI flaky = OpenAI.newBuilder().transport(failingOnce).build().withRetryClock(clock);
        List<Integer> seen = new ArrayList<>();
        flaky.createChatCompletion(HI, Map.of(), event -> seen.add(event.get("n").asInt()));
        assertThat(seen).containsExactly(1);
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    @Test
    void resetBeforeTheFirstEventEveryTimeGivesUpAfterTheRetries() {
        for (int i = 0; i < 3; i++) {
            answer(() -> sse(thenReset(": keep-alive comment\n\n")));
        }
        assertThatThrownBy(this::streamToCallback).isInstanceOf(ConnectionException.class);
        assertThat(sent).hasSize(3);
    }

    @Test
    void pullStreamIsRetriedUntilItsFirstEventAndNotAfter() {
        answer(() -> sse(thenReset(""))).answer(() -> sse(thenReset(ONE)));
        List<Integer> seen = new ArrayList<>();
        try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
            assertThat(sent).hasSize(2);
            assertThatThrownBy(() -> events.forEach(e -> seen.add(e.get("n").asInt())))
                    .isInstanceOf(ConnectionException.class);
        }
        assertThat(seen).containsExactly(1);
        assertThat(sent).hasSize(2);
    }

    @Test
    void streamThatStallsBeforeItsFirstEventIsRetriedAndAfterItIsNot() {
        OpenAI idle = client.withStreamIdleTimeout(Duration.ofMillis(200));
        answer(() -> sse(stalling(""))).answer(() -> sse(stalling(ONE)));
        List<Integer> seen = new ArrayList<>();
        assertThatThrownBy(() -> idle.createChatCompletion(HI, Map.of(), e -> seen.add(e.get("n").asInt())))
                .isInstanceOf(StreamTimeoutException.class)
                .hasMessage("Stream stalled: no data for 200 ms (the stream idle timeout)");
        assertThat(seen).containsExactly(1);
        assertThat(retryCounts()).containsExactly("0", "1");
    }

    /** A body that delivers the text, then blocks until closed (at most five seconds). */
    private static InputStream stalling(String text) {
        return new SequenceInputStream(text(text), new InputStream() {
            private final java.util.concurrent.CountDownLatch closed = new java.util.concurrent.CountDownLatch(1);

            @Override
            public int read() throws IOException {
                try {
                    closed.await(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new IOException("closed");
            }

            @Override
            public void close() {
                closed.countDown();
            }
        });
    }

    @Test
    void errorEventIsTheServersAnswerAndIsNotRetried() {
        answer(() -> sse(text("data: {\"error\":{\"message\":\"overloaded\"}}\n\n")));
        List<JsonNode> seen = new ArrayList<>();
        client.createChatCompletion(HI, Map.of(), seen::add);
        assertThat(seen).hasSize(1);
        assertThat(sent).hasSize(1);
    }
}
