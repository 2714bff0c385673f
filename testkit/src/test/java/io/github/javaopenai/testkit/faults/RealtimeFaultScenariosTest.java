package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.ApiTimeoutException;
import io.github.javaopenai.errors.AuthenticationException;
import io.github.javaopenai.errors.RealtimeClosedException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.realtime.RealtimeEvents;
import io.github.javaopenai.realtime.RealtimeOptions;
import io.github.javaopenai.realtime.RealtimeReply;
import io.github.javaopenai.realtime.RealtimeSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault-injection suite for realtime sessions: a WebSocket that drops, closes or hangs
 * mid-session, an upgrade refused or never answered, each seen from the client's side.
 */
@Timeout(30)
class RealtimeFaultScenariosTest {

    private static final String KEY = "sk-fault-suite-key";
    private static final String MODEL = "gpt-realtime";

    private static OpenAI client(FaultServer server) {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).build();
    }

    @Test
    void aConnectionDroppedMidResponseRaisesAnAbnormalCloseAndKeepsThePartialText() throws Exception {
        RealtimeReply reply = new RealtimeReply();
        try (FaultServer server = FaultServer.start(Faults.realtimeDropMidResponse("Half an answer"));
                OpenAI client = client(server);
                RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Hi");
            assertThatThrownBy(() -> session.awaitReply(reply, event -> { }))
                    .isInstanceOfSatisfying(RealtimeClosedException.class,
                            e -> assertThat(e.code()).isEqualTo(RealtimeClosedException.ABNORMAL_CLOSURE));
            assertThat(session.isOpen()).isFalse();
            assertThat(server.requests()).singleElement().satisfies(upgrade -> {
                assertThat(upgrade.target()).isEqualTo("/v1/realtime?model=gpt-realtime");
                assertThat(upgrade.header("upgrade")).hasValue("websocket");
            });
        }
        assertThat(reply.text()).isEqualTo("Half an answer");
        assertThat(reply.isDone()).isFalse();
    }

    @Test
    void aServerCloseMidResponseRaisesItsCodeAndReasonAndKeepsThePartialText() throws Exception {
        RealtimeReply reply = new RealtimeReply();
        try (FaultServer server = FaultServer.start(Faults.realtimeCloseMidResponse("Hello partial world", 1011,
                        "upstream failed"));
                OpenAI client = client(server);
                RealtimeSession session = client.realtime(MODEL, RealtimeOptions.defaults())) {
            session.sendText("Hi");
            assertThatThrownBy(() -> session.awaitReply(reply, event -> { }))
                    .isInstanceOfSatisfying(RealtimeClosedException.class, e -> {
                        assertThat(e.code()).isEqualTo(1011);
                        assertThat(e.reason()).isEqualTo("upstream failed");
                    });
        }
        assertThat(reply.text()).isEqualTo("Hello partial world");
        assertThat(reply.isDone()).isFalse();
    }

    @Test
    void anUpgradeNeverAnsweredRaisesApiTimeoutExceptionAfterTheConnectTimeout() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.silence(Duration.ofSeconds(10)));
                OpenAI client = client(server)) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.realtime(MODEL,
                    RealtimeOptions.defaults().withConnectTimeout(Duration.ofMillis(300))))
                    .isInstanceOf(ApiTimeoutException.class).hasMessageContaining("127.0.0.1");
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void aRefusedUpgradeIsAnAuthenticationExceptionWithoutTheKey() throws Exception {
        try (FaultServer server = FaultServer.start(Faults.unauthorized()); OpenAI client = client(server)) {
            assertThatThrownBy(() -> client.realtime(MODEL, RealtimeOptions.defaults()))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.status()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("Incorrect API key").doesNotContain(KEY);
                    });
            assertThat(server.requests()).singleElement()
                    .satisfies(upgrade -> assertThat(upgrade.header("authorization")).hasValue("Bearer " + KEY));
        }
    }

    @Test
    void aHungServerThatAnswersNoPingIsTimedOutAfterTheEventsThatCameBefore() throws Exception {
        RealtimeOptions options = RealtimeOptions.defaults().withIdleTimeout(Duration.ofMillis(500))
                .withPingInterval(Duration.ofMillis(100));
        try (FaultServer server = FaultServer.start(Faults.realtimeHang(Duration.ofSeconds(10)));
                OpenAI client = client(server);
                RealtimeSession session = client.realtime(MODEL, options)) {
            RealtimeEvents events = session.events();
            assertThat(events.next().path("type").asText()).isEqualTo("session.created");
            long start = System.nanoTime();
            assertThatThrownBy(events::next).isInstanceOf(StreamTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(session.isOpen()).isFalse();
        }
    }
}
