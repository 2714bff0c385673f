package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.ChatChunk;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.errors.StreamTimeoutException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** docs/lua-parity.md sections D and E at the client level, and the pull form. */
class StreamingTest {

    private static final List<Object> HI = List.of(Messages.user("hi"));

    private static final String CHAT_STREAM = """
            data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant"}}]}

            : keep-alive comment

            data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}

            data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lo ✓"}}]}

            : another comment

            data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

            data: {"object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":3,"completion_tokens":2}}

            data: [DONE]

            """;

    private RecordingServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        client = server.client("sk-test");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<JsonNode> collect(EventStream events) {
        List<JsonNode> all = new ArrayList<>();
        events.forEach(all::add);
        return all;
    }

    @Nested
    class Callbacks {

        @Test
        void sendsStreamTrueAndAcceptsAnEventStream() throws Exception {
            server.reply(Reply.sse(CHAT_STREAM));
            client.createChatCompletion(HI, Map.of("temperature", 0), event -> { });
            Recorded r = server.take();
            assertThat(r.json().get("stream").asBoolean()).isTrue();
            assertThat(r.json().get("temperature").asInt()).isZero();
            assertThat(r.headers().first("Accept")).hasValue("text/event-stream");
        }

        @Test
        void rawChatCallbackGetsEveryEventUnchangedRoleOnlyEmptyAndUsageIncluded() {
            server.reply(Reply.sse(CHAT_STREAM));
            List<JsonNode> events = new ArrayList<>();
            ApiResponse response = client.createChatCompletion(HI, Map.of(), events::add);
            assertThat(events).hasSize(5);
            assertThat(events.get(0).at("/choices/0/delta/role").asText()).isEqualTo("assistant");
            assertThat(events.get(2).at("/choices/0/delta/content").asText()).isEqualTo("lo ✓");
            assertThat(events.get(3).at("/choices/0/delta").isEmpty()).isTrue();
            assertThat(events.get(4).at("/usage/completion_tokens").asInt()).isEqualTo(2);
            // Java decision (E68): the events went to the callback, the body is not the raw text.
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().textValue()).isEmpty();
        }

        @Test
        void commentsProduceNoCallbacks() {
            server.reply(Reply.sse("data: {\"a\":1}\n\n: one\n\n: two\n\ndata: {\"a\":2}\n\ndata: [DONE]\n\n"));
            List<JsonNode> events = new ArrayList<>();
            client.createChatCompletion(HI, Map.of(), events::add);
            assertThat(events).extracting(e -> e.get("a").asInt()).containsExactly(1, 2);
        }

        @Test
        void errorObjectInTheStreamReachesTheRawCallbackAndStatusStays200() {
            server.reply(Reply.sse("data: {\"error\":{\"message\":\"overloaded\",\"code\":\"server_error\"}}\n\n"));
            List<JsonNode> events = new ArrayList<>();
            ApiResponse response = client.createChatCompletion(HI, Map.of(), events::add);
            assertThat(response.status()).isEqualTo(200);
            assertThat(events).singleElement().satisfies(e ->
                    assertThat(e.at("/error/message").asText()).isEqualTo("overloaded"));
        }

        @Test
        void dataThatIsNotJsonRaisesAStreamExceptionCarryingTheRawData() {
            server.reply(Reply.sse("data: {\"n\":1}\n\ndata: {not json\n\ndata: {\"n\":2}\n\ndata: [DONE]\n\n"));
            List<JsonNode> events = new ArrayList<>();
            assertThatThrownBy(() -> client.createChatCompletion(HI, Map.of(), events::add))
                    .isInstanceOf(StreamException.class)
                    .hasMessageContaining("not JSON").hasMessageEndingWith(": {not json")
                    .satisfies(e -> assertThat(((StreamException) e).error().textValue()).isEqualTo("{not json"));
            assertThat(events).extracting(e -> e.get("n").asInt()).containsExactly(1);
        }

        @Test
        void nonObjectJsonValuesAreDeliveredAndTheLastEventNeedsNoTrailingNewline() {
            server.reply(Reply.sse("data: \"text\"\n\ndata: 42\n\ndata: null\n\n"
                    + "data: {\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}"));
            List<JsonNode> events = new ArrayList<>();
            client.createChatCompletion(HI, Map.of(), events::add);
            // D62: non-object JSON values are delivered too; D64 (Java decision): the final event
            // without a trailing newline is delivered.
            assertThat(events).extracting(JsonNode::toString).containsExactly("\"text\"", "42", "null",
                    "{\"choices\":[{\"index\":0,\"finish_reason\":\"stop\"}]}");
        }

