package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.transport.Multipart;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Audio API in async form, from {@code client.async().audio()}. Speech completes with the
 * audio, in memory or written to a file, as {@link io.github.javaopenai.internal.engine.AsyncDownloads}
 * reads it; whole transcriptions and translations complete with the answer, as
 * {@link AsyncOpenAI}'s calls do. {@link Audio#streamTranscription}'s request is a
 * {@link java.util.concurrent.Flow.Publisher} of its events ({@code transcript.text.delta}, then
 * {@code transcript.text.done}) with the demand, cancellation and errors of every
 * {@link EventPublisher}; each subscription uploads the audio again. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncAudio {

    private static final String PATH = "/audio/transcriptions";

    private final AsyncRequester requester;

    AsyncAudio(AsyncRequester requester) {
        this.requester = requester;
    }

    /**
     * Streams the transcription of the audio file, read from disk as it is sent.
     *
     * @param options extend or override {@code {model: gpt-4o-mini-transcribe, stream: true}}
     * @throws IllegalArgumentException at once, nothing sent, when the path is not a readable file
     */
    public EventPublisher streamTranscription(Path audio, Map<String, ?> options) {
        Objects.requireNonNull(audio, "audio == null");
        return publisher(Forms.addFile(Audio.streamForm(options), "file", audio));
    }

    /** Streams the transcription of the bytes, named by the file name, whose extension names the format. */
    public EventPublisher streamTranscription(String filename, byte[] audio, Map<String, ?> options) {
        return publisher(Audio.bytesForm(Audio.streamForm(options), filename, audio));
    }

    /**
     * Sends {@code POST /audio/speech}, as {@link Audio#speech(String, String, Map)}, and completes
     * with the whole audio; the future fails with the {@code ApiException} of an error status.
     *
     * @throws IllegalArgumentException at once, nothing sent, when the input or voice is missing
     */
    public CompletableFuture<byte[]> speech(String input, String voice, Map<String, ?> options) {
        return requester.downloads().toBytes("POST", "/audio/speech", Audio.speechBody(input, voice, options),
                Audio.SPEECH_ACCEPT);
    }

    /**
     * Sends {@code POST /audio/speech} and writes the audio to the target file, through a temporary
     * file beside it moved into place once complete, so a failed or cancelled call leaves no partial
     * target; completes with the target.
     */
    public CompletableFuture<Path> speech(String input, String voice, Map<String, ?> options, Path target) {
        Objects.requireNonNull(target, "target == null");
        return requester.downloads().toFile("POST", "/audio/speech", Audio.speechBody(input, voice, options),
                Audio.SPEECH_ACCEPT, target);
    }

    /** Sends {@code POST /audio/transcriptions} uploading the audio file, as {@link Audio#transcription(Path, Map)}. */
    public CompletableFuture<ApiResponse> transcription(Path audio, Map<String, ?> options) {
        return send(PATH, Forms.addFile(Audio.form(options), "file", audio));
    }

    /** Sends {@code POST /audio/transcriptions} uploading the bytes under the file name, whose extension names the format. */
    public CompletableFuture<ApiResponse> transcription(String filename, byte[] audio, Map<String, ?> options) {
        return send(PATH, Audio.bytesForm(filename, audio, options));
    }

    /** Sends {@code POST /audio/translations} uploading the audio file: English text. */
    public CompletableFuture<ApiResponse> translation(Path audio, Map<String, ?> options) {
        return send("/audio/translations", Forms.addFile(Audio.form(options), "file", audio));
    }

    /** Sends {@code POST /audio/translations} uploading the bytes under the given file name. */
    public CompletableFuture<ApiResponse> translation(String filename, byte[] audio, Map<String, ?> options) {
        return send("/audio/translations", Audio.bytesForm(filename, audio, options));
    }

    private CompletableFuture<ApiResponse> send(String path, Multipart.Builder form) {
        Multipart body = form.build();
        return requester.sendBody("POST", path, body, body.contentType());
    }

    private EventPublisher publisher(Multipart.Builder form) {
        Multipart body = form.build();
        return requester.streamBody(PATH, body, body.contentType());
    }

    @Override
    public String toString() {
        return "AsyncAudio";
    }
}
