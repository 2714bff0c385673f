package io.github.javaopenai.endpoints;

import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.EventPublisher;
import io.github.javaopenai.internal.engine.AsyncRequester;
import io.github.javaopenai.transport.Multipart;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The Images API's streamed edits in async form, from {@code client.async().images()}: the request
 * of {@link Images#edit(List, String, Map, java.util.function.Consumer)}, as a
 * {@link java.util.concurrent.Flow.Publisher} of its events ({@code image_edit.partial_image}, then
 * {@code image_edit.completed}) with the demand, cancellation and errors of every
 * {@link EventPublisher}. Each subscription uploads the images again. Whole edits and variations
 * are futures of the whole answer, as {@link AsyncOpenAI}'s calls are; generation has its async
 * form on {@link AsyncOpenAI#imageGeneration}. Thread-safe.
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

    /** Sends {@code POST /images/edits} with one image; see {@link #edit(List, String, Map)}. */
    public CompletableFuture<ApiResponse> edit(Path image, String prompt, Map<String, ?> options) {
        return edit(List.of(Objects.requireNonNull(image, "image == null")), prompt, options);
    }

    /**
     * Sends {@code POST /images/edits} uploading the images with the prompt, as
     * {@link Images#edit(List, String, Map)}, and completes with the whole answer.
     *
     * @throws IllegalArgumentException at once, nothing sent, when there is no image or no prompt, an
     *     image is not a readable file, or the options ask for {@code stream: true} (use {@link #streamEdit})
     */
    public CompletableFuture<ApiResponse> edit(List<Path> images, String prompt, Map<String, ?> options) {
        return send(PATH, Images.wholeEditForm(images, prompt, options));
    }

    /** Sends {@code POST /images/variations} uploading the image, as {@link Images#variation}. */
    public CompletableFuture<ApiResponse> variation(Path image, Map<String, ?> options) {
        return send("/images/variations", Images.variationForm(image, options));
    }

    private CompletableFuture<ApiResponse> send(String path, Multipart.Builder form) {
        Multipart body = form.build();
        return requester.sendBody("POST", path, body, body.contentType());
    }

    @Override
    public String toString() {
        return "AsyncImages";
    }
}
