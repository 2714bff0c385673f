package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.ListenerTest.Recorder;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.AuthenticationException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.transport.Headers;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners see each step of {@code client.async()} calls and streams as they see the blocking
 * ones, on the caller's thread at the start and on the async executor after it.
 */
class AsyncListenerTest {

    private static final String KEY = "sk-async-listener-key";
    private static final List<?> HI = List.of(Messages.user("secret prompt"));
    private static final String CHAT = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"model\":\"gpt-x-2025\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello there\"},"
            + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,"
            + "\"prompt_tokens_details\":{\"cached_tokens\":3},\"completion_tokens_details\":{\"reasoning_tokens\":2}}}";
    private static final String CHAT_STREAM = ""
            + "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-x-2025\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"
            + "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-x-2025\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"lo\"},"
            + "\"finish_reason\":\"length\"}]}\n\n"
            + "data: {\"id\":\"chatcmpl-2\",\"model\":\"gpt-x-2025\",\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
            + "\"completion_tokens\":2}}\n\n"
            + "data: [DONE]\n\n";

    private RecordingServer server;
    private ExecutorService userExecutor;
    private final Recorder recorder = new Recorder();
    private final ThreadRecorder threads = new ThreadRecorder();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        userExecutor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "user-async");
            thread.setDaemon(true);
            return thread;
        });
    }

    @AfterEach
    void stop() {
        server.close();
        userExecutor.shutdownNow();
    }

    private OpenAI.Builder builder(String baseUrl) {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(baseUrl).maxRetries(0).asyncExecutor(userExecutor)
                .listener(recorder).listener(threads);
    }

    private OpenAI client() {
        return builder(server.baseUrl()).build();
    }

    @Test
    void aPlainAsyncCallReportsItsStepsAndWhatTheAnswerSaysBeforeTheFutureCompletes() throws Exception {
        server.reply(new Reply(200, Map.of("Content-Type", "application/json", "x-request-id", "req-42"),
                CHAT.getBytes(StandardCharsets.UTF_8)));
        try (OpenAI client = client()) {
            List<String> seenByThen = client.async().createChatCompletion(HI, Map.of("model", "gpt-x"))
                    .thenApply(response -> List.copyOf(recorder.steps)).get(5, TimeUnit.SECONDS);
            assertThat(seenByThen).containsExactly("start chat gpt-x", "attempt 1", "headers 200", "finish");
        }
        CallResult result = recorder.result;
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.responseModel()).isEqualTo("gpt-x-2025");
        assertThat(result.responseId()).isEqualTo("chatcmpl-1");
        assertThat(result.requestId()).isEqualTo("req-42");
        assertThat(result.usage()).isEqualTo(new Usage(11, 7, 3, 2));
        assertThat(result.finishReasons()).containsExactly("stop");
        assertThat(recorder.call.streaming()).isFalse();
        assertThat(recorder.everything()).doesNotContain(KEY).doesNotContain("secret prompt");
    }

    @Test
    void theCallStartsOnTheCallersThreadAndEverythingAfterItsAnswerRunsOnTheAsyncExecutor() throws Exception {
        server.replyJson(200, CHAT);
        try (OpenAI client = client()) {
            client.async().createChatCompletion(HI, Map.of("model", "m")).get(5, TimeUnit.SECONDS);
        }
        String caller = Thread.currentThread().getName();
        assertThat(threads.seen).containsExactly("start " + caller, "attempt " + caller, "headers user-async",
                "finish user-async");
    }

    @Test
    void theTraceHeaderAddedAtTheStartGoesOutWithEveryAttempt() throws Exception {
        server.replyJson(503, "{}").replyJson(200, CHAT);
        OpenAIListener tracer = new OpenAIListener() {
            @Override
            public void onRequestStart(Call call) {
                call.setRequestHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            }
        };
        try (OpenAI client = builder(server.baseUrl()).listener(tracer).maxRetries(1).build()) {
            TestClients.withRetryClock(client, new FakeRetryClock()).async()
                    .createChatCompletion(HI, Map.of("model", "m")).get(5, TimeUnit.SECONDS);
        }
        assertThat(server.take().headers().first("traceparent")).hasValue(
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(server.take().headers().first("traceparent")).isPresent();
    }

    @Test
    void eachRetryIsReportedWithItsReasonBetweenTheAttemptsAndNeverOnTheSchedulerThread() throws Exception {
        server.replyJson(503, "{}").replyJson(200, CHAT);
        try (OpenAI client = builder(server.baseUrl()).maxRetries(2).build()) {
            TestClients.withRetryClock(client, new FakeRetryClock()).async()
                    .createChatCompletion(HI, Map.of("model", "m")).get(5, TimeUnit.SECONDS);
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "headers 503",
                "retry 1 status 503 500ms", "attempt 2", "headers 200", "finish");
        assertThat(threads.seen).contains("attempt user-async").noneMatch(step -> step.contains("scheduler"));
    }

    @Test
    void anErrorStatusIsReportedAsAnApiExceptionAndTheFutureStillCompletesWithTheAnswer() throws Exception {
        server.replyJson(400, "{\"error\":{\"message\":\"bad model\"}}");
        ApiResponse response;
        try (OpenAI client = client()) {
            response = client.async().embedding("text", Map.of("model", "emb-1")).get(5, TimeUnit.SECONDS);
        }
        assertThat(response.status()).isEqualTo(400);
        assertThat(recorder.steps).containsExactly("start embeddings emb-1", "attempt 1", "headers 400",
                "error BadRequestException");
        assertThat(((ApiException) recorder.error).status()).isEqualTo(400);
    }

    @Test
    void aConnectionFailureIsReportedWithTheExceptionTheFutureFailsWith() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        try (OpenAI client = builder("http://127.0.0.1:" + port + "/v1").build()) {
            CompletableFuture<ApiResponse> future = client.async().createChatCompletion(HI, Map.of("model", "m"));
            assertThatThrownBy(() -> future.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(ConnectionException.class).isSameAs(recorder.error);
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "error ConnectionException");
    }

    @Test
    void cancellingTheFutureIsReportedAsAnErrorNotAFinish() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                OpenAI client = builder("http://127.0.0.1:" + silent.getLocalPort() + "/v1").build()) {
            CompletableFuture<ApiResponse> future = client.async().createChatCompletion(HI, Map.of("model", "m"));
            waitFor(() -> recorder.steps.contains("attempt 1"));
            future.cancel(true);
            waitFor(() -> recorder.error != null);
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "error CancellationException");
        assertThat(recorder.error).isInstanceOf(CancellationException.class);
    }

    @Test
    void aStreamedPublisherReportsItsFirstEventItsEndAndItsUsageBeforeOnComplete() throws Exception {
        server.reply(Reply.sse(CHAT_STREAM));
        AsyncStreamTest.Recorder subscriber = new AsyncStreamTest.Recorder();
        try (OpenAI client = client()) {
            client.async().streamChatCompletion(HI, Map.of("model", "gpt-x")).subscribe(subscriber);
            // The start is told on subscribe, on this thread; the first attempt may already be under way.
            assertThat(recorder.steps).first().isEqualTo("start chat gpt-x");
            subscriber.await().request(Long.MAX_VALUE);
            assertThat(subscriber.ended.get(5, TimeUnit.SECONDS)).isNull();
        }
        assertThat(subscriber.events).hasSize(3);
        assertThat(recorder.steps).containsExactly("start chat gpt-x", "attempt 1", "headers 200", "first event",
                "stream end 3", "finish");
        assertThat(recorder.call.streaming()).isTrue();
        assertThat(recorder.result.usage()).isEqualTo(new Usage(5, 2, 0, 0));
        assertThat(recorder.result.finishReasons()).containsExactly("length");
        assertThat(recorder.result.responseId()).isEqualTo("chatcmpl-2");
        assertThat(threads.seen).filteredOn(step -> !step.startsWith("start"))
                .allMatch(step -> step.endsWith("user-async"));
    }

    @Test
    void aStreamRetriedBeforeItsFirstEventReportsTheRetryBetweenItsAttempts() throws Exception {
        server.replyJson(503, "{}").reply(Reply.sse(CHAT_STREAM));
        AsyncStreamTest.Recorder subscriber = new AsyncStreamTest.Recorder();
        try (OpenAI client = builder(server.baseUrl()).maxRetries(1).build()) {
            TestClients.withRetryClock(client, new FakeRetryClock()).async()
                    .streamChatCompletion(HI, Map.of("model", "m")).subscribe(subscriber);
            subscriber.await().request(Long.MAX_VALUE);
            assertThat(subscriber.ended.get(5, TimeUnit.SECONDS)).isNull();
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "headers 503",
                "retry 1 status 503 500ms", "attempt 2", "headers 200", "first event", "stream end 3", "finish");
    }

    @Test
    void eachSubscriptionIsItsOwnCall() throws Exception {
        server.reply(Reply.sse(CHAT_STREAM)).reply(Reply.sse(CHAT_STREAM));
        try (OpenAI client = client()) {
            var publisher = client.async().streamChatCompletion(HI, Map.of("model", "m"));
            for (int i = 0; i < 2; i++) {
                AsyncStreamTest.Recorder subscriber = new AsyncStreamTest.Recorder();
                publisher.subscribe(subscriber);
                subscriber.await().request(Long.MAX_VALUE);
                assertThat(subscriber.ended.get(5, TimeUnit.SECONDS)).isNull();
            }
        }
        assertThat(recorder.steps).filteredOn("finish"::equals).hasSize(2);
        assertThat(recorder.steps).filteredOn(step -> step.startsWith("start")).hasSize(2);
    }

    @Test
    void anErrorStatusOnAStreamIsReportedAsTheExceptionTheSubscriberGets() throws Exception {
        EventServer events = new EventServer();
        AsyncStreamTest.Recorder subscriber = new AsyncStreamTest.Recorder();
        try (events; OpenAI client = builder(events.baseUrl("s401")).build()) {
            client.async().streamChatCompletion(HI, Map.of("model", "m")).subscribe(subscriber);
            subscriber.await().request(1);
            assertThat(subscriber.ended.get(5, TimeUnit.SECONDS)).isInstanceOf(AuthenticationException.class);
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "headers 401",
                "error AuthenticationException");
    }

    @Test
    void aCancelledSubscriptionIsReportedAsAnErrorNotAFinishAsAPullStreamClosedEarlyIs() throws Exception {
        EventServer events = new EventServer();
        AsyncStreamTest.Recorder subscriber = new AsyncStreamTest.Recorder();
        try (events; OpenAI client = builder(events.baseUrl("n-1")).build()) {
            client.async().streamChatCompletion(HI, Map.of("model", "m")).subscribe(subscriber);
            subscriber.await().request(1);
            waitFor(() -> subscriber.events.size() == 1);
            subscriber.await().cancel();
            waitFor(() -> recorder.error != null);
        }
        assertThat(recorder.steps).doesNotContain("finish").endsWith("error CancellationException")
                .contains("first event");
        assertThat(recorder.error).isInstanceOf(CancellationException.class);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }

    /** Writes down the thread each callback ran on. */
    static final class ThreadRecorder implements OpenAIListener {
        final List<String> seen = new CopyOnWriteArrayList<>();

        private void add(String step) {
            seen.add(step + " " + Thread.currentThread().getName());
        }

        @Override
        public void onRequestStart(Call call) {
            add("start");
        }

        @Override
        public void onAttempt(Call call, int attempt) {
            add("attempt");
        }

        @Override
        public void onRetry(Call call, int retry, String reason, Duration wait) {
            add("retry");
        }

        @Override
        public void onHeaders(Call call, int status, Headers headers) {
            add("headers");
        }

        @Override
        public void onFirstStreamEvent(Call call) {
            add("first event");
        }

        @Override
        public void onStreamEnd(Call call, long events) {
            add("stream end");
        }

        @Override
        public void onFinish(Call call, CallResult result) {
            add("finish");
        }

        @Override
        public void onError(Call call, Throwable error) {
            add("error");
        }
    }
}
