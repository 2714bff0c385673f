package io.github.javaopenai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A stream that ends with {@code data: [DONE]} leaves its connection to the next call: the rest of
 * the body (the chunked encoding's last chunk) is read, not thrown away with the connection, so no
 * call pays for a new connection (over TLS, a handshake) after a finished stream.
 */
class StreamConnectionReuseTest {

    private static final List<Map<String, Object>> MESSAGES = List.of(Messages.user("hi"));

    @Test
    void pullStreamsEndingWithDoneShareOneConnection() throws Exception {
        try (EventServer server = new EventServer();
                OpenAI client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl("n5")).build()) {
            for (int i = 0; i < 3; i++) {
                int events = 0;
                try (EventStream stream = client.streamChatCompletion(MESSAGES, Map.of("model", "m"))) {
                    for (JsonNode event : stream) {
                        events++;
                    }
                }
                assertThat(events).isEqualTo(5);
            }
            assertThat(server.clientPorts).hasSize(1);
        }
    }

    @Test
    void callbackStreamsEndingWithDoneShareOneConnection() throws Exception {
        try (EventServer server = new EventServer();
                OpenAI client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(server.baseUrl("n5")).build()) {
            AtomicInteger events = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                client.createChatCompletion(MESSAGES, Map.of("model", "m"), event -> events.incrementAndGet());
            }
            assertThat(events).hasValue(15);
            assertThat(server.clientPorts).hasSize(1);
        }
    }
}
