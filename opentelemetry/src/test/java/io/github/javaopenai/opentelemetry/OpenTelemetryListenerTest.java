package io.github.javaopenai.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import io.github.javaopenai.errors.ConnectionException;
import io.github.javaopenai.sessions.ChatSession;
import io.github.javaopenai.sessions.ToolFunction;
import io.github.javaopenai.sessions.ToolLoop;
import io.github.javaopenai.testkit.FakeOpenAI;
import io.github.javaopenai.testkit.FakeReply;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Spans and metrics of plain, streamed, failed and retried calls and of a tool round, against FakeOpenAI. */
class OpenTelemetryListenerTest {

    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    private static final AttributeKey<String> PROVIDER = AttributeKey.stringKey("gen_ai.provider.name");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<String> REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    private static final AttributeKey<String> RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    private static final AttributeKey<String> RESPONSE_ID = AttributeKey.stringKey("gen_ai.response.id");
    private static final AttributeKey<Long> INPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    private static final AttributeKey<Long> OUTPUT_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    private static final AttributeKey<List<String>> FINISH_REASONS =
            AttributeKey.stringArrayKey("gen_ai.response.finish_reasons");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    private static final AttributeKey<String> TOKEN_TYPE = AttributeKey.stringKey("gen_ai.token.type");
    private static final AttributeKey<String> INPUT_MESSAGES = AttributeKey.stringKey("gen_ai.input.messages");
    private static final AttributeKey<String> OUTPUT_MESSAGES = AttributeKey.stringKey("gen_ai.output.messages");

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
    private OpenTelemetrySdk otel;
    private FakeOpenAI server;

    @BeforeEach
    void start() {
        otel = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
                .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
                .build();
        server = FakeOpenAI.start();
    }

    @AfterEach
    void stop() {
        server.close();
        otel.close();
    }

    private OpenAI client(OpenTelemetryListener listener) {
        return server.client().toBuilder().listener(listener).maxRetries(2).build();
    }

    private OpenAI client() {
        return client(OpenTelemetryListener.create(otel));
    }

    private SpanData onlySpan() {
        assertThat(spans.getFinishedSpanItems()).hasSize(1);
        return spans.getFinishedSpanItems().get(0);
    }