        @Test
        void chatStreamCutOffBeforeDoneOrAFinishReasonRaisesInsteadOfLookingComplete() {
            server.reply(Reply.sse("""
                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hel"}}]}

                    """));
            List<JsonNode> events = new ArrayList<>();
            assertThatThrownBy(() -> client.createChatCompletion(HI, Map.of(), events::add))
                    .isInstanceOf(StreamException.class).hasMessageContaining("ended early");
            assertThat(events).hasSize(1);
        }

        @Test
        void chatStreamWithAFinishReasonButNoDoneIsComplete() {
            server.reply(Reply.sse("""
                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hi"}}]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                    """));
            List<JsonNode> events = new ArrayList<>();
            assertThat(client.createChatCompletion(HI, Map.of(), events::add).status()).isEqualTo(200);
            assertThat(events).hasSize(2);
        }

        @Test
        void responsesStreamCutOffBeforeItsFinalEventRaises() {
            server.reply(Reply.sse("""
                    data: {"type":"response.created","response":{"id":"resp_1"}}

                    data: {"type":"response.output_text.delta","delta":"Hi"}

                    """));
            server.reply(Reply.sse("data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n"));
            List<JsonNode> events = new ArrayList<>();
            assertThatThrownBy(() -> client.createResponse("hello", Map.of(), events::add))
                    .isInstanceOf(StreamException.class).hasMessageContaining("ended early")
                    .hasMessageContaining("response.completed");
            assertThat(events).hasSize(2);
            assertThatThrownBy(() -> client.createResponse("hello", Map.of("stream", true)))
                    .isInstanceOf(StreamException.class).hasMessageContaining("ended early");
        }

        @Test
        void responsesStreamEndingIncompleteIsComplete() {
            server.reply(Reply.sse("""
                    data: {"type":"response.output_text.delta","delta":"Hi"}

                    data: {"type":"response.incomplete","response":{"id":"resp_1","status":"incomplete"}}

                    """));
            List<JsonNode> events = new ArrayList<>();
            assertThat(client.createResponse("hello", Map.of(), events::add).status()).isEqualTo(200);
            assertThat(events).hasSize(2);
        }

        @Test
        void doneEndsAChatStream() {
            server.reply(Reply.sse("data: {\"n\":1}\n\ndata: [DONE]\n\ndata: {\"n\":2}\n\n"));
            List<JsonNode> events = new ArrayList<>();
            client.createChatCompletion(HI, Map.of(), events::add);
            assertThat(events).extracting(e -> e.get("n").asInt()).containsExactly(1);
        }

        @Test
        void responsesCallbackGetsEveryEventIncludingCompleted() throws Exception {
            server.reply(Reply.sse("""
                    event: response.created
                    data: {"type":"response.created","response":{"id":"resp_1"}}

                    event: response.output_text.delta
                    data: {"type":"response.output_text.delta","delta":"Hi"}

                    event: response.completed
                    data: {"type":"response.completed","response":{"id":"resp_1","status":"completed"}}

                    """));
            List<String> types = new ArrayList<>();
            ApiResponse response = client.createResponse("hello", Map.of(), e -> types.add(e.get("type").asText()));
            assertThat(types).containsExactly("response.created", "response.output_text.delta", "response.completed");
            assertThat(response.status()).isEqualTo(200);
            assertThat(server.take().json().get("stream").asBoolean()).isTrue();
        }

