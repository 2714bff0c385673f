package io.github.javaopenai.transport.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.transport.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The behaviour of a {@link Transport}'s {@code sendAsync}, run once per transport and per protocol
 * against a real server ({@link TestHttpServer}) through {@code client.async()}: answers and events
 * arrive, a late answer times out, cancelling aborts the exchange on the server, and exchanges in
 * flight hold no thread of the blocking adapter's. Subclass it as {@link TransportContract}.
 */
public abstract class AsyncTransportContract {

    private static final String KEY = "sk-contract-test-key";
    /** The thread name of {@code Transport}'s default, blocking {@code sendAsync}. */
    private static final String BLOCKING_SEND_THREAD = "java-openai-blocking-send-";
    private static final String BLOCKING_SENDS = "io.github.javaopenai.transport.BlockingSends";

    protected TestHttpServer server;
    private Transport transport;
    private ExecutorService userExecutor;

    /** Returns the protocol the server speaks. */
    protected abstract TestHttpServer.Protocol protocol();

    /** Returns a new transport that trusts the test certificate through {@code ssl}. */
    protected abstract Transport newTransport(SSLContext ssl, Duration connectTimeout);

    @BeforeEach
    void startServer() throws Exception {
        server = TestHttpServer.start(protocol(), TransportContract.STREAM_LIMIT);
        transport = newTransport(TestHttpServer.clientSslContext(), Duration.ofSeconds(10));
        userExecutor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "user-async");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stopServer() throws Exception {
        transport.close();
        server.close();
        userExecutor.shutdownNow();
    }

    private OpenAI client(String route, Map<String, String> headers) {
        OpenAI.Builder builder = OpenAI.newBuilder().transport(transport).apiKey(KEY)
                .baseUrl(server.base() + route).defaultModel("test-model").maxRetries(0).asyncExecutor(userExecutor);
        headers.forEach(builder::header);
        return builder.build();
    }

    @Test
    @Timeout(30)
    void asyncJsonExchangeCompletesOnTheAsyncExecutor() throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        ApiResponse response = client("/json", Map.of()).async()
                .request("GET", "/models", null, Map.of("X-Echo", "hello"))
                .whenComplete((answer, failure) -> thread.complete(Thread.currentThread().getName()))
                .get(10, TimeUnit.SECONDS);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("echo").asText()).isEqualTo("hello");
        assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("user-async");
    }

    @Test
    @Timeout(30)
    void asyncEventStreamDeliversEveryEventInOrder() throws Exception {
        OpenAI sse = client("/sse", Map.of("x-test-events", "20", "x-test-gap-ms", "2"));
        List<Integer> seen = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        sse.async().streamChatCompletion(List.of(Messages.user("hi")), Map.of()).subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(JsonNode event) {
                seen.add(event.path("n").asInt());
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });

        done.get(10, TimeUnit.SECONDS);
        List<Integer> expected = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            expected.add(n);
        }
        assertThat(seen).containsExactlyElementsOf(expected);
    }

    @Test
    @Timeout(30)
    void asyncAnswerThatNeverComesEndsWithATimeoutAfterTheRequestTimeout() {
        long start = System.nanoTime();
        CompletableFuture<ApiResponse> call = client("/stall-headers", Map.of()).withTimeout(Duration.ofMillis(500))
                .async().request("GET", "/x", null);

        assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    @Timeout(30)
    void cancellingAnAsyncCallWaitingForItsHeadersAbortsTheExchange() throws Exception {
        CompletableFuture<ApiResponse> call = client("/hold-headers", Map.of()).async().request("GET", "/models", null);
        assertThat(eventually(() -> server.seen().size() == 1, Duration.ofSeconds(5))).isTrue();

        call.cancel(true);

        assertServerSawTheExchangeCancelled();
    }

    @Test
    @Timeout(30)
    void cancellingAnAsyncCallReadingItsBodyAbortsTheExchange() throws Exception {
        CompletableFuture<ApiResponse> call = client("/hold-body", Map.of()).async().request("GET", "/models", null);
        assertThat(eventually(() -> server.seen().size() == 1, Duration.ofSeconds(5))).isTrue();
        Thread.sleep(200); // the headers and the first bytes are on their way

        call.cancel(true);

        assertServerSawTheExchangeCancelled();
    }

    /**
     * Twenty calls whose answers the server holds: all reach it while none is answered, so all are
     * in flight at once, and none holds a thread of the blocking adapter.
     */
    @Test
    @Timeout(60)
    void asyncCallsInFlightHoldNoThreadEach() throws Exception {
        // A transport may send the first exchange to an origin alone, as OkHttpTransport does to learn
        // an HTTP/2 server's stream limit: that one goes first, answered at once.
        assertThat(client("/json", Map.of()).async().request("GET", "/models", null).get(10, TimeUnit.SECONDS)
                .status()).isEqualTo(200);
        OpenAI held = client("/hold-headers", Map.of());
        List<CompletableFuture<ApiResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            calls.add(held.async().request("GET", "/models", null));
        }
        assertThat(eventually(() -> server.seen().size() == 21, Duration.ofSeconds(20)))
                .as("all 20 held calls reached the server at once").isTrue();

        // Idle pool threads left by earlier tests wait in the pool's queue; busy ones run a send.
        long blockingSends = Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> thread.getKey().getName().startsWith(BLOCKING_SEND_THREAD))
                .filter(thread -> Arrays.stream(thread.getValue())
                        .anyMatch(frame -> frame.getClassName().startsWith(BLOCKING_SENDS)))
                .count();

        assertThat(blockingSends).as("threads of the blocking adapter while 20 calls wait").isZero();
        server.releaseHeld();
        for (CompletableFuture<ApiResponse> call : calls) {
            assertThat(call.get(20, TimeUnit.SECONDS).status()).isEqualTo(200);
        }
    }

    /** Lets the held exchange go on: its writes must fail, as the client cancelled it. */
    private void assertServerSawTheExchangeCancelled() throws InterruptedException {
        server.releaseHeld();
        assertThat(eventually(() -> server.cancelledHolds() + server.completedHolds() > 0, Duration.ofSeconds(10)))
                .as("the held exchange ended on the server").isTrue();
        assertThat(server.completedHolds()).as("held exchanges the client left open").isZero();
        assertThat(server.cancelledHolds()).as("held exchanges the client cancelled").isEqualTo(1);
    }

    private static boolean eventually(BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(20);
        }
        return condition.getAsBoolean();
    }
}
