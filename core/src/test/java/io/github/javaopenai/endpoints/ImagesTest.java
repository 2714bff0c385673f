package io.github.javaopenai.endpoints;

import io.github.javaopenai.OpenAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.errors.OpenAIException;
import io.github.javaopenai.internal.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesTest {

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) {
        return Json.decodeBody(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void savesEveryB64JsonImageWithTheOutputFormat(@TempDir Path dir) throws Exception {
        JsonNode body = json("{\"output_format\":\"webp\",\"data\":[{\"b64_json\":\"" + b64("one")
                + "\"},{\"url\":\"https://x\"},{\"b64_json\":\"" + b64("two") + "\"}]}");

        List<Path> saved = Images.save(body, dir.resolve("out"), "otter");

        assertThat(saved).containsExactly(dir.resolve("out/otter-1.webp"), dir.resolve("out/otter-2.webp"));
        assertThat(Files.readString(saved.get(1))).isEqualTo("two");
    }

    @Test
    void savesImageGenerationResultsFromAResponse(@TempDir Path dir) throws Exception {
        JsonNode body = json("{\"output\":[{\"type\":\"message\"},{\"type\":\"image_generation_call\",\"result\":\""
                + b64("img") + "\"}]}");

        List<Path> saved = Images.save(body, dir, "r");

        assertThat(saved).containsExactly(dir.resolve("r-1.png"));
        assertThat(Files.readString(saved.get(0))).isEqualTo("img");
    }

    @Test
    void neverLetsTheServerChooseAPath(@TempDir Path dir) {
        JsonNode body = json("{\"output_format\":\"../../x\",\"data\":[{\"b64_json\":\"" + b64("a") + "\"}]}");

        assertThat(Images.save(body, dir, "p")).containsExactly(dir.resolve("p-1.png"));
    }

    @Test
    void rejectsInvalidBase64(@TempDir Path dir) {
        assertThatThrownBy(() -> Images.save(json("{\"data\":[{\"b64_json\":\"%%%\"}]}"), dir, "p"))
                .isInstanceOf(OpenAIException.class).hasMessageContaining("image 1 is not valid base64");
    }

    @Test
    void editRequiresAnImageAndAPromptBeforeSending() {
        Images images = OpenAI.newBuilder().baseUrl("http://127.0.0.1:9").build().images();

        assertThatThrownBy(() -> images.edit(List.of(), "x", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("images is empty");
        assertThatThrownBy(() -> images.edit(Path.of("a.png"), " ", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("prompt must be provided");
    }
}
