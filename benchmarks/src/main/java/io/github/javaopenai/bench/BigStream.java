package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Pulls one very long chat stream through this library, to show that memory stays flat. Run as
 * {@code BigStream <baseUrl>} in a small heap; prints a {@code RESULT} line with events, bytes
 * seen, seconds and peak heap.
 */
public final class BigStream {

    private BigStream() {
    }

    /** Streams and prints the result. */
    public static void main(String[] args) {
        OpenAI client = OpenAI.newBuilder().baseUrl(args[0]).apiKey("sk-dummy").build();
        System.gc();
        Meter.HeapSampler heap = new Meter.HeapSampler();
        long start = System.nanoTime();
        long events = 0;
        long chars = 0;
        try (EventStream stream = client.streamChatCompletion(
                List.of(Messages.user(BenchClient.USER)), Map.of("model", BenchClient.MODEL))) {
            for (JsonNode event : stream) {
                events++;
                chars += Content.ofChunk(event);
            }
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", events);
        result.put("chars", chars);
        result.put("seconds", (System.nanoTime() - start) / 1e9);
        result.put("peakHeapBytes", heap.peak());
        result.put("peakLiveHeapBytes", heap.peakAfterGc());
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        ChildResult.print(result);
        System.exit(0);
    }
}
