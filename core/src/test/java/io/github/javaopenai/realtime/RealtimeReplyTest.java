package io.github.javaopenai.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RealtimeReplyTest {

    @Test
    void collectsTextAudioTranscriptCallsAndUsageAcrossResponses() throws Exception {
        RealtimeReply reply = new RealtimeReply();
        reply.accept(event("{\"type\":\"response.created\",\"response\":{\"id\":\"r1\"}}"));
        reply.accept(event("{\"type\":\"response.function_call_arguments.done\",\"call_id\":\"c1\",\"name\":\"add\",\"arguments\":\"{}\"}"));
        reply.accept(event("{\"type\":\"response.done\",\"response\":{\"id\":\"r1\",\"status\":\"completed\",\"usage\":{\"input_tokens\":3,\"output_tokens\":4}}}"));
        assertThat(reply.isDone()).isTrue();
        reply.accept(event("{\"type\":\"response.created\",\"response\":{\"id\":\"r2\"}}"));
        assertThat(reply.isDone()).isFalse();
        reply.accept(event("{\"type\":\"response.output_text.delta\",\"delta\":\"Hel\"}"));
        reply.accept(event("{\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}"));
        reply.accept(event("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + Base64.getEncoder().encodeToString(new byte[] {1, 2}) + "\"}"));
        reply.accept(event("{\"type\":\"response.output_audio.delta\",\"delta\":\"" + Base64.getEncoder().encodeToString(new byte[] {3}) + "\"}"));
        reply.accept(event("{\"type\":\"response.output_audio_transcript.delta\",\"delta\":\"Hi\"}"));
        reply.accept(event("{\"type\":\"conversation.item.input_audio_transcription.completed\",\"transcript\":\"hey\"}"));
        reply.accept(event("{\"type\":\"response.done\",\"response\":{\"id\":\"r2\",\"status\":\"cancelled\",\"usage\":{\"input_tokens\":1,\"output_tokens\":2}}}"));
        assertThat(reply.text()).isEqualTo("Hello");
        assertThat(reply.audio()).containsExactly(1, 2, 3);
        assertThat(reply.transcript()).isEqualTo("Hi");
        assertThat(reply.inputTranscript()).isEqualTo("hey");
        assertThat(reply.functionCalls()).singleElement().satisfies(call -> {
            assertThat(call.id()).isEqualTo("c1");
            assertThat(call.name()).isEqualTo("add");
        });
        assertThat(reply.usage().inputTokens()).isEqualTo(4);
        assertThat(reply.usage().outputTokens()).isEqualTo(6);
        assertThat(reply.status()).isEqualTo("cancelled");
        assertThat(reply.responseId()).isEqualTo("r2");
        Wav wav = Wav.read(new ByteArrayInputStream(Wav.ofRealtimePcm16(reply.audio()).toBytes()));
        assertThat(wav.pcm()).containsExactly(1, 2, 3);
    }

    @Test
    void takesTheBetaEventNamesLikeTheGaOnes() throws Exception {
        RealtimeReply reply = new RealtimeReply();
        reply.accept(event("{\"type\":\"response.text.delta\",\"delta\":\"Hel\"}"));
        reply.accept(event("{\"type\":\"response.output_text.delta\",\"delta\":\"lo\"}"));
        reply.accept(event("{\"type\":\"response.audio.delta\",\"delta\":\"" + Base64.getEncoder().encodeToString(new byte[] {7, 8}) + "\"}"));
        reply.accept(event("{\"type\":\"response.audio_transcript.delta\",\"delta\":\"Hi\"}"));
        assertThat(reply.text()).isEqualTo("Hello");
        assertThat(reply.audio()).containsExactly(7, 8);
        assertThat(reply.transcript()).isEqualTo("Hi");
    }

    @Test
    void wavReadingSaysWhatIsWrong() {
        assertThatThrownBy(() -> Wav.read(new ByteArrayInputStream("not a wav file".getBytes())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RIFF");
        byte[] eightBit = new Wav(8000, 1, new byte[4]).toBytes();
        eightBit[34] = 8; // bits per sample
        assertThatThrownBy(() -> Wav.read(new ByteArrayInputStream(eightBit)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8 bits");
        Wav stereo = new Wav(48_000, 2, new byte[192_000]);
        assertThat(stereo.durationMillis()).isEqualTo(1000);
    }

    @Test
    void theWebSocketUrlSwapsTheSchemeAndKeepsPathAndQuery() {
        assertThat(Realtime.webSocketUri(URI.create("https://api.openai.com/v1/realtime?model=m")))
                .hasToString("wss://api.openai.com/v1/realtime?model=m");
        assertThat(Realtime.webSocketUri(URI.create("http://127.0.0.1:8080/v1/realtime?model=m&api-version=1")))
                .hasToString("ws://127.0.0.1:8080/v1/realtime?model=m&api-version=1");
    }

    @Test
    void optionsNeverShowTheClientSecret() {
        RealtimeOptions options = RealtimeOptions.defaults().withClientSecret("ek_secret123");
        assertThat(options.toString()).doesNotContain("ek_secret123").contains("<redacted>");
        assertThatThrownBy(() -> options.withConnectTimeout(java.time.Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static JsonNode event(String json) throws Exception {
        return Json.MAPPER.readTree(json);
    }
}
