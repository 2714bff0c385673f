package io.github.javaopenai.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.Usage;
import io.github.javaopenai.sessions.ToolCall;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Collects what the server events of a realtime reply carry: the text, the audio (PCM16 bytes,
 * or a WAV file), the transcripts, the function calls and the usage. A reply that ran tools spans
 * several responses; their parts add up. Feed it every event with {@link #accept}; events of other
 * types are ignored. It takes the GA event names ({@code response.output_text.delta},
 * {@code response.output_audio.delta}, {@code response.output_audio_transcript.delta}) and the beta
 * API's ({@code response.text.delta}, {@code response.audio.delta},
 * {@code response.audio_transcript.delta}) alike. Not thread-safe: feed it from the reader.
 *
 * @since 0.1
 */
public final class RealtimeReply {

    private final StringBuilder text = new StringBuilder();
    private final StringBuilder transcript = new StringBuilder();
    private final StringBuilder inputTranscript = new StringBuilder();
    private final ByteArrayOutputStream audio = new ByteArrayOutputStream();
    private final List<ToolCall> functionCalls = new ArrayList<>();
    private Usage usage = Usage.ZERO;
    private String status;
    private String responseId;
    private boolean done;

    /** Takes one server event into the reply. */
    public void accept(JsonNode event) {
        switch (event.path("type").asText()) {
            case "response.created" -> {
                responseId = event.path("response").path("id").asText(null);
                done = false;
            }
            // The GA names, then the beta API's, which servers built on the beta still send.
            case "response.output_text.delta", "response.text.delta" -> text.append(event.path("delta").asText());
            case "response.output_audio.delta", "response.audio.delta" ->
                    audio.writeBytes(Base64.getDecoder().decode(event.path("delta").asText()));
            case "response.output_audio_transcript.delta", "response.audio_transcript.delta" ->
                    transcript.append(event.path("delta").asText());
            case "conversation.item.input_audio_transcription.completed" ->
                    inputTranscript.append(event.path("transcript").asText());
            case "response.function_call_arguments.done" -> functionCalls.add(new ToolCall(
                    event.path("call_id").asText(), event.path("name").asText(), event.path("arguments").asText("")));
            case "response.done" -> {
                JsonNode response = event.path("response");
                usage = usage.plus(Usage.from(response.get("usage")));
                status = response.path("status").asText(null);
                responseId = response.path("id").asText(responseId);
                done = true;
            }
            default -> {
                // Other events carry nothing a reply keeps.
            }
        }
    }

    /** Returns the text of the {@code response.output_text.delta} (beta: {@code response.text.delta}) events so far. */
    public String text() {
        return text.toString();
    }

    /** Returns the transcript of the spoken answer so far. */
    public String transcript() {
        return transcript.toString();
    }

    /** Returns the transcript of the user's audio, when the session transcribes input. */
    public String inputTranscript() {
        return inputTranscript.toString();
    }

    /** Returns the spoken answer so far as PCM16 bytes. */
    public byte[] audio() {
        return audio.toByteArray();
    }

    /** Writes the spoken answer as a mono 24 kHz PCM16 WAV file. */
    public void writeWav(Path file) {
        Wav.ofRealtimePcm16(audio()).write(file);
    }

    /** Returns the function calls the model made, in order. */
    public List<ToolCall> functionCalls() {
        return List.copyOf(functionCalls);
    }

    /** Returns the tokens used by the responses that ended so far. */
    public Usage usage() {
        return usage;
    }

    /** Returns the last response's {@code status} ({@code completed}, {@code cancelled}, {@code failed}...), or null before its end. */
    public String status() {
        return status;
    }

    /** Returns the id of the last response, or null before one was created. */
    public String responseId() {
        return responseId;
    }

    /** Returns whether the last response ended ({@code response.done}). */
    public boolean isDone() {
        return done;
    }

    @Override
    public String toString() {
        return "RealtimeReply{status=" + status + ", text=" + text.length() + " chars, audio=" + audio.size()
                + " bytes, functionCalls=" + functionCalls.size() + ", usage=" + usage + "}";
    }
}
