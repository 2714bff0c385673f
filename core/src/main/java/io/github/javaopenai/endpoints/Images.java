package io.github.javaopenai.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.internal.engine.Forms;
import io.github.javaopenai.internal.engine.Requester;
import io.github.javaopenai.internal.engine.Streaming;
import io.github.javaopenai.internal.engine.StreamOption;
import io.github.javaopenai.transport.Multipart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Edits images and makes variations of them ({@code /images/edits}, {@code /images/variations}),
 * uploading the images as streamed multipart forms, and saves the {@code b64_json} images any
 * image endpoint returns.
 *
 * <p>Methods return the server's answer whatever its status, like the rest of the client. Obtain
 * one from {@code client.images()}; thread-safe.
 *
 * <pre>{@code
 * ApiResponse edited = client.images().edit(Path.of("otter.png"), "Give it a hat",
 *     Map.of("model", "gpt-image-1", "mask", Path.of("mask.png")));
 * List<Path> saved = Images.save(edited.body(), Path.of("out"), "otter");
 * }</pre>
 *
 * @since 0.1
 */
public final class Images {

    private final Requester requester;
    private final Streaming streaming;

    public Images(Requester requester, Streaming streaming) {
        this.requester = requester;
        this.streaming = streaming;
    }

    /** Sends {@code POST /images/edits} with one image; see {@link #edit(List, String, Map)}. */
    public ApiResponse edit(Path image, String prompt, Map<String, ?> options) {
        return edit(List.of(Objects.requireNonNull(image, "image == null")), prompt, options);
    }

    /**
     * Sends {@code POST /images/edits} uploading the images (as {@code image}, or {@code image[]}
     * when there are several) with the prompt.
     *
     * @param options form fields such as {@code model}, {@code size} or {@code n}; a {@link Path}
     *     value, such as {@code mask}, is uploaded as a file
     * @throws IllegalArgumentException when there is no image or no prompt, or an image is not a
     *     readable file
     */
    public ApiResponse edit(List<Path> images, String prompt, Map<String, ?> options) {
        return send("/images/edits", wholeEditForm(images, prompt, options));
    }

    /** Returns the form of an edit answered whole, refusing {@code stream: true}; shared with {@link AsyncImages}. */
    static Multipart.Builder wholeEditForm(List<Path> images, String prompt, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        if (StreamOption.requested(options)) {
            throw new IllegalArgumentException("edit(images, prompt, options) cannot stream: option \"stream\" is"
                    + " true but no onEvent callback was given; pass one, which decodes the events");
        }
        return editForm(images, prompt, options);
    }

    /**
     * Sends {@code POST /images/edits} with {@code stream: true} and hands each event to the
     * callback as it arrives: {@code image_edit.partial_image} events (as many as the
     * {@code partial_images} option asks for), then {@code image_edit.completed}, each with a
     * {@code b64_json} image. Returns the status and headers with an empty body; an answer that
     * is not an event stream (an error status, or a model that does not stream, since only the
     * {@code gpt-image} models do) is returned whole instead, and the callback is not called.
     */
    public ApiResponse edit(List<Path> images, String prompt, Map<String, ?> options, Consumer<JsonNode> onEvent) {
        Objects.requireNonNull(onEvent, "onEvent == null");
        Multipart body = streamedEditForm(images, prompt, options);
        return streaming.toCallback(requester.bodyRequest("POST", "/images/edits", body, body.contentType(),
                Streaming.EVENT_STREAM), onEvent);
    }

    /** Returns the form of a streamed edit, {@code stream: true} whatever the options say; shared with {@link AsyncImages}. */
    static Multipart streamedEditForm(List<Path> images, String prompt, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        Map<String, Object> rest = new java.util.LinkedHashMap<>(options);
        rest.remove("stream");
        return editForm(images, prompt, rest).field("stream", "true").build();
    }

    private static Multipart.Builder editForm(List<Path> images, String prompt, Map<String, ?> options) {
        Objects.requireNonNull(images, "images == null");
        if (images.isEmpty()) {
            throw new IllegalArgumentException("images is empty");
        }
        if (prompt == null || prompt.isBlank()) {
            throw new IllegalArgumentException("prompt must be provided");
        }
        Multipart.Builder form = Multipart.newBuilder();
        String name = images.size() == 1 ? "image" : "image[]";
        for (Path image : images) {
            Forms.addFile(form, name, image);
        }
        form.field("prompt", prompt);
        return Forms.addOptions(form, options);
    }

    /**
     * Sends {@code POST /images/variations} uploading the image (a square PNG under 4 MB).
     *
     * @param options form fields such as {@code n}, {@code size} or {@code response_format}
     */
    public ApiResponse variation(Path image, Map<String, ?> options) {
        return send("/images/variations", variationForm(image, options));
    }

    /** Returns the form of a variation; shared with {@link AsyncImages}. */
    static Multipart.Builder variationForm(Path image, Map<String, ?> options) {
        Multipart.Builder form = Forms.addFile(Multipart.newBuilder(), "image", image);
        return Forms.addOptions(form, options);
    }

    /**
     * Decodes every base64 image in an image endpoint's answer and writes each to
     * {@code directory/prefix-N.ext}, N counting from 1, returning the paths in order.
     *
     * <p>Reads {@code data[].b64_json} (image endpoints) and the {@code result} of
     * {@code image_generation_call} output items (the Responses API). The extension is the body's
     * {@code output_format}, or {@code png}. Creates the directory if needed; replaces files of the
     * same name. Returns an empty list when the answer holds no base64 image (for example when it
     * holds URLs).
     *
     * @throws OpenAIException when an image is not valid base64
     */
    public static List<Path> save(JsonNode body, Path directory, String prefix) {
        Objects.requireNonNull(body, "body == null");
        Objects.requireNonNull(directory, "directory == null");
        if (prefix == null || prefix.isBlank() || prefix.contains("/") || prefix.contains("\\")) {
            throw new IllegalArgumentException("prefix must be a non-blank file name: \"" + prefix + "\"");
        }
        List<String> encoded = new ArrayList<>();
        body.path("data").forEach(item -> addText(encoded, item.path("b64_json")));
        body.path("output").forEach(item -> {
            if ("image_generation_call".equals(item.path("type").asText())) {
                addText(encoded, item.path("result"));
            }
        });
        String format = body.path("output_format").asText("png");
        String extension = format.matches("[a-z0-9]{1,5}") ? format : "png"; // never a path from the server
        List<Path> saved = new ArrayList<>();
        try {
            Files.createDirectories(directory);
            for (int i = 0; i < encoded.size(); i++) {
                Path target = directory.resolve(prefix + "-" + (i + 1) + "." + extension);
                Files.write(target, decode(encoded.get(i), i));
                saved.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save images into " + directory, e);
        }
        return saved;
    }

    private static void addText(List<String> out, JsonNode node) {
        if (node.isTextual() && !node.textValue().isEmpty()) {
            out.add(node.textValue());
        }
    }

    private static byte[] decode(String base64, int index) {
        try {
            return Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new OpenAIException("image " + (index + 1) + " is not valid base64: " + e.getMessage(), e);
        }
    }

    private ApiResponse send(String path, Multipart.Builder form) {
        Multipart body = form.build();
        return requester.sendBody("POST", path, body, body.contentType());
    }

    @Override
    public String toString() {
        return "Images";
    }
}
