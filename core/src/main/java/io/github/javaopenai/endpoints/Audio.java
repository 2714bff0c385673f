package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.engine.RequestBodies;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.internal.engine.Downloads;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.Streaming;
import io.github.javaopenai.internal.engine.StreamOption;
import io.github.javaopenai.transport.Multipart;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Turns text into speech and speech into text: {@code /audio/speech}, {@code /audio/transcriptions}
 * and {@code /audio/translations}.
 *
 * <p>Speech is streamed to its destination as it arrives, never held whole in memory, and raises
 * {@link io.github.javaopenai.errors.ApiException} on a status other than 2xx. Audio files
 * are uploaded as streamed multipart forms; those methods return the server's answer whatever its
 * status (with {@code response_format: text}, the body is the text as a string node). Obtain one
 * from {@code client.audio()}; thread-safe.
 *
 * <pre>{@code
 * client.audio().speech("Hello!", "coral", Map.of(), Path.of("hello.mp3"));
 * String text = client.audio().transcription(Path.of("hello.mp3"), Map.of()).body().path("text").asText();
 * client.audio().transcription(Path.of("hello.mp3"), Map.of(),
 *         event -> System.out.print(event.path("delta").asText("")));
 * }</pre>
 *
 * <p>A streamed transcription ({@code stream: true}) arrives as server-sent events decoded like
 * every other stream: {@code transcript.text.delta} events carrying a {@code delta}, then one
 * {@code transcript.text.done} carrying the whole {@code text}.
 *
 * @since 0.1
 */
public final class Audio {

    /** The text-to-speech model used unless the options name one: {@value}. */
    public static final String DEFAULT_SPEECH_MODEL = "gpt-4o-mini-tts";

    /** The speech-to-text model used unless the options name one: {@value}, offered for both transcription and translation. */
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "whisper-1";

    /**
     * The speech-to-text model a streamed transcription uses unless the options name one:
     * {@value}; {@code whisper-1} does not stream.
     */
    public static final String DEFAULT_STREAMING_TRANSCRIPTION_MODEL = "gpt-4o-mini-transcribe";

    private final Requester requester;
    private final Streaming streaming;

    public Audio(Requester requester, Streaming streaming) {
        this.requester = requester;
        this.streaming = streaming;
    }

    /**
     * Sends {@code POST /audio/speech} and returns the audio as a stream, read as it arrives; the
     * caller closes it.
     *
     * @param input the text to speak, at most 4096 characters
     * @param voice a voice such as {@code alloy}, {@code coral} or {@code nova}
     * @param options extend or override {@code {model: gpt-4o-mini-tts, input, voice}}, for
     *     example with {@code response_format: wav} or {@code instructions}
     * @throws IllegalArgumentException when the input or voice is missing
     */
    public InputStream speech(String input, String voice, Map<String, ?> options) {
        return Downloads.open(requester, "POST", "/audio/speech", speechBody(input, voice, options), SPEECH_ACCEPT);
    }

    /** What a speech request accepts; shared with {@link AsyncAudio}. */
    static final String SPEECH_ACCEPT = "application/octet-stream, audio/*";

    /** Returns the body of a speech request, checking its arguments; shared with {@link AsyncAudio}. */
    static ObjectNode speechBody(String input, String voice, Map<String, ?> options) {
        if (input == null || input.isEmpty()) {
            throw new IllegalArgumentException("input must be provided");
        }
        if (voice == null || voice.isBlank()) {
            throw new IllegalArgumentException("voice must be provided");
        }
        ObjectNode body = Json.object();
        body.put("model", DEFAULT_SPEECH_MODEL);
        body.put("input", input);
        body.put("voice", voice);
        return RequestBodies.merge(body, options);
    }

    /** Streams the speech into the target file and returns the number of bytes written. */
    public long speech(String input, String voice, Map<String, ?> options, Path target) {
        Objects.requireNonNull(target, "target == null");
        return Downloads.toFile(speech(input, voice, options), target);
    }

    /** Streams the speech into the output stream, which stays open, and returns the byte count. */
    public long speech(String input, String voice, Map<String, ?> options, OutputStream out) {
        Objects.requireNonNull(out, "out == null");
        return Downloads.toStream(speech(input, voice, options), out);
    }

