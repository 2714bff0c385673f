package io.github.javaopenai.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The async form of page iteration: the cursor rules of {@link Pages}, a page fetched only on demand. */
class AsyncPagesTest {

    private RecordingServer server;
    private ExecutorService userExecutor;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        userExecutor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "user-async");
            thread.setDaemon(true);
            return thread;
        });
        client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl()).maxRetries(0)
                .asyncExecutor(userExecutor).build();
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.path("id").asText()).toList();
    }

    @Test
    void collectsEveryItemFollowingLastIdUntilHasMoreIsFalse() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"b1\"},{\"id\":\"b2\"}],\"last_id\":\"b2\",\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"b3\"}],\"last_id\":\"b3\",\"has_more\":false}");

        List<JsonNode> batches = client.async().batches().iterate(Map.of("limit", 2)).collect().get(5, TimeUnit.SECONDS);

        assertThat(ids(batches)).containsExactly("b1", "b2", "b3");
        assertThat(server.take().query()).isEqualTo("limit=2");
        assertThat(server.take().query()).isEqualTo("limit=2&after=b2");
        assertThat(server.received()).isZero();
    }

    @Test
    void usesTheLastItemsIdAndTheCallersStartingCursor() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"i1\"}],\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"i2\"}],\"has_more\":false}");

        List<JsonNode> items = client.async().conversations().iterateItems("conv_1", Map.of("after", "i0")).collect()
                .get(5, TimeUnit.SECONDS);

        assertThat(ids(items)).containsExactly("i1", "i2");
        RecordingServer.Recorded first = server.take();
        assertThat(first.path()).isEqualTo("/v1/conversations/conv_1/items");
        assertThat(first.query()).isEqualTo("after=i0");
        assertThat(server.take().query()).isEqualTo("after=i1");
    }

    @Test
    void asksForTheNextPageOnlyWhenTheSubscriberWantsMoreThanItHas() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"f1\"},{\"id\":\"f2\"}],\"has_more\":true}")
                .replyJson(200, "{\"data\":[{\"id\":\"f3\"}],\"has_more\":false}");
        Recorder recorder = new Recorder();

        client.async().files().iterate(Map.of()).subscribe(recorder);
        Flow.Subscription subscription = recorder.subscribed.get(5, TimeUnit.SECONDS);
        assertThat(server.take().path()).isEqualTo("/v1/files"); // the first page is asked for at once
        subscription.request(2);
        assertThat(recorder.next()).isEqualTo("f1");
        assertThat(recorder.next()).isEqualTo("f2");
        Thread.sleep(200);
        assertThat(server.received()).as("no demand left, no page asked for").isZero();

        subscription.request(5);

        assertThat(recorder.next()).isEqualTo("f3");
        assertThat(server.take().query()).isEqualTo("after=f2");
        assertThat(recorder.next()).isEqualTo("complete");
        assertThat(recorder.threads).containsOnly("user-async");
    }

    @Test
    void aFailedPageEndsTheSubscriptionWithItsApiExceptionAfterTheItemsBefore() throws Exception {
        server.replyJson(200, "{\"data\":[{\"id\":\"b1\"}],\"has_more\":true}")
                .replyJson(500, "{\"error\":{\"message\":\"boom\"}}");
        Recorder recorder = new Recorder();

        client.async().batches().iterate(Map.of()).subscribe(recorder);
        recorder.subscribed.get(5, TimeUnit.SECONDS).request(10);

        assertThat(recorder.next()).isEqualTo("b1");
        assertThat(recorder.next()).isEqualTo("error");
        assertThat(recorder.failure).isInstanceOf(ApiException.class).hasMessageContaining("boom");
        server.replyJson(401, "{\"error\":{\"message\":\"bad key\"}}");
        assertThatThrownBy(() -> client.async().batches().iterate(Map.of()).collect().get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(ApiException.class);
    }

    @Test
    void cancellingAbortsThePageInFlight() throws Exception {
        CompletableFuture<ApiResponse> page = new CompletableFuture<>();
        CompletableFuture<Void> asked = new CompletableFuture<>();
        AsyncPages pages = AsyncPages.of("GET /things", after -> {
            asked.complete(null);
            return page;
        }, userExecutor);
        Recorder recorder = new Recorder();

        pages.subscribe(recorder);
        Flow.Subscription subscription = recorder.subscribed.get(5, TimeUnit.SECONDS);
        subscription.request(1);
        asked.get(5, TimeUnit.SECONDS);
        subscription.cancel();

        assertThat(page).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(CancellationException.class);
        Thread.sleep(100);
        assertThat(recorder.signals).as("nothing after cancel").isEmpty();
    }

    @Test
    void cancellingTheCollectFutureAbortsThePageInFlight() throws Exception {
        CompletableFuture<ApiResponse> page = new CompletableFuture<>();
        CompletableFuture<Void> asked = new CompletableFuture<>();
        CompletableFuture<List<JsonNode>> all = AsyncPages.of("GET /things", after -> {
            asked.complete(null);
            return page;
        }, userExecutor).collect();
        asked.get(5, TimeUnit.SECONDS);

        all.cancel(true);

        assertThat(page).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(CancellationException.class);
    }

    @Test
    void aNonPositiveRequestIsAnError() throws Exception {
        Recorder recorder = new Recorder();
        client.async().files().iterate(Map.of()).subscribe(recorder);

        recorder.subscribed.get(5, TimeUnit.SECONDS).request(0);

        assertThat(recorder.next()).isEqualTo("error");
        assertThat(recorder.failure).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badQueriesAreRefusedAtOnceWithNothingSent() {
        assertThatThrownBy(() -> client.async().files().iterate(Map.of("limit", List.of(Map.of()))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.async().inputItems(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("response_id");
        assertThat(server.received()).isZero();
    }

    /** Records what a subscriber is told: item ids, then "complete" or "error". */
    private static final class Recorder implements Flow.Subscriber<JsonNode> {
        final CompletableFuture<Flow.Subscription> subscribed = new CompletableFuture<>();
        final BlockingQueue<String> signals = new LinkedBlockingQueue<>();
        final List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile Throwable failure;

        String next() throws InterruptedException {
            String signal = signals.poll(5, TimeUnit.SECONDS);
            assertThat(signal).as("a signal within 5 s").isNotNull();
            return signal;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            threads.add(Thread.currentThread().getName());
            subscribed.complete(subscription);
        }

        @Override
        public void onNext(JsonNode item) {
            threads.add(Thread.currentThread().getName());
            signals.add(item.path("id").asText());
        }

        @Override
        public void onError(Throwable throwable) {
            failure = throwable;
            signals.add("error");
        }

        @Override
        public void onComplete() {
            threads.add(Thread.currentThread().getName());
            signals.add("complete");
        }
    }
}