    @Test
    void aChatCallIsOneClientSpanNamedAfterTheOperationAndModelWithUsage() {
        server.enqueue(FakeReply.text("Hello!"));
        client().createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "gpt-4.1-mini"));

        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("chat gpt-4.1-mini");
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getAttributes().get(OPERATION)).isEqualTo("chat");
        assertThat(span.getAttributes().get(PROVIDER)).isEqualTo("openai");
        assertThat(span.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        assertThat(span.getAttributes().get(SERVER_PORT)).isEqualTo(java.net.URI.create(server.baseUrl()).getPort());
        assertThat(span.getAttributes().get(REQUEST_MODEL)).isEqualTo("gpt-4.1-mini");
        assertThat(span.getAttributes().get(RESPONSE_MODEL)).isEqualTo("gpt-4.1-mini");
        assertThat(span.getAttributes().get(RESPONSE_ID)).startsWith("chatcmpl");
        assertThat(span.getAttributes().get(INPUT_TOKENS)).isPositive();
        assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isPositive();
        assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aStreamedCallRecordsTimeToFirstChunkAndTheUsageOfItsLastChunk() {
        server.enqueue(FakeReply.text("Hello in pieces"));
        client().createChatCompletion(List.of(Messages.user("Hi")),
                Map.of("model", "m", "stream_options", Map.of("include_usage", true)), event -> { });

        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(AttributeKey.booleanKey("gen_ai.request.stream"))).isTrue();
        assertThat(span.getAttributes().get(AttributeKey.doubleKey("gen_ai.response.time_to_first_chunk")))
                .isNotNull().isPositive();
        assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isPositive();
        assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(histogram("gen_ai.client.operation.time_to_first_chunk").get(0).getCount()).isEqualTo(1);
    }

    @Test
    void anErrorAnswerSetsErrorTypeToItsStatusAndTheErrorStatus() {
        server.enqueue(FakeReply.error(400, "bad request"));
        client().createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "m"));

        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("400");
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(histogram("gen_ai.client.operation.duration")).singleElement()
                .satisfies(point -> assertThat(point.getAttributes().get(ERROR_TYPE)).isEqualTo("400"));
    }

    @Test
    void aConnectionFailureSetsErrorTypeToTheExceptionClass() {
        server.enqueue(FakeReply.disconnect());
        OpenAI client = client().withMaxRetries(0);
        assertThatThrownBy(() -> client.createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "m")))
                .isInstanceOf(ConnectionException.class);

        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo(ConnectionException.class.getName());
        assertThat(span.getEvents()).anySatisfy(event -> assertThat(event.getName()).isEqualTo("exception"));
    }

    @Test
    void eachRetryIsASpanEventOnTheOneSpanOfTheCall() {
        server.enqueue(FakeReply.status(503).withHeader("retry-after-ms", "1"), FakeReply.text("at last"));
        client().createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "m"));

        SpanData span = onlySpan();
        assertThat(span.getEvents()).singleElement().satisfies(event -> {
            assertThat(event.getName()).isEqualTo("retry");
            assertThat(event.getAttributes().get(AttributeKey.longKey("http.request.resend_count"))).isEqualTo(1L);
            assertThat(event.getAttributes().get(AttributeKey.stringKey("retry.reason"))).isEqualTo("status 503");
        });
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void theTraceContextGoesOutInTheRequestHeaders() {
        server.enqueue(FakeReply.text("Hello!"));
        client().createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "m"));

        SpanData span = onlySpan();
        assertThat(server.lastRequest().header("traceparent"))
                .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
    }

    @Test
    @SuppressWarnings("try") // the scope only makes the caller's span current
    void anAsyncChatCallIsItsChatSpanUnderTheCallersSpanWithUsageAndSendsItsTraceContext() throws Exception {
        server.enqueue(FakeReply.text("Hello!"));
        Span caller = otel.getTracer("test").spanBuilder("handle request").startSpan();
        CompletableFuture<ApiResponse> answer;
        try (Scope ignored = caller.makeCurrent()) {
            answer = client().async().createChatCompletion(List.of(Messages.user("Hi")),
                    Map.of("model", "gpt-4.1-mini"));
        } finally {
            caller.end();
        }
        assertThat(answer.get(5, TimeUnit.SECONDS).status()).isEqualTo(200);

        SpanData span = spans.getFinishedSpanItems().stream().filter(s -> s.getName().equals("chat gpt-4.1-mini"))
                .findFirst().orElseThrow();
        assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(span.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
        assertThat(span.getAttributes().get(RESPONSE_MODEL)).isEqualTo("gpt-4.1-mini");
        assertThat(span.getAttributes().get(INPUT_TOKENS)).isPositive();
        assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isPositive();
        assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("stop");
        assertThat(server.lastRequest().header("traceparent"))
                .startsWith("00-" + span.getTraceId() + "-" + span.getSpanId() + "-");
    }

    @Test
    void embeddingsAreNamedAfterTheirOperationAndCountInputTokens() {
        client().embedding("some text", Map.of("model", "text-embedding-3-small"));

        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("embeddings text-embedding-3-small");
        assertThat(span.getAttributes().get(OPERATION)).isEqualTo("embeddings");
        assertThat(span.getAttributes().get(INPUT_TOKENS)).isPositive();
    }

    @Test
    void theResponsesApiIsAChatOperation() {
        server.enqueue(FakeReply.text("Hello!"));
        client().createResponse("Hi", Map.of("model", "gpt-r"));

        SpanData span = onlySpan();
        assertThat(span.getName()).isEqualTo("chat gpt-r");
        assertThat(span.getAttributes().get(RESPONSE_ID)).startsWith("resp");
        assertThat(span.getAttributes().get(FINISH_REASONS)).containsExactly("completed");
    }

    @Test
    void durationAndTokenUsageHistogramsAreRecordedPerTokenType() {
        server.enqueue(FakeReply.text("Hello!"));
        client().createChatCompletion(List.of(Messages.user("Hi")), Map.of("model", "m"));

        assertThat(histogram("gen_ai.client.operation.duration")).singleElement().satisfies(point -> {
            assertThat(point.getCount()).isEqualTo(1);
            assertThat(point.getAttributes().get(OPERATION)).isEqualTo("chat");
            assertThat(point.getAttributes().get(REQUEST_MODEL)).isEqualTo("m");
            assertThat(point.getAttributes().get(SERVER_ADDRESS)).isEqualTo("127.0.0.1");
        });
        SpanData span = onlySpan();
        Map<String, Double> byType = histogram("gen_ai.client.token.usage").stream()
                .collect(Collectors.toMap(p -> p.getAttributes().get(TOKEN_TYPE), HistogramPointData::getSum));
        assertThat(byType).containsOnlyKeys("input", "output");
        assertThat(byType.get("input")).isEqualTo(span.getAttributes().get(INPUT_TOKENS).doubleValue());
        assertThat(byType.get("output")).isEqualTo(span.getAttributes().get(OUTPUT_TOKENS).doubleValue());
    }

    @Test
    void contentIsRecordedOnlyWhenBothTheListenerAndTheClientOptIn() {
        server.enqueue(FakeReply.text("secret answer"), FakeReply.text("secret answer"), FakeReply.text("secret answer"));
        OpenTelemetryListener capturing = OpenTelemetryListener.builder(otel).captureContent(true).build();
        client(capturing).createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "m"));
        server.client().toBuilder().listener(OpenTelemetryListener.create(otel)).listenerContent(true).build()
                .createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "m"));
        assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> {
            assertThat(span.getAttributes().get(INPUT_MESSAGES)).isNull();
            assertThat(span.getAttributes().get(OUTPUT_MESSAGES)).isNull();
        });
        spans.reset();

        server.client().toBuilder().listener(capturing).listenerContent(true).build()
                .createChatCompletion(List.of(Messages.user("secret prompt")), Map.of("model", "m"));
        SpanData span = onlySpan();
        assertThat(span.getAttributes().get(INPUT_MESSAGES)).contains("secret prompt");
        assertThat(span.getAttributes().get(OUTPUT_MESSAGES)).contains("secret answer").contains("\"role\":\"assistant\"");
    }

    @Test
    @SuppressWarnings("try") // the scope only makes the caller's span current
    void aSessionWithOneToolRoundGivesTwoChatSpansUnderTheCallersSpanWithUsageOnEach() {
        server.enqueue(FakeReply.toolCall("add", "{\"a\":2,\"b\":3}"), FakeReply.text("It is 5"));
        ChatSession chat = client().newChatSession(Map.of("model", "gpt-4.1"));
        chat.setToolLoop(ToolLoop.of(ToolFunction.of("add", "Adds two numbers",
                Map.of("type", "object", "properties", Map.of("a", Map.of("type", "integer"),
                        "b", Map.of("type", "integer"))),
                args -> args.get("a").asInt() + args.get("b").asInt())));
        Tracer tracer = otel.getTracer("test");
        Span caller = tracer.spanBuilder("answer question").startSpan();
        try (Scope ignored = caller.makeCurrent()) {
            assertThat(chat.send("What is 2 + 3?").toString()).isEqualTo("It is 5");
        } finally {
            caller.end();
        }

        List<SpanData> finished = spans.getFinishedSpanItems();
        List<SpanData> chats = finished.stream().filter(s -> s.getName().equals("chat gpt-4.1")).toList();
        assertThat(chats).hasSize(2).allSatisfy(span -> {
            assertThat(span.getParentSpanId()).isEqualTo(caller.getSpanContext().getSpanId());
            assertThat(span.getTraceId()).isEqualTo(caller.getSpanContext().getTraceId());
            assertThat(span.getAttributes().get(INPUT_TOKENS)).isPositive();
            assertThat(span.getAttributes().get(OUTPUT_TOKENS)).isPositive();
        });
        assertThat(chats.get(0).getAttributes().get(FINISH_REASONS)).containsExactly("tool_calls");
        assertThat(chats.get(1).getAttributes().get(FINISH_REASONS)).containsExactly("stop");
    }

    private List<HistogramPointData> histogram(String name) {
        return metrics.collectAllMetrics().stream().filter(m -> m.getName().equals(name))
                .map(MetricData::getHistogramData).flatMap(h -> h.getPoints().stream()).toList();
    }
}
