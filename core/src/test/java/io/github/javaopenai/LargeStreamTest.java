package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streams 200 MB through the client in a JVM whose heap is 64 MB (the surefire execution
 * {@code large-streams} sets {@code -Xmx64m}), so memory must stay flat in the stream's length.
 */
class LargeStreamTest {

    private static final byte[] CHUNK = ("data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
            + "\"created\":1700000000,\"model\":\"gpt-4.1\",\"choices\":[{\"index\":0,\"delta\":"
            + "{\"content\":\"Grüße, 世界! \"},\"finish_reason\":null}]}\n\n").getBytes(StandardCharsets.UTF_8);
    private static final long TOTAL_BYTES = 200L * 1024 * 1024;
    private static final long EVENTS = TOTAL_BYTES / CHUNK.length;

    private HttpServer server;
    private OpenAI client;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (long i = 0; i < EVENTS; i++) {
                    out.write(CHUNK);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
        client = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void runsInASixtyFourMegabyteHeap() {
        assertThat(Runtime.getRuntime().maxMemory()).isLessThanOrEqualTo(64L * 1024 * 1024);
    }

    @Test
    void twoHundredMegabytesStreamThroughACallback() {
        AtomicLong events = new AtomicLong();
        AtomicLong characters = new AtomicLong();
        ApiResponse response = client.createChatCompletion(List.of(Messages.user("go")), Map.of(), event -> {
            events.incrementAndGet();
            characters.addAndGet(event.at("/choices/0/delta/content").asText().length());
        });
        assertThat(response.status()).isEqualTo(200);
        assertThat(events.get()).isEqualTo(EVENTS);
        assertThat(characters.get()).isEqualTo(EVENTS * "Grüße, 世界! ".length());
    }

    @Test
    void twoHundredMegabytesStreamThroughAPullStream() {
        long count = 0;
        try (EventStream events = client.streamChatCompletion(List.of(Messages.user("go")), Map.of())) {
            for (JsonNode event : events) {
                count += event.path("choices").size();
            }
        }
        assertThat(count).isEqualTo(EVENTS);
    }
}
