package io.github.javaopenai.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.internal.Json;
import io.github.javaopenai.transport.Multipart;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Adds request options to a multipart form the way the OpenAI API reads them: a {@link Path}
 * becomes a file part, a list repeats as {@code name[]}, an object nests as {@code name[key]}.
 */
public final class Forms {

    private static final Map<String, String> MEDIA_TYPES = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"), Map.entry("gif", "image/gif"),
            Map.entry("mp3", "audio/mpeg"), Map.entry("mpga", "audio/mpeg"), Map.entry("mpeg", "audio/mpeg"),
            Map.entry("m4a", "audio/mp4"), Map.entry("mp4", "audio/mp4"), Map.entry("wav", "audio/wav"),
            Map.entry("ogg", "audio/ogg"), Map.entry("webm", "audio/webm"), Map.entry("flac", "audio/flac"),
            Map.entry("json", "application/json"), Map.entry("jsonl", "application/jsonl"),
            Map.entry("txt", "text/plain"), Map.entry("pdf", "application/pdf"));

    private Forms() {
    }

    /** Adds every non-null option; a null value leaves the field out. */
    public static Multipart.Builder addOptions(Multipart.Builder form, Map<String, ?> options) {
        Objects.requireNonNull(options, "options == null");
        for (Map.Entry<String, ?> option : options.entrySet()) {
            String name = Objects.requireNonNull(option.getKey(), "option name == null");
            add(form, name, option.getValue());
        }
        return form;
    }

    /** Adds the file at the path as a part named {@code name}, typed by its extension. */
    public static Multipart.Builder addFile(Multipart.Builder form, String name, Path path) {
        Objects.requireNonNull(path, name + " == null");
        String filename = path.getFileName() == null ? "file" : path.getFileName().toString();
        return form.file(name, filename, mediaType(filename), path);
    }

    /** Returns the media type for a file name's extension, or {@code application/octet-stream}. */
    public static String mediaType(String filename) {
        int dot = filename.lastIndexOf('.');
        String extension = dot < 0 ? "" : filename.substring(dot + 1).toLowerCase(Locale.ROOT);
        return MEDIA_TYPES.getOrDefault(extension, "application/octet-stream");
    }

    private static void add(Multipart.Builder form, String name, Object value) {
        if (value == null) {
            return;
        }
        if (value instanceof Path path) {
            addFile(form, name, path);
        } else if (value instanceof Collection<?> values) {
            for (Object element : values) {
                add(form, name + "[]", element);
            }
        } else {
            addJson(form, name, Json.toTree(value, "option \"" + name + "\""));
        }
    }

    private static void addJson(Multipart.Builder form, String name, JsonNode value) {
        if (value.isNull() || value.isMissingNode()) {
            return;
        }
        if (value.isArray()) {
            value.forEach(element -> addJson(form, name + "[]", element));
        } else if (value.isObject()) {
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                addJson(form, name + "[" + field.getKey() + "]", field.getValue());
            }
        } else {
            form.field(name, value.asText());
        }
    }
}
