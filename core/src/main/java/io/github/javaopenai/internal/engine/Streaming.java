package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** Opens streamed requests and hands their events to a callback or to a pull stream. */
public final class Streaming {

    /** The media type of a server-sent event stream, sent as {@code Accept} when streaming. */
    public static final String EVENT_STREAM = "text/event-stream";

    private final Requester requester;
    private final ClientSettings settings;

    public Streaming(Requester requester, ClientSettings settings) {
        this.requester = requester;
        this.settings = settings;
    }

    /**
     * Streams every event to the callback and returns the status and headers, with an empty body;
     * an answer that is not an event stream is returned whole instead, and the callback not called.
     */
    public ApiResponse toCallback(String path, ObjectNode body, Consumer<JsonNode> onEvent) {
        CallObservation call = requester.observe("POST", path, body, true);
        TransportRequest request = request(path, body);
        return toCallback(call == null ? request : call.decorate(request), onEvent, call);
    }

    /** Streams the events of a prepared request, such as a multipart form, as {@link #toCallback(String, ObjectNode, Consumer)} does. */
    public ApiResponse toCallback(TransportRequest request, Consumer<JsonNode> onEvent) {
        CallObservation call = requester.observe(request, true);
        return toCallback(call == null ? request : call.decorate(request), onEvent, call);
    }

    private ApiResponse toCallback(TransportRequest request, Consumer<JsonNode> onEvent, CallObservation call) {
        try {
            Started started = start(request, false, call);
            if (started.whole() != null) {
                if (call != null) {
                    call.finish(started.whole());
                }
                return started.whole();
            }
            try (EventStream events = started.events()) {
                try {
                    for (JsonNode event = events.nextEvent(); event != null; event = events.nextEvent()) {
                        onEvent.accept(event);
                    }
                } catch (RuntimeException e) {
                    failed(call, e); // before closing the stream, which would report a cancellation
                    throw e;
                }
            }
            TransportResponse response = started.response();
            return new ApiResponse(response.status(), TextNode.valueOf(""), response.headers());
        } catch (RuntimeException e) {
            failed(call, e);
            throw e;
        }
    }

    /** Tells the call's listeners, if any, that it failed; also when the callback threw. */
    private static void failed(CallObservation call, RuntimeException e) {
        if (call != null) {
            call.fail(e);
        }
    }

    /**
     * Opens the stream and reads its first event, retrying failures up to that point: until an
     * event reaches the caller, nothing can be delivered twice; after it, nothing is retried.
     */
    private Started start(TransportRequest request, boolean failOnError, CallObservation call) {
        return requester.withRetries(request, response -> {
            if (!isEventStream(response)) {
                return new Started(response, requester.readWhole(response), null);
            }
            return new Started(response, null, call == null
                    ? EventStream.open(request, response, settings.streamIdleTimeout(), settings.maxEventBytes(),
                            failOnError)
                    : EventStream.open(request, response, settings.streamIdleTimeout(), settings.maxEventBytes(),
                            failOnError, call::event, call::streamEnded));
        }, call);
    }

    /** An opened answer: either whole (not an event stream) or events with the first one read. */
    private record Started(TransportResponse response, ApiResponse whole, EventStream events) {
    }

    /**
     * Streams a Responses API request without a callback and returns the final response object
     * (from {@code response.completed}, {@code response.incomplete} or {@code response.failed}) as
     * the body, keeping only that one event in memory; an error event when the stream ended with
     * one instead, and the empty string when neither arrived.
     */
    public ApiResponse toFinalResponse(String path, ObjectNode body) {
        JsonNode[] last = {TextNode.valueOf("")};
        ApiResponse result = toCallback(path, body, event -> {
            String type = event.path("type").asText("");
            if (event.has("response") && (type.equals("response.completed")
                    || type.equals("response.incomplete") || type.equals("response.failed"))) {
                last[0] = event.get("response");
            } else if (type.equals("error") || (event.has("error") && type.isEmpty())) {
                last[0] = event; // an error with no final response is the answer, not an empty body
            }
        });
        return result.body().isTextual() && result.isSuccess() && result.bodyText().isEmpty()
                ? new ApiResponse(result.status(), last[0], result.headers()) : result;
    }

    /**
     * Opens a pull stream. An error status raises the {@link ApiException} for it; a
     * successful answer that is not an event stream becomes a stream of that one object.
     */
    public EventStream toPull(String path, ObjectNode body) {
        CallObservation call = requester.observe("POST", path, body, true);
        TransportRequest request = request(path, body);
        return toPull(call == null ? request : call.decorate(request), call);
    }

    /** Opens a pull stream over a prepared request, such as a multipart form, as {@link #toPull(String, ObjectNode)} does. */
    public EventStream toPull(TransportRequest request) {
        CallObservation call = requester.observe(request, true);
        return toPull(call == null ? request : call.decorate(request), call);
    }

    private EventStream toPull(TransportRequest request, CallObservation call) {
        Started started;
        try {
            started = start(request, true, call);
        } catch (RuntimeException e) {
            if (call != null) {
                call.fail(e);
            }
            throw e;
        }
        if (started.events() != null) {
            return started.events();
        }
        ApiResponse whole = started.whole();
        if (call != null) {
            call.finish(whole);
        }
        if (!whole.isSuccess()) {
            throw ApiException.from(whole.status(), whole.headers(), whole.body());
        }
        return EventStream.ofSingle(request, started.response(), whole.body());
    }

    private TransportRequest request(String path, ObjectNode body) {
        body.put("stream", true);
        return requester.request("POST", path, body, EVENT_STREAM, Map.of());
    }

    private static boolean isEventStream(TransportResponse response) {
        String type = response.headers().first("Content-Type").orElse("").toLowerCase(Locale.ROOT);
        if (type.startsWith(EVENT_STREAM)) {
            return true;
        }
        // Lenient with servers that stream under another type, but never with errors or JSON.
        boolean success = response.status() >= 200 && response.status() < 300;
        return success && !type.contains("json") && !type.startsWith("text/html");
    }
}
