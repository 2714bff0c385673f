package io.github.javaopenai.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.endpoints.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(SteadyMockServer.class)
class ImagesContractTest {

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private SteadyClient steady;
    private Images images;

    @BeforeEach
    void connect(SteadyMockServer server) {
        steady = new SteadyClient(server);
        images = steady.client().images();
    }

    @AfterEach
    void close() {
        steady.close();
    }

    @Test
    void editsOneImageWithAMask(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("otter.png"), PNG);
        Path mask = Files.write(dir.resolve("mask.png"), PNG);

        images.edit(image, "Give it a hat", Map.of("mask", mask, "model", "gpt-image-1", "n", 1));

        steady.assertLastValid("/images/edits");
    }

    @Test
    void editsSeveralImages(@TempDir Path dir) throws Exception {
        Path first = Files.write(dir.resolve("a.png"), PNG);
        Path second = Files.write(dir.resolve("b.png"), PNG);

        images.edit(List.of(first, second), "Combine them", Map.of("size", "1024x1024"));

        steady.assertLastValid("/images/edits");
    }

    @Test
    void streamsAnEditAsEvents(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("otter.png"), PNG);
        java.util.List<com.fasterxml.jackson.databind.JsonNode> events = new java.util.ArrayList<>();

        images.edit(List.of(image), "Give it a hat", Map.of("model", "gpt-image-1", "partial_images", 1), events::add);

        steady.assertLastValid("/images/edits");
        assertThat(steady.last().headers().first("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(events).isNotEmpty();
    }

    @Test
    void makesVariations(@TempDir Path dir) throws Exception {
        Path image = Files.write(dir.resolve("otter.png"), PNG);

        images.variation(image, Map.of("n", 2, "size", "256x256", "response_format", "b64_json"));

        steady.assertLastValid("/images/variations");
    }
}
