package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.listener.OpenAIListener;
import io.github.javaopenai.transport.Headers;
import java.lang.System.Logger.Level;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Listeners see each step of plain, streamed, failed and retried calls, redacted, and never break them. */
class ListenerTest {

    private static final String KEY = "sk-listener-test-key";
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
    private final Recorder recorder = new Recorder();

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAI.Builder builder() {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).maxRetries(0).listener(recorder);
    }

    @Test
    void aPlainCallReportsItsStepsAndWhatTheAnswerSaysAboutItself() {
        server.reply(new Reply(200, Map.of("Content-Type", "application/json", "x-request-id", "req-42"),
                CHAT.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (OpenAI client = builder().build()) {
            client.createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "gpt-x"));
        }
        assertThat(recorder.steps).containsExactly("start chat gpt-x", "attempt 1", "headers 200", "finish");
        CallResult result = recorder.result;
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.responseModel()).isEqualTo("gpt-x-2025");
        assertThat(result.responseId()).isEqualTo("chatcmpl-1");
        assertThat(result.requestId()).isEqualTo("req-42");
        assertThat(result.usage()).isEqualTo(new Usage(11, 7, 3, 2));
        assertThat(result.finishReasons()).containsExactly("stop");
        assertThat(recorder.call.path()).isEqualTo("/chat/completions");
        assertThat(recorder.call.streaming()).isFalse();
        assertThat(recorder.call.provider()).isEqualTo("openai");
    }

    @Test
    void eventsCarryNoPromptNoAnswerAndNoKeyUnlessContentIsOptedIn() {
        server.replyJson(200, CHAT);
        try (OpenAI client = builder().build()) {
            client.createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "gpt-x"));
        }
        assertThat(recorder.call.requestBody()).isEmpty();
        assertThat(recorder.result.outputText()).isNull();
        assertThat(recorder.everything()).doesNotContain(KEY).doesNotContain("secret prompt").doesNotContain("Hello there");
    }

    @Test
    void optingInHandsListenersThePromptAndTheAnswerText() {
        server.replyJson(200, CHAT).reply(Reply.sse(CHAT_STREAM));
        try (OpenAI client = builder().listenerContent(true).build()) {
            client.createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "gpt-x"));
            assertThat(recorder.call.requestBody()).hasValueSatisfying(
                    body -> assertThat(body.at("/messages/0/content").asText()).isEqualTo("secret prompt"));
            assertThat(recorder.result.outputText()).isEqualTo("Hello there");
            client.createChatCompletion(List.of(Messages.user("again")), Map.of("model", "gpt-x"), event -> { });
            assertThat(recorder.result.outputText()).isEqualTo("Hello");
        }
    }

    @Test
    void aDownloadIsReportedOnceItsBodyIsHandedOver() throws Exception {
        server.reply(new Reply(200, Map.of("Content-Type", "application/octet-stream"),
                "file bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        try (OpenAI client = builder().build(); java.io.InputStream in = client.files().content("file-1")) {
            assertThat(recorder.steps).containsExactly("start " + recorder.call.operation() + " null", "attempt 1",
                    "headers 200", "finish");
            assertThat(in.readAllBytes()).asString(java.nio.charset.StandardCharsets.UTF_8).isEqualTo("file bytes");
        }
        assertThat(recorder.call.path()).isEqualTo("/files/file-1/content");
        assertThat(recorder.result.status()).isEqualTo(200);
    }

    @Test
    void aRefusedDownloadIsReportedAsItsStatusException() {
        server.replyJson(404, "{\"error\":{\"message\":\"no such file\"}}");
        try (OpenAI client = builder().build()) {
            assertThatThrownBy(() -> client.files().content("file-404"))
                    .isInstanceOf(io.github.javaopenai.errors.NotFoundException.class);
        }
        assertThat(recorder.steps).endsWith("headers 404", "error NotFoundException");
    }

    @Test
    void aStreamedMultipartTranscriptionIsReportedLikeAnyStream(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path audio = java.nio.file.Files.write(dir.resolve("hello.mp3"), new byte[] {1, 2, 3});
        server.reply(Reply.sse("data: {\"type\":\"transcript.text.delta\",\"delta\":\"Hi\"}\n\n"
                + "data: {\"type\":\"transcript.text.done\",\"text\":\"Hi\"}\n\n"));
        try (OpenAI client = builder().build()) {
            client.audio().transcription(audio, Map.of(), event -> { });
        }
        assertThat(recorder.call.path()).isEqualTo("/audio/transcriptions");
        assertThat(recorder.call.streaming()).isTrue();
        assertThat(recorder.steps).contains("attempt 1", "headers 200", "first event").endsWith("stream end 2", "finish");
    }

    @Test
    void aStreamReportsItsFirstEventItsEndAndItsUsage() {
        server.reply(Reply.sse(CHAT_STREAM));
        List<JsonNode> seen = new ArrayList<>();
        try (OpenAI client = builder().build()) {
            client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "gpt-x"), seen::add);
        }
        assertThat(seen).hasSize(3);
        assertThat(recorder.steps).containsExactly("start chat gpt-x", "attempt 1", "headers 200", "first event",
                "stream end 3", "finish");
        assertThat(recorder.call.streaming()).isTrue();
        assertThat(recorder.result.usage()).isEqualTo(new Usage(5, 2, 0, 0));
        assertThat(recorder.result.finishReasons()).containsExactly("length");
        assertThat(recorder.result.responseId()).isEqualTo("chatcmpl-2");
    }

    @Test
    void aPullStreamFinishesWhenReadToItsEnd() {
        server.reply(Reply.sse(CHAT_STREAM));
        try (OpenAI client = builder().build();
                EventStream events = client.streamChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"))) {
            assertThat(recorder.steps).contains("first event").doesNotContain("finish");
            events.forEach(event -> { });
        }
        assertThat(recorder.steps).endsWith("stream end 3", "finish");
    }

    @Test
    void aPullStreamClosedBeforeItsEndIsReportedAsAnErrorNotAFinish() {
        server.reply(Reply.sse(CHAT_STREAM));
        try (OpenAI client = builder().build();
                EventStream events = client.streamChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"))) {
            events.nextEvent();
        }
        assertThat(recorder.steps).doesNotContain("finish").endsWith("error CancellationException");
        assertThat(recorder.error).isInstanceOf(CancellationException.class);
    }

    @Test
    void aCallbackThatThrowsIsReportedWithItsOwnException() {
        server.reply(Reply.sse(CHAT_STREAM));
        IllegalStateException thrown = new IllegalStateException("the application's callback failed");
        try (OpenAI client = builder().build()) {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"),
                    event -> {
                        throw thrown;
                    })).isSameAs(thrown);
        }
        assertThat(recorder.error).isSameAs(thrown);
        assertThat(recorder.steps).doesNotContain("finish").endsWith("error IllegalStateException");
    }

    @Test
    void aStreamCutShortIsReportedAsAnError() {
        server.reply(Reply.sse("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hel\"}}]}\n\n"));
        try (OpenAI client = builder().build()) {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"),
                    event -> { })).isInstanceOf(StreamException.class);
        }
        assertThat(recorder.steps).doesNotContain("finish").endsWith("error StreamException");
    }

    @Test
    void anErrorStatusIsReportedAsAnApiExceptionAndTheCallStillReturnsTheAnswer() {
        server.replyJson(400, "{\"error\":{\"message\":\"bad model\"}}");
        ApiResponse response;
        try (OpenAI client = builder().build()) {
            response = client.embedding("text", Map.of("model", "emb-1"));
        }
        assertThat(response.status()).isEqualTo(400);
        assertThat(recorder.steps).containsExactly("start embeddings emb-1", "attempt 1", "headers 400",
                "error BadRequestException");
        assertThat(((ApiException) recorder.error).status()).isEqualTo(400);
    }

    @Test
    void aConnectionFailureIsReportedWithTheExceptionTheCallThrows() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0)) {
            port = closed.getLocalPort();
        }
        try (OpenAI client = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + port + "/v1").maxRetries(0)
                .listener(recorder).build()) {
            assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m")))
                    .isSameAs(recorder.error).isInstanceOf(ConnectionException.class);
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "error ConnectionException");
    }

    @Test
    void eachRetryIsReportedWithItsReasonBetweenTheAttempts() {
        server.replyJson(503, "{}").replyJson(200, CHAT);
        FakeRetryClock clock = new FakeRetryClock();
        try (OpenAI client = builder().maxRetries(2).build()) {
            client.withRetryClock(clock).createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"));
        }
        assertThat(recorder.steps).containsExactly("start chat m", "attempt 1", "headers 503",
                "retry 1 status 503 500ms", "attempt 2", "headers 200", "finish");
    }

    @Test
    void headersAddedAtTheStartGoOutWithEveryAttempt() throws Exception {
        server.replyJson(503, "{}").replyJson(200, CHAT);
        OpenAIListener tracer = new OpenAIListener() {
            @Override
            public void onRequestStart(Call call) {
                call.setRequestHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            }
        };
        try (OpenAI client = builder().listener(tracer).maxRetries(1).build()) {
            client.withRetryClock(new FakeRetryClock()).createChatCompletion(List.of(Messages.user("hi")),
                    Map.of("model", "m"));
        }
        assertThat(server.take().headers().first("traceparent")).hasValue(
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        assertThat(server.take().headers().first("traceparent")).isPresent();
    }

    @Test
    void aListenerMayNotSetACredentialHeaderNorAddHeadersLater() {
        server.replyJson(200, CHAT);
        List<Throwable> refused = new CopyOnWriteArrayList<>();
        OpenAIListener sneaky = new OpenAIListener() {
            @Override
            public void onRequestStart(Call call) {
                try {
                    call.setRequestHeader("Authorization", "Bearer other");
                } catch (IllegalArgumentException e) {
                    refused.add(e);
                }
            }

            @Override
            public void onFinish(Call call, CallResult result) {
                try {
                    call.setRequestHeader("x-late", "1");
                } catch (IllegalStateException e) {
                    refused.add(e);
                }
            }
        };
        try (OpenAI client = builder().listener(sneaky).build()) {
            client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"));
        }
        assertThat(refused).hasSize(2);
    }

    @Test
    void aListenerThatThrowsNeverBreaksTheCallAndIsLoggedOnce() {
        server.replyJson(200, CHAT).replyJson(200, CHAT);
        OpenAIListener broken = new OpenAIListener() {
            @Override
            public void onRequestStart(Call call) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onFinish(Call call, CallResult result) {
                throw new IllegalStateException("listener bug");
            }
        };
        try (CapturingLogger log = new CapturingLogger(Level.WARNING);
                OpenAI client = OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).maxRetries(0)
                        .listener(broken).listener(recorder).build()) {
            for (int i = 0; i < 2; i++) {
                ApiResponse response = client.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "m"));
                assertThat(response.status()).isEqualTo(200);
            }
            assertThat(log.lines).hasSize(1);
            assertThat(log.lines.get(0)).contains("listener bug").doesNotContain(KEY);
        }
        assertThat(recorder.steps).filteredOn("finish"::equals).hasSize(2);
    }

    @Test
    void aResponsesStreamReportsTheFinalResponsesUsageAndStatus() {
        server.reply(Reply.sse(""
                + "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"id\":\"resp_1\","
                + "\"object\":\"response\",\"model\":\"gpt-r\",\"status\":\"in_progress\"}}\n\n"
                + "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"id\":\"resp_1\","
                + "\"object\":\"response\",\"model\":\"gpt-r\",\"status\":\"completed\",\"usage\":{\"input_tokens\":9,"
                + "\"output_tokens\":4,\"output_tokens_details\":{\"reasoning_tokens\":1}}}}\n\n"));
        try (OpenAI client = builder().build()) {
            client.createResponse("hi", Map.of("model", "gpt-r"), event -> { });
        }
        assertThat(recorder.steps).first().isEqualTo("start responses gpt-r");
        assertThat(recorder.result.usage()).isEqualTo(new Usage(9, 4, 0, 1));
        assertThat(recorder.result.finishReasons()).containsExactly("completed");
        assertThat(recorder.result.responseId()).isEqualTo("resp_1");
    }

    @Test
    void copiesOfTheClientKeepItsListeners() {
        server.replyJson(200, CHAT).replyJson(200, CHAT);
        try (OpenAI client = builder().build()) {
            client.withTimeout(Duration.ofSeconds(30)).createChatCompletion(List.of(Messages.user("hi")),
                    Map.of("model", "a"));
            OpenAI rebuilt = client.toBuilder().build();
            rebuilt.createChatCompletion(List.of(Messages.user("hi")), Map.of("model", "b"));
        }
        assertThat(recorder.steps).filteredOn(s -> s.startsWith("start")).containsExactly("start chat a", "start chat b");
    }

    /** Writes each callback down as a short line. */
    static final class Recorder implements OpenAIListener {
        final List<String> steps = new CopyOnWriteArrayList<>();
        final StringBuilder all = new StringBuilder();
        volatile Call call;
        volatile CallResult result;
        volatile Throwable error;

        String everything() {
            return all + steps.toString() + result + call;
        }

        @Override
        public void onRequestStart(Call call) {
            this.call = call;
            steps.add("start " + call.operation() + " " + call.requestModel());
        }

        @Override
        public void onAttempt(Call call, int attempt) {
            steps.add("attempt " + attempt);
        }

        @Override
        public void onRetry(Call call, int retry, String reason, Duration wait) {
            steps.add("retry " + retry + " " + reason + " " + wait.toMillis() + "ms");
        }

        @Override
        public void onHeaders(Call call, int status, Headers headers) {
            all.append(headers);
            steps.add("headers " + status);
        }

        @Override
        public void onFirstStreamEvent(Call call) {
            steps.add("first event");
        }

        @Override
        public void onStreamEnd(Call call, long events) {
            steps.add("stream end " + events);
        }

        @Override
        public void onFinish(Call call, CallResult result) {
            this.result = result;
            steps.add("finish");
        }

        @Override
        public void onError(Call call, Throwable error) {
            this.error = error;
            all.append(error.getMessage());
            steps.add("error " + error.getClass().getSimpleName());
        }
    }
}
