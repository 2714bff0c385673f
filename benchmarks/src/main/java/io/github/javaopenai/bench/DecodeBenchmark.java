package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.github.javaopenai.sse.SseDecoder;
import io.github.javaopenai.sse.SseEvent;
import io.github.javaopenai.sse.SseEventReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decodes and parses a chat stream held in memory, without any network: the floor's line splitter
 * against this library's {@link SseEventReader}, each followed by one Jackson parse per event.
 * {@code sse-reader} decodes each event's data into a {@code String} and parses that;
 * {@code sse-reader-raw} parses the data's bytes, as {@code EventStream} does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecodeBenchmark {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader TREES = MAPPER.readerFor(JsonNode.class);

    /** The decoder measured. */
    @Param({"floor", "sse-reader", "sse-reader-raw"})
    public String client;

    /** Events per stream. */
    @Param("20000")
    public int events;

    private byte[] stream;

    /** Renders the stream. */
    @Setup
    public void render() {
        stream = Payloads.chatStream(events);
    }

    /** Decodes the stream and parses every event. */
    @Benchmark
    public long decode() throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(stream);
        if (client.equals("floor")) {
            return FloorClient.readEvents(in);
        }
        long chars = 0;
        if (client.equals("sse-reader-raw")) {
            try (SseEventReader reader = new SseEventReader(in)) {
                for (SseDecoder.RawEvent event = reader.readRaw(); event != null && !event.isDone();
                        event = reader.readRaw()) {
                    chars += Content.ofChunk(TREES.readTree(event.dataArray(), 0, event.dataLength()));
                }
            }
            return chars;
        }
        try (SseEventReader reader = new SseEventReader(in)) {
            for (SseEvent event = reader.read(); event != null && !event.isDone(); event = reader.read()) {
                chars += Content.ofChunk(MAPPER.readTree(event.data()));
            }
        }
        return chars;
    }
}