        @Test
        void responseStreamWithoutACallbackReturnsTheCompletedResponse() throws Exception {
            server.reply(Reply.sse("""
                    data: {"type":"response.output_text.delta","delta":"Hi"}

                    data: {"type":"response.completed","response":{"id":"resp_9","status":"completed"}}

                    """));
            ApiResponse response = client.createResponse("hello", Map.of("stream", true));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body().get("id").asText()).isEqualTo("resp_9");
        }

        @Test
        void responseStreamWithoutACallbackThatEndsInAnErrorReturnsTheError() {
            server.reply(Reply.sse("""
                    data: {"type":"response.output_text.delta","delta":"Hi"}

                    event: error
                    data: {"type":"error","code":"server_error","message":"boom"}

                    """));
            ApiResponse response = client.createResponse("hello", Map.of("stream", true));
            assertThat(response.body().get("type").asText()).isEqualTo("error");
            assertThat(response.body().get("message").asText()).isEqualTo("boom");
        }

        @Test
        @SuppressWarnings("deprecation")
        void legacyChatCallbackGetsParsedChunksOnlyForSingleChoiceChunks() {
            server.reply(Reply.sse("""
                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"A"}}]}

                    data: {"choices":[{"index":0,"delta":{"content":"no object"}}]}

                    data: {"object":"chat.completion.chunk","choices":[]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{}},{"index":1,"delta":{}}]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":"0","delta":{}}]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":""}}]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"c1"}]}}]}

                    data: {"object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}

                    """));
            List<ChatChunk> chunks = new ArrayList<>();
            List<JsonNode> raws = new ArrayList<>();
            client.chat(HI, Map.of(), (chunk, raw) -> {
                chunks.add(chunk);
                raws.add(raw);
            });
            assertThat(chunks).extracting(ChatChunk::toString).containsExactly("A", "", "", "");
            assertThat(chunks.get(0).content()).isEqualTo("A");
            assertThat(chunks.get(1).content()).isEqualTo("");
            assertThat(chunks.get(2).content()).isNull();
            assertThat(chunks.get(2).toolCalls().get(0).get("id").asText()).isEqualTo("c1");
            assertThat(chunks.get(3)).isEqualTo(new ChatChunk(null, 0, null));
            assertThat(raws.get(0).get("object").asText()).isEqualTo("chat.completion.chunk");
        }

        @Test
        void jsonAnswerToAStreamingRequestIsReturnedWholeWithoutCallbacks() {
            server.replyJson(401, "{\"error\":{\"message\":\"bad key\",\"code\":\"invalid_api_key\"}}");
            server.replyJson(200, "{\"object\":\"chat.completion\",\"choices\":[]}");
            List<JsonNode> events = new ArrayList<>();
            ApiResponse denied = client.createChatCompletion(HI, Map.of(), events::add);
            ApiResponse ignored = client.createChatCompletion(HI, Map.of(), events::add);
            assertThat(denied.status()).isEqualTo(401);
            assertThat(denied.body().at("/error/code").asText()).isEqualTo("invalid_api_key");
            assertThat(ignored.body().get("object").asText()).isEqualTo("chat.completion");
            assertThat(events).isEmpty();
        }
    }

    @Nested
    class PullStreams {

        @Test
        void yieldsEveryEventInOrder() {
            server.reply(Reply.sse(CHAT_STREAM));
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                assertThat(events.status()).isEqualTo(200);
                assertThat(events.isEventStream()).isTrue();
                assertThat(collect(events)).hasSize(5);
            }
        }

        @Test
        void worksAsAJavaStream() {
            server.reply(Reply.sse(CHAT_STREAM));
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                String text = events.stream()
                        .map(e -> e.at("/choices/0/delta/content").asText(""))
                        .reduce("", String::concat);
                assertThat(text).isEqualTo("Hello ✓");
            }
        }

        @Test
        void canBeIteratedOnlyOnce() {
            server.reply(Reply.sse(CHAT_STREAM));
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                events.iterator();
                assertThatThrownBy(events::iterator).isInstanceOf(IllegalStateException.class);
            }
        }

        @Test
        void errorInsideTheStreamEndsWithATypedExceptionCarryingIt() {
            server.reply(Reply.sse("""
                    data: {"type":"response.output_text.delta","delta":"par"}

                    event: response.failed
                    data: {"type":"response.failed","response":{"error":{"code":"server_error","message":"boom"}}}

                    """));
            try (EventStream events = client.streamResponse("x", Map.of())) {
                List<JsonNode> seen = new ArrayList<>();
                assertThatThrownBy(() -> events.forEach(seen::add))
                        .isInstanceOf(StreamException.class)
                        .hasMessage("Stream error: boom (server_error)")
                        .satisfies(e -> assertThat(((StreamException) e).error().get("type").asText())
                                .isEqualTo("response.failed"));
                assertThat(seen).hasSize(1);
            }
        }

        @Test
        void errorEventTypeAndErrorDataBothCount() {
            server.reply(Reply.sse("event: error\ndata: {\"message\":\"quota\"}\n\n"));
            server.reply(Reply.sse("data: {\"error\":{\"message\":\"overloaded\"}}\n\n"));
            try (EventStream first = client.streamChatCompletion(HI, Map.of());
                    EventStream second = client.streamChatCompletion(HI, Map.of())) {
                assertThatThrownBy(() -> collect(first)).isInstanceOf(StreamException.class).hasMessage("Stream error: quota");
                assertThatThrownBy(() -> collect(second)).isInstanceOf(StreamException.class)
                        .hasMessage("Stream error: overloaded");
            }
        }

        @Test
        void dataThatIsNotJsonRaisesAStreamExceptionCarryingTheRawData() {
            server.reply(Reply.sse("data: {\"n\":1}\n\ndata: <html>oops</html>\n\ndata: [DONE]\n\n"));
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                List<JsonNode> seen = new ArrayList<>();
                assertThatThrownBy(() -> events.forEach(seen::add))
                        .isInstanceOf(StreamException.class).hasMessageContaining("<html>oops</html>")
                        .satisfies(e -> assertThat(((StreamException) e).error().textValue())
                                .isEqualTo("<html>oops</html>"));
                assertThat(seen).hasSize(1);
            }
        }

        @Test
        void streamCutOffBeforeItsLastEventRaises() {
            server.reply(Reply.sse("data: {\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                    + "\"delta\":{\"content\":\"Hel\"}}]}\n\n"));
            server.reply(Reply.sse("data: {\"type\":\"response.output_text.delta\",\"delta\":\"Hi\"}\n\n"));
            try (EventStream chat = client.streamChatCompletion(HI, Map.of());
                    EventStream responses = client.streamResponse("x", Map.of())) {
                List<JsonNode> seen = new ArrayList<>();
                assertThatThrownBy(() -> chat.forEach(seen::add))
                        .isInstanceOf(StreamException.class).hasMessageContaining("ended early");
                assertThatThrownBy(() -> responses.forEach(seen::add))
                        .isInstanceOf(StreamException.class).hasMessageContaining("ended early");
                assertThat(seen).hasSize(2);
            }
        }

        @Test
        void errorStatusRaisesTheTypedExceptionForIt() {
            server.replyJson(429, "{\"error\":{\"message\":\"slow down\",\"code\":\"rate_limit_exceeded\"}}");
            assertThatThrownBy(() -> client.withMaxRetries(0).streamChatCompletion(HI, Map.of()))
                    .isInstanceOf(io.github.javaopenai.errors.RateLimitException.class)
                    .hasMessage("Bad status: 429: slow down (rate_limit_exceeded)")
                    .satisfies(e -> assertThat(((io.github.javaopenai.errors.ApiException) e).code())
                            .isEqualTo("rate_limit_exceeded"));
        }

        @Test
        void serverThatIgnoresStreamGivesTheWholeAnswerAsTheOnlyEvent() {
            server.replyJson(200, "{\"object\":\"chat.completion\",\"choices\":[]}");
            try (EventStream events = client.streamChatCompletion(HI, Map.of())) {
                assertThat(events.isEventStream()).isFalse();
                assertThat(collect(events)).extracting(e -> e.get("object").asText()).containsExactly("chat.completion");
            }
        }
    }

    @Nested
    class SlowAndStalledStreams {

        private HttpServer stalling;
        private final CountDownLatch release = new CountDownLatch(1);

        @BeforeEach
        void startStallingServer() throws Exception {
            stalling = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            stalling.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            stalling.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
                exchange.sendResponseHeaders(200, 0);
                OutputStream out = exchange.getResponseBody();
                out.write("data: {\"n\":1}\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                try {
                    release.await(20, TimeUnit.SECONDS); // stall until the test is over
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
            });
            stalling.start();
        }

        @AfterEach
        void stopStallingServer() {
            release.countDown();
            stalling.stop(0);
        }

        private OpenAI stallingClient(Duration idle) {
            return OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + stalling.getAddress().getPort())
                    .streamIdleTimeout(idle).build();
        }

        @Test
        void stalledStreamEndsWithATimeoutAfterTheIdleTimeout() {
            List<JsonNode> events = new ArrayList<>();
            assertThatThrownBy(() -> stallingClient(Duration.ofMillis(300)).createChatCompletion(HI, Map.of(), events::add))
                    .isInstanceOf(StreamTimeoutException.class)
                    .hasMessageContaining("300 ms");
            assertThat(events).hasSize(1);
        }

        @Test
        void closingFromAnotherThreadAbortsAWaitingReader() throws Exception {
            EventStream events = stallingClient(Duration.ofMinutes(1)).streamChatCompletion(HI, Map.of());
            var iterator = events.iterator();
            assertThat(iterator.next().get("n").asInt()).isEqualTo(1);
            Thread closer = new Thread(() -> {
                sleep(200);
                events.close();
            });
            closer.start();
            long start = System.nanoTime();
            assertThat(iterator.hasNext()).isFalse();
            closer.join(5_000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
