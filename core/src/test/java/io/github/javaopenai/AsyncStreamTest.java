package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.AuthenticationException;
import io.github.javaopenai.errors.StreamException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** Chat completion streams as {@code Flow.Publisher}s, over a real loopback server. */
class AsyncStreamTest {

    private static final List<?> HELLO = List.of(Messages.user("hello"));

    private EventServer server;
    private ExecutorService userExecutor;

    @BeforeEach
    void start() throws Exception {
        server = new EventServer();
        userExecutor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "user-stream");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private OpenAI client(String shape) {
        return OpenAI.newBuilder().apiKey("sk-stream").baseUrl(server.baseUrl(shape)).maxRetries(0)
                .asyncExecutor(userExecutor).build();
    }

    /** Records every signal, with the thread it came on, and requests only what the test says. */
    static final class Recorder implements Flow.Subscriber<JsonNode> {
        final List<JsonNode> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>(); // null when complete

        @Override
        public void onSubscribe(Flow.Subscription s) {
            threads.add(Thread.currentThread().getName());
            subscription.complete(s);
        }

        @Override
        public void onNext(JsonNode item) {
            threads.add(Thread.currentThread().getName());
            events.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            ended.complete(throwable);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }

        Flow.Subscription await() throws Exception {
            return subscription.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void requestOneDeliversOneAndTheRestOnlyWhenAskedForOnTheUsersExecutor() throws Exception {
        Recorder recorder = new Recorder();
        client("n5").async().streamChatCompletion(HELLO, Map.of()).subscribe(recorder);
        recorder.await().request(1);
        waitFor(() -> recorder.events.size() == 1);
        Thread.sleep(300);
        assertThat(recorder.events).hasSize(1);
        assertThat(recorder.ended).isNotDone();
        recorder.await().request(10);
        assertThat(recorder.ended.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(recorder.events).hasSize(5);
        assertThat(recorder.events.get(0).at("/choices/0/delta/content").asText()).isEqualTo("x");
        assertThat(recorder.threads).allMatch(name -> name.equals("user-stream"));
    }

    @Test
    void aSubscriberThatStopsAskingHoldsTheServerBackAndCancelAbortsTheExchange() throws Exception {
        Recorder recorder = new Recorder();
        client("n-1").async().streamChatCompletion(HELLO, Map.of()).subscribe(recorder);
        recorder.await().request(1);
        waitFor(() -> recorder.events.size() == 1);
        // The socket buffers fill, then the server's writes block: nothing more is read.
        long written = -1;
        for (int i = 0; i < 50 && written != server.chunksWritten.get(); i++) {
            written = server.chunksWritten.get();
            Thread.sleep(200);
        }
        assertThat(server.chunksWritten.get()).as("chunks written while the subscriber asked for nothing")
                .isEqualTo(written);
        assertThat(written).isLessThan(1_000_000); // bounded by socket buffers, not by the stream
        assertThat(recorder.events).hasSize(1);
        recorder.await().cancel();
        waitFor(() -> server.aborted.get() == 1);
        assertThat(recorder.ended).isNotDone(); // no signal after cancel
    }

    @Test
    void anErrorStatusArrivesAsOnErrorWithTheTypedException() throws Exception {
        Recorder recorder = new Recorder();
        client("s401").async().streamChatCompletion(HELLO, Map.of()).subscribe(recorder);
        recorder.await().request(1);
        assertThat(recorder.ended.get(5, TimeUnit.SECONDS)).isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("bad key");
    }

    @Test
    void aStreamCutShortArrivesAsStreamExceptionAfterTheEventsItCarried() throws Exception {
        Recorder recorder = new Recorder();
        client("cut2").async().streamChatCompletion(HELLO, Map.of()).subscribe(recorder);
        recorder.await().request(Long.MAX_VALUE);
        assertThat(recorder.ended.get(5, TimeUnit.SECONDS)).isExactlyInstanceOf(StreamException.class)
                .hasMessageContaining("ended");
        assertThat(recorder.events).hasSize(2);
    }

    @Test
    void reactorAdaptsTheStreamToAFlux() {
        Flux<JsonNode> events = JdkFlowAdapter.flowPublisherToFlux(
                client("n3").async().streamChatCompletion(HELLO, Map.of()));
        List<String> content = events.map(event -> event.at("/choices/0/delta/content").asText())
                .collectList().block(Duration.ofSeconds(5));
        assertThat(content).containsExactly("x", "x", "x");
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
