package io.github.javaopenai.opentelemetry;

import static io.github.javaopenai.opentelemetry.GenAiAttributes.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.listener.Call;
import io.github.javaopenai.listener.CallResult;
import io.github.javaopenai.listener.OpenAIListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.LongHistogram;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.time.Duration;
import java.util.Objects;

/**
 * Traces and measures every call of a java-openai client with OpenTelemetry, following the GenAI
 * semantic conventions.
 *
 * <p>Each call is one {@code CLIENT} span named {@code {operation} {model}} ({@code chat gpt-4.1},
 * {@code embeddings text-embedding-3-small}), a child of the caller's current span, with
 * {@code gen_ai.operation.name}, {@code gen_ai.provider.name}, {@code gen_ai.request.model},
 * {@code gen_ai.response.model}, {@code gen_ai.response.id}, {@code gen_ai.response.finish_reasons}
 * and {@code gen_ai.usage.input_tokens} / {@code output_tokens}; a failed call sets
 * {@code error.type} (the HTTP status, or the exception's class) and the error status; each retry
 * is a span event named {@code retry}. The trace context is injected into the request headers
 * (W3C {@code traceparent} with the default propagators), so a proxy or server joins the trace.
 *
 * <p>Metrics: {@code gen_ai.client.operation.duration} (seconds), {@code gen_ai.client.token.usage}
 * (per {@code gen_ai.token.type}, input and output) and, for streams,
 * {@code gen_ai.client.operation.time_to_first_chunk} (seconds).
 *
 * <p>Prompts and answers are recorded ({@code gen_ai.input.messages}, {@code gen_ai.output.messages})
 * only when both this listener is built with {@link Builder#captureContent(boolean) captureContent(true)}
 * and the client with {@code listenerContent(true)}.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder()
 *     .apiKey(key)
 *     .listener(OpenTelemetryListener.create(GlobalOpenTelemetry.get()))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class OpenTelemetryListener implements OpenAIListener {

    /** The instrumentation scope name of the tracer and the meter. */
    public static final String SCOPE = "io.github.javaopenai";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TextMapSetter<Call> HEADERS = (call, name, value) -> {
        if (call != null) {
            call.setRequestHeader(name, value);
        }
    };

    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final DoubleHistogram duration;
    private final DoubleHistogram timeToFirstChunk;
    private final LongHistogram tokens;
    private final boolean captureContent;

    private OpenTelemetryListener(Builder builder) {
        OpenTelemetry otel = builder.openTelemetry;
        this.tracer = otel.getTracer(SCOPE);
        this.propagator = otel.getPropagators().getTextMapPropagator();
        Meter meter = otel.getMeter(SCOPE);
        this.duration = meter.histogramBuilder(OPERATION_DURATION).setUnit("s")
                .setDescription("GenAI operation duration").setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.timeToFirstChunk = meter.histogramBuilder(TIME_TO_FIRST_CHUNK).setUnit("s")
                .setDescription("Time to receive the first chunk of a streamed answer")
                .setExplicitBucketBoundariesAdvice(DURATION_BUCKETS).build();
        this.tokens = meter.histogramBuilder(TOKEN_USAGE).ofLongs().setUnit("{token}")
                .setDescription("Number of input and output tokens used").setExplicitBucketBoundariesAdvice(TOKEN_BUCKETS)
                .build();
        this.captureContent = builder.captureContent;
    }

    /** Returns a listener reporting to the given OpenTelemetry, without prompt or answer content. */
    public static OpenTelemetryListener create(OpenTelemetry openTelemetry) {
        return builder(openTelemetry).build();
    }

    /** Returns a builder for a listener reporting to the given OpenTelemetry. */
    public static Builder builder(OpenTelemetry openTelemetry) {
        return new Builder(openTelemetry);
    }

    @Override
    public void onRequestStart(Call call) {
        String operation = GenAiAttributes.operation(call.operation());
        String model = call.requestModel();
        Context parent = Context.current();
        SpanBuilder span = tracer.spanBuilder(model == null ? operation : operation + " " + model)
                .setSpanKind(SpanKind.CLIENT).setParent(parent)
                .setAttribute(OPERATION_NAME, operation)
                .setAttribute(PROVIDER_NAME, GenAiAttributes.provider(call.provider()));
        if (model != null) {
            span.setAttribute(REQUEST_MODEL, model);
        }
        if (call.streaming()) {
            span.setAttribute(REQUEST_STREAM, true);
        }
        if (call.serverAddress() != null) {
            span.setAttribute(SERVER_ADDRESS, call.serverAddress());
            span.setAttribute(SERVER_PORT, (long) call.serverPort());
        }
        Span started = span.startSpan();
        if (captureContent) {
            call.requestBody().ifPresent(body -> started.setAttribute(INPUT_MESSAGES, inputMessages(body)));
        }
        call.setAttribute(this, started);
        propagator.inject(parent.with(started), call, HEADERS);
    }

    @Override
    public void onRetry(Call call, int retry, String reason, Duration wait) {
        Span span = span(call);
        if (span != null) {
            span.addEvent("retry", Attributes.of(RESEND_COUNT, (long) retry, RETRY_REASON, reason,
                    RETRY_DELAY, wait.toNanos() / 1e9));
        }
    }

    @Override
    public void onFirstStreamEvent(Call call) {
        Span span = span(call);
        if (span != null) {
            double seconds = secondsSince(call.startNanos());
            span.setAttribute(RESPONSE_TIME_TO_FIRST_CHUNK, seconds);
            timeToFirstChunk.record(seconds, metricAttributes(call, null, null).build());
        }
    }

    @Override
    public void onFinish(Call call, CallResult result) {
        Span span = span(call);
        if (span == null) {
            return;
        }
        call.setAttribute(this, null);
        if (result.responseModel() != null) {
            span.setAttribute(RESPONSE_MODEL, result.responseModel());
        }
        if (result.responseId() != null) {
            span.setAttribute(RESPONSE_ID, result.responseId());
        }
        if (result.requestId() != null) {
            span.setAttribute(OPENAI_REQUEST_ID, result.requestId());
        }
        if (!result.finishReasons().isEmpty()) {
            span.setAttribute(RESPONSE_FINISH_REASONS, result.finishReasons());
        }
        Usage usage = result.usage();
        if (usage != null) {
            span.setAttribute(USAGE_INPUT_TOKENS, usage.inputTokens());
            span.setAttribute(USAGE_OUTPUT_TOKENS, usage.outputTokens());
            if (usage.cachedTokens() > 0) {
                span.setAttribute(USAGE_CACHE_READ_INPUT_TOKENS, usage.cachedTokens());
            }
        }
        if (captureContent && result.outputText() != null) {
            span.setAttribute(OUTPUT_MESSAGES, outputMessages(result));
        }
        AttributesBuilder attributes = metricAttributes(call, result.responseModel(), null);
        duration.record(secondsSince(call.startNanos()), attributes.build());
        if (usage != null) {
            tokens.record(usage.inputTokens(), attributes.put(TOKEN_TYPE, "input").build());
            tokens.record(usage.outputTokens(), attributes.put(TOKEN_TYPE, "output").build());
        }
        span.end();
    }

    @Override
    public void onError(Call call, Throwable error) {
        Span span = span(call);
        if (span == null) {
            return;
        }
        call.setAttribute(this, null);
        String type = errorType(error);
        span.setAttribute(ERROR_TYPE, type);
        span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
        span.recordException(error);
        duration.record(secondsSince(call.startNanos()), metricAttributes(call, null, type).build());
        span.end();
    }

    /** Returns the conventions' error type: the HTTP status for an error answer, else the exception's class. */
    static String errorType(Throwable error) {
        return error instanceof ApiException api ? Integer.toString(api.status()) : error.getClass().getName();
    }

    private Span span(Call call) {
        return call.attribute(this) instanceof Span span ? span : null;
    }

    private static AttributesBuilder metricAttributes(Call call, String responseModel, String errorType) {
        AttributesBuilder attributes = Attributes.builder()
                .put(OPERATION_NAME, GenAiAttributes.operation(call.operation()))
                .put(PROVIDER_NAME, GenAiAttributes.provider(call.provider()));
        if (call.requestModel() != null) {
            attributes.put(REQUEST_MODEL, call.requestModel());
        }
        if (call.serverAddress() != null) {
            attributes.put(SERVER_ADDRESS, call.serverAddress());
            attributes.put(SERVER_PORT, (long) call.serverPort());
        }
        if (responseModel != null) {
            attributes.put(RESPONSE_MODEL, responseModel);
        }
        if (errorType != null) {
            attributes.put(ERROR_TYPE, errorType);
        }
        return attributes;
    }

    private static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Returns the request's messages (chat) or input (Responses) as JSON text. */
    private static String inputMessages(JsonNode body) {
        JsonNode messages = body.has("messages") ? body.get("messages") : body.path("input");
        return messages.toString();
    }

    /** Returns the answer as the conventions' output message: one assistant text part. */
    private static String outputMessages(CallResult result) {
        ArrayNode messages = JSON.createArrayNode();
        ObjectNode message = messages.addObject().put("role", "assistant");
        message.putArray("parts").addObject().put("type", "text").put("content", result.outputText());
        if (!result.finishReasons().isEmpty()) {
            message.put("finish_reason", result.finishReasons().get(0));
        }
        return messages.toString();
    }

    /** Configures an {@link OpenTelemetryListener}. */
    public static final class Builder {
        private final OpenTelemetry openTelemetry;
        private boolean captureContent;

        private Builder(OpenTelemetry openTelemetry) {
            this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry == null");
        }

        /**
         * Sets whether prompts and answers are recorded on spans, when the client also hands them to
         * listeners ({@code listenerContent(true)}). Default: false; they may hold personal data.
         */
        public Builder captureContent(boolean captureContent) {
            this.captureContent = captureContent;
            return this;
        }

        /** Builds the listener. */
        public OpenTelemetryListener build() {
            return new OpenTelemetryListener(this);
        }
    }
}
