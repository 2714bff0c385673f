package io.github.javaopenai.examples;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

/** Image generation: asks for one image and writes the returned PNG to a file. */
public final class ImageGeneration {

    private ImageGeneration() {
    }

    /** Runs the example, writing {@code image.png} (or the path given as the first argument). */
    public static void main(String[] args) throws IOException {
        run(OpenAI.fromEnv(), System.out, Path.of(args.length > 0 ? args[0] : "image.png"));
    }

    static void run(OpenAI client, PrintStream out, Path file) throws IOException {
        ApiResponse response = client.imageGeneration(Map.of("model", "gpt-image-1",
                "prompt", "A watercolor of the Lua logo orbiting a coffee cup", "size", "1024x1024"));
        if (response.status() != 200) {
            out.println("failed: " + response.bodyText());
            return;
        }
        byte[] png = Base64.getDecoder().decode(response.body().at("/data/0/b64_json").asText());
        Files.write(file, png);
        out.println("wrote " + file + " (" + png.length + " bytes)");
    }
}
