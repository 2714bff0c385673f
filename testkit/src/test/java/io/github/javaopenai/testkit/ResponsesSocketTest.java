package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.RealtimeErrorException;
import io.github.javaopenai.errors.StreamException;
import io.github.javaopenai.realtime.ResponsesSocket;
import io.github.javaopenai.sessions.ResponsesChatSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Responses API over one WebSocket, against the testkit's server, every event checked against the OpenAPI document. */
@Timeout(30)
class ResponsesSocketTest {

    private static final Map<String, Object> MODEL = Map.of("model", "gpt-4o-mini");

    private FakeOpenAI fake;
    private FakeRealtime server;
    private OpenAI client;

    @BeforeEach
    void start() {
        fake = FakeOpenAI.start();
        server = fake.realtime();
        client = fake.client(); // sessions on the fake's own base URL, beside its HTTP calls
    }

    @AfterEach
    void stop() {
        fake.close();
    }

    @Test
    void aResponseStreamsTheHttpStreamEventsAndEndsAtResponseCompleted() {
        List<JsonNode> events = new ArrayList<>();
        try (ResponsesSocket socket = client.responsesSocket()) {
            for (JsonNode event : socket.create("Say hi", MODEL)) {
                events.add(event);
            }
        }
        StringBuilder text = new StringBuilder();
        events.stream().filter(e -> e.path("type").asText().equals("response.output_text.delta"))
                .forEach(e -> text.append(e.path("delta").asText()));
        assertThat(text.toString()).isEqualTo(Wire.echo("Say hi"));
        assertThat(events.get(0).path("type").asText()).isEqualTo("response.created");
        assertThat(events.get(events.size() - 1).path("type").asText()).isEqualTo("response.completed");
        // Compared as text: the server's nodes hold numbers in other Java types than parsed ones.
        assertThat(events.toString()).as("every event, in order").isEqualTo(server.serverEvents().toString());
        FakeRealtime.Upgrade upgrade = server.upgrades().get(0);
        assertThat(upgrade.target()).isEqualTo("/v1/responses");
        assertThat(upgrade.headers()).containsEntry("authorization", "Bearer " + FakeOpenAI.API_KEY);
        JsonNode create = server.clientEvents().get(0);
        assertThat(create.path("type").asText()).isEqualTo("response.create");
        assertThat(create.has("stream")).as("stream is implied over a WebSocket").isFalse();
        assertEventsFitTheSpec();
    }

    @Test
    void responsesChainedByPreviousResponseIdShareOneConnection() {
        try (ResponsesSocket socket = client.responsesSocket()) {
            JsonNode first = socket.createAndWait("My name is Ada", MODEL);
            JsonNode second = socket.createAndWait("What is my name?",
                    Map.of("model", "gpt-4o-mini", "previous_response_id", first.path("id").asText()));
            assertThat(first.path("status").asText()).isEqualTo("completed");
            assertThat(second.path("status").asText()).isEqualTo("completed");
            assertThat(second.path("previous_response_id").asText()).isEqualTo(first.path("id").asText());
        }
        assertThat(server.upgrades()).hasSize(1);
        assertEventsFitTheSpec();
    }

    @Test
    void anErrorEventEndsThatResponseAndTheSocketGoesOn() {
        try (ResponsesSocket socket = client.responsesSocket()) {
            assertThatThrownBy(() -> socket.createAndWait("Hi",
                    Map.of("model", "gpt-4o-mini", "previous_response_id", "resp_unknown")))
                    .isInstanceOf(RealtimeErrorException.class)
                    .hasMessageContaining("resp_unknown");
            assertThat(socket.createAndWait("Hi again", MODEL).path("status").asText()).isEqualTo("completed");
        }
        assertThat(server.upgrades()).hasSize(1);
        assertEventsFitTheSpec();
    }

    @Test
    void aSecondCreateWhileOneStreamsIsRefusedUntilTheFirstIsRead() {
        try (ResponsesSocket socket = client.responsesSocket()) {
            ResponsesSocket.Events first = socket.create("One", MODEL);
            assertThatThrownBy(() -> socket.create("Two", MODEL))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("still streaming a response");
            JsonNode last = null;
            for (JsonNode event : first) {
                last = event;
            }
            assertThat(last.path("type").asText()).isEqualTo("response.completed");
            assertThat(first.next()).as("iteration ends after the last event").isNull();
            assertThat(socket.createAndWait("Two", MODEL).path("status").asText()).isEqualTo("completed");
        }
        assertThat(server.clientEvents()).hasSize(2);
    }

    @Test
    void aConnectionDroppedMidResponseRaisesAStreamExceptionAfterThePartialEvents() {
        server.enqueueResponses(FakeReply.disconnect());
        List<String> types = new ArrayList<>();
        try (ResponsesSocket socket = client.responsesSocket()) {
            ResponsesSocket.Events events = socket.create("Hello there", MODEL);
            assertThatThrownBy(() -> {
                for (JsonNode event : events) {
                    types.add(event.path("type").asText());
                }
            }).isInstanceOf(StreamException.class);
        }
        assertThat(types).isNotEmpty().doesNotContain("response.completed");
        assertThat(types).hasSize(server.serverEvents().size());
    }

    @Test
    void backgroundIsRefusedBeforeAnythingIsSent() {
        try (ResponsesSocket socket = client.responsesSocket()) {
            assertThatThrownBy(() -> socket.create("Hi", Map.of("model", "gpt-4o-mini", "background", true)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("background");
            assertThat(socket.createAndWait("Hi", MODEL).path("status").asText()).isEqualTo("completed");
        }
        assertThat(server.clientEvents()).hasSize(1);
    }

    @Test
    void aResponsesChatSessionSendsItsTurnsOverOneWebSocket() {
        List<String> deltas = new ArrayList<>();
        try (ResponsesSocket socket = client.responsesSocket()) {
            ResponsesChatSession session = client.newResponsesChatSession(MODEL).useWebSocket(socket);
            String first = session.send("Hello", (chunk, event) -> deltas.add(chunk.content()));
            String firstId = session.currentResponseId();
            String second = session.send("And again").outputText();
            assertThat(first).isEqualTo(Wire.echo("Hello"));
            assertThat(String.join("", deltas)).isEqualTo(first);
            assertThat(second).isEqualTo(Wire.echo("And again"));
            assertThat(server.clientEvents().get(0).has("previous_response_id")).isFalse();
            assertThat(server.clientEvents().get(1).path("previous_response_id").asText()).isEqualTo(firstId);
            assertThat(session.responseHistory()).hasSize(2);
        }
        assertThat(server.upgrades()).hasSize(1);
        assertThat(fake.requests()).as("nothing went over HTTP").isEmpty();
        assertEventsFitTheSpec();
    }

    private void assertEventsFitTheSpec() {
        for (JsonNode event : server.serverEvents()) {
            String type = event.path("type").asText();
            String component = type.equals("error") ? "ResponseWsError" : SpecSchemas.componentWithType("Response", type);
            assertThat(SpecSchemas.problems(component, event)).as("server event %s", event).isEmpty();
            assertThat(SpecSchemas.problems("ResponsesServerEvent", event)).as("server event %s", event).isEmpty();
        }
        for (JsonNode event : server.clientEvents()) {
            assertThat(SpecSchemas.problems("ResponsesClientEventResponseCreate", event)).as("client event %s", event).isEmpty();
        }
    }
}
