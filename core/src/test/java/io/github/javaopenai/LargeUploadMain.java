package io.github.javaopenai;

import io.github.javaopenai.core.ApiResponse;
import java.nio.file.Path;

/**
 * Uploads one file and reports the outcome: run in a separate JVM with a small heap by
 * {@link FileStoreLargeUploadTest}, to show that an upload never holds the file in memory.
 */
public final class LargeUploadMain {

    private LargeUploadMain() {
    }

    /** Uploads {@code args[1]} to the server at base URL {@code args[0]}; exits 0 on a 2xx answer. */
    public static void main(String[] args) {
        OpenAI client = OpenAI.newBuilder().apiKey("sk-test").baseUrl(args[0]).build();
        ApiResponse response = client.files().upload(Path.of(args[1]), "batch");
        System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory() + " status=" + response.status()
                + " id=" + response.body().path("id").asText());
        System.exit(response.isSuccess() ? 0 : 1);
    }
}
