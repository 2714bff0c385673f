package io.github.javaopenai.testkit;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import java.nio.file.Path;

/**
 * Uploads one file through the Uploads API and prints the outcome: run in a separate JVM with a
 * small heap by {@link PartedUploadHeapTest}, to show that no part is ever held in memory.
 */
public final class PartedUploadMain {

    private PartedUploadMain() {
    }

    /** Uploads {@code args[1]} in parts to the server at base URL {@code args[0]}; exits 0 on success. */
    public static void main(String[] args) {
        OpenAI client = OpenAI.newBuilder().apiKey(FakeOpenAI.API_KEY).baseUrl(args[0]).build();
        ApiResponse response = client.files().uploadLarge(Path.of(args[1]), "batch");
        System.out.println("maxMemory=" + Runtime.getRuntime().maxMemory() + " status=" + response.status()
                + " file=" + response.body().at("/file/id").asText());
        System.exit(response.isSuccess() ? 0 : 1);
    }
}
