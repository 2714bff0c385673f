package io.github.javaopenai;

import io.github.javaopenai.internal.engine.PlainHttpWarning;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.internal.Log;
import java.lang.System.Logger.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoggingTest {

    private static final String KEY = "sk-logging-test-key-0123456789";

    private RecordingServer server;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OpenAI client() {
        return OpenAI.newBuilder().apiKey(KEY).baseUrl(server.baseUrl()).build().withRetryClock(new FakeRetryClock());
    }

    @Test
    void openAiLogSettingPicksTheThresholdAndWarningsAreOnByDefault() {
        assertThat(Log.threshold(null)).isEqualTo(Level.WARNING);
        assertThat(Log.threshold("")).isEqualTo(Level.WARNING);
        assertThat(Log.threshold("info")).isEqualTo(Level.INFO);
        assertThat(Log.threshold(" DEBUG ")).isEqualTo(Level.DEBUG);
        assertThat(Log.threshold("off")).isEqualTo(Level.OFF);
    }

    @Test
    void nothingIsLoggedForRetriesByDefault() {
        try (CapturingLogger log = new CapturingLogger(Log.threshold(null))) {
            server.replyJson(503, "{}");
            client().models().list();
            assertThat(log.lines).isEmpty();
        }
    }

    @Test
    void infoLogsOneLinePerRetryWithTheReasonAndWait() {
        try (CapturingLogger log = new CapturingLogger(Level.INFO)) {
            server.replyJson(503, "{}").replyJson(429, "{}");
            client().models().list();
            assertThat(log.lines).containsExactly(
                    "INFO Retrying GET " + server.baseUrl() + "/models in 500 ms (retry 1 of 2) after status 503",
                    "INFO Retrying GET " + server.baseUrl() + "/models in 1000 ms (retry 2 of 2) after status 429");
        }
    }

    @Test
    void debugLogsEachRequestAndResponseWithHeadersRedacted() {
        try (CapturingLogger log = new CapturingLogger(Level.DEBUG)) {
            client().models().list();
            assertThat(log.lines).hasSize(2);
            assertThat(log.lines.get(0)).startsWith("DEBUG --> GET " + server.baseUrl() + "/models")
                    .contains("Authorization=<redacted>", "X-Retry-Count=0");
            assertThat(log.lines.get(1)).startsWith("DEBUG <-- 200 GET " + server.baseUrl() + "/models");
            assertThat(String.join("\n", log.lines)).doesNotContain(KEY);
        }
    }

    @Test
    void keyOverPlainHttpToARemoteHostWarnsOnceForTheClient() {
        try (CapturingLogger log = new CapturingLogger(Level.WARNING)) {
            OpenAI remote = OpenAI.newBuilder().apiKey(KEY).baseUrl("http://10.1.2.3:8000/v1").build();
            remote.withMaxRetries(0).withTimeout(java.time.Duration.ofSeconds(3));
            assertThat(log.lines).containsExactly("WARNING The API key is sent over plain HTTP to 10.1.2.3, where "
                    + "anyone on the network path can read it; use https:// for remote servers");
        }
    }

    @Test
    void noWarningForHttpsLoopbackOrNoKey() {
        try (CapturingLogger log = new CapturingLogger(Level.WARNING)) {
            OpenAI.newBuilder().apiKey(KEY).baseUrl("https://api.example.com/v1").build();
            OpenAI.newBuilder().apiKey(KEY).baseUrl("http://127.0.0.1:1234/v1").build();
            OpenAI.newBuilder().apiKey(KEY).baseUrl("http://localhost:11434/v1").build();
            OpenAI.newBuilder().apiKey(KEY).baseUrl("http://[::1]:8000/v1").build();
            OpenAI.newBuilder().baseUrl("http://ollama.lan:11434/v1").build();
            assertThat(log.lines).isEmpty();
        }
    }

    @Test
    void loopbackCheckNeverResolvesHostNames() {
        assertThat(PlainHttpWarning.isLoopback("127.8.9.10")).isTrue();
        assertThat(PlainHttpWarning.isLoopback("LOCALHOST")).isTrue();
        assertThat(PlainHttpWarning.isLoopback("192.168.1.2")).isFalse();
        assertThat(PlainHttpWarning.isLoopback("my-host.internal")).isFalse();
    }
}
