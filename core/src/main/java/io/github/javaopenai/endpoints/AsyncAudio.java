package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.transport.Multipart;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The Audio API's streamed transcriptions in async form, from {@code client.async().audio()}:
 * {@link Audio#streamTranscription}'s request, as a {@link java.util.concurrent.Flow.Publisher}
 * of its events ({@code transcript.text.delta}, then {@code transcript.text.done}) with the demand,
 * cancellation and errors of every {@link EventPublisher}. Each subscription uploads the audio
 * again. Speech, whole transcriptions and translations have no async form yet: use
 * {@code client.audio()}. Thread-safe.
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

    private EventPublisher publisher(Multipart.Builder form) {
        Multipart body = form.build();
        return requester.streamBody(PATH, body, body.contentType());
    }

    @Override
    public String toString() {
        return "AsyncAudio";
    }
}
