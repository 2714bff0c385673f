package io.github.javaopenai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Multipart;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Turns text into speech and speech into text: {@code /audio/speech}, {@code /audio/transcriptions}
 * and {@code /audio/translations}.
 *
 * <p>Speech is streamed to its destination as it arrives, never held whole in memory, and raises
 * {@link io.github.javaopenai.errors.ApiStatusException} on a status other than 2xx. Audio files
 * are uploaded as streamed multipart forms; those methods return the server's answer whatever its
 * status (with {@code response_format: text}, the body is the text as a string node). Obtain one
 * from {@link OpenAI#audio()}; thread-safe.
 *
 * <pre>{@code
 * client.audio().speech("Hello!", "coral", Map.of(), Path.of("hello.mp3"));
 * String text = client.audio().transcription(Path.of("hello.mp3"), Map.of()).body().path("text").asText();
 * }</pre>
 *
 * @since 1.0
 */
public final class Audio {

    /** The text-to-speech model used unless the options name one: {@value}. */
    public static final String DEFAULT_SPEECH_MODEL = "gpt-4o-mini-tts";

    /** The speech-to-text model used unless the options name one: {@value}, offered for both transcription and translation. */
    public static final String DEFAULT_TRANSCRIPTION_MODEL = "whisper-1";

    private final Requester requester;

    Audio(Requester requester) {
        this.requester = requester;
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
        return Downloads.open(requester, "POST", "/audio/speech", OpenAI.merge(body, options),
                "application/octet-stream, audio/*");
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

    /** Sends {@code POST /audio/translations} uploading the audio file: English text. */
    public ApiResponse translation(Path audio, Map<String, ?> options) {
        return send("/audio/translations", Forms.addFile(form(options), "file", audio));
    }

    /** Sends {@code POST /audio/translations} uploading the bytes under the given file name. */
    public ApiResponse translation(String filename, byte[] audio, Map<String, ?> options) {
        return send("/audio/translations", bytesForm(filename, audio, options));
    }

    private static Multipart.Builder form(Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        Multipart.Builder form = Multipart.newBuilder();
        if (!options.containsKey("model")) {
            form.field("model", DEFAULT_TRANSCRIPTION_MODEL);
        }
        return Forms.addOptions(form, options);
    }

    private static Multipart.Builder bytesForm(String filename, byte[] audio, Map<String, ?> options) {
        Objects.requireNonNull(filename, "filename == null");
        Objects.requireNonNull(audio, "audio == null");
        return form(options).file("file", filename, Forms.mediaType(filename), audio);
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
