package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.transport.Multipart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Images API's streamed edits in async form, from {@code client.async().images()}: the request
 * of {@link Images#edit(List, String, Map, java.util.function.Consumer)}, as a
 * {@link java.util.concurrent.Flow.Publisher} of its events ({@code image_edit.partial_image}, then
 * {@code image_edit.completed}) with the demand, cancellation and errors of every
 * {@link EventPublisher}. Each subscription uploads the images again. Generation has its async form
 * on {@link AsyncOpenAI#imageGeneration}; whole edits and variations have none yet. Thread-safe.
 *
 * @since 0.1
 */
public final class AsyncImages {

    private static final String PATH = "/images/edits";

    private final AsyncRequester requester;

    AsyncImages(AsyncRequester requester) {
        this.requester = requester;
    }

    /**
     * Streams {@code POST /images/edits} uploading the images with the prompt and {@code stream: true}.
     *
     * @param options form fields such as {@code model} or {@code partial_images}; a {@link Path}
     *     value, such as {@code mask}, is uploaded as a file
     * @throws IllegalArgumentException at once, nothing sent, when there is no image or no prompt,
     *     or an image is not a readable file
     */
    public EventPublisher streamEdit(List<Path> images, String prompt, Map<String, ?> options) {
        Multipart body = Images.streamedEditForm(images, prompt, options);
        return requester.streamBody(PATH, body, body.contentType());
    }

    @Override
    public String toString() {
        return "AsyncImages";
    }
}