    /**
     * Sends {@code POST /audio/transcriptions} uploading the audio file: text in its own language.
     *
     * @param options extend or override {@code {model: whisper-1}}, for example with
     *     {@code language}, {@code prompt} or {@code response_format}
     */
    public ApiResponse transcription(Path audio, Map<String, ?> options) {
        return send("/audio/transcriptions", Forms.addFile(form(options), "file", audio));
    }

    /** Sends {@code POST /audio/transcriptions} uploading the bytes under the given file name, whose extension names the format. */
    public ApiResponse transcription(String filename, byte[] audio, Map<String, ?> options) {
        return send("/audio/transcriptions", bytesForm(filename, audio, options));
    }

    /**
     * Sends {@code POST /audio/transcriptions} with {@code stream: true} and hands each event to
     * the callback as it arrives, then returns the status and headers with an empty body. An
     * answer that is not an event stream (an error status, or a server that does not stream) is
     * returned whole instead, and the callback is not called.
     *
     * @param options extend or override {@code {model: gpt-4o-mini-transcribe, stream: true}}
     */
    public ApiResponse transcription(Path audio, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback(streamed(Forms.addFile(streamForm(options), "file", audio)), onEvent);
    }

    /** Streams the transcription of the bytes, named by the file name, to the callback. */
    public ApiResponse transcription(String filename, byte[] audio, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        return streaming.toCallback(streamed(bytesForm(streamForm(options), filename, audio)), onEvent);
    }

    /**
     * Sends {@code POST /audio/transcriptions} with {@code stream: true} and returns its events as
     * a pull stream, to be closed by the caller.
     *
     * @throws io.github.javaopenai.errors.StreamException when the status is not 2xx
     */
    public EventStream streamTranscription(Path audio, Map<String, ?> options) {
        return streaming.toPull(streamed(Forms.addFile(streamForm(options), "file", audio)));
    }

    /** Returns the events of the streamed transcription of the bytes, named by the file name. */
    public EventStream streamTranscription(String filename, byte[] audio, Map<String, ?> options) {
        return streaming.toPull(streamed(bytesForm(streamForm(options), filename, audio)));
    }

    /** Sends {@code POST /audio/translations} uploading the audio file: English text. */
    public ApiResponse translation(Path audio, Map<String, ?> options) {
        return send("/audio/translations", Forms.addFile(form(options), "file", audio));
    }

    /** Sends {@code POST /audio/translations} uploading the bytes under the given file name. */
    public ApiResponse translation(String filename, byte[] audio, Map<String, ?> options) {
        return send("/audio/translations", bytesForm(filename, audio, options));
    }

    /** Starts the form of a whole transcription or translation; shared with {@link AsyncAudio}. */
    static Multipart.Builder form(Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        if (StreamOption.requested(options)) {
            throw new IllegalArgumentException("option \"stream\" is true but no onEvent callback was given:"
                    + " pass one to transcription, or call streamTranscription, which decode the events");
        }
        return withModel(Multipart.newBuilder(), options, DEFAULT_TRANSCRIPTION_MODEL);
    }

    static Multipart.Builder streamForm(Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        Map<String, Object> rest = new java.util.LinkedHashMap<>(options);
        rest.remove("stream");
        return withModel(Multipart.newBuilder(), rest, DEFAULT_STREAMING_TRANSCRIPTION_MODEL).field("stream", "true");
    }

    private static Multipart.Builder withModel(Multipart.Builder form, Map<String, ?> options, String model) {
        if (!options.containsKey("model")) {
            form.field("model", model);
        }
        return Forms.addOptions(form, options);
    }

    static Multipart.Builder bytesForm(String filename, byte[] audio, Map<String, ?> options) {
        return bytesForm(form(options), filename, audio);
    }

    static Multipart.Builder bytesForm(Multipart.Builder form, String filename, byte[] audio) {
        Objects.requireNonNull(filename, "filename == null");
        Objects.requireNonNull(audio, "audio == null");
        return form.file("file", filename, Forms.mediaType(filename), audio);
    }

    private io.github.javaopenai.transport.TransportRequest streamed(Multipart.Builder form) {
        Multipart body = form.build();
        return requester.bodyRequest("POST", "/audio/transcriptions", body, body.contentType(), Streaming.EVENT_STREAM);
    }

    private ApiResponse send(String path, Multipart.Builder form) {
        Multipart body = form.build();
        return requester.sendBody("POST", path, body, body.contentType());
    }

    @Override
    public String toString() {
        return "Audio";
    }
}
