package io.github.javaopenai.endpoints;

import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.RecordingServer.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImagesStreamingTest {

    private RecordingServer server;
    private Images images;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        images = server.client("sk-test").images();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aStreamedEditHandsPartialAndFinalImagesToTheCallback(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("otter.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        server.reply(Reply.sse("""
                event: image_edit.partial_image
                data: {"type":"image_edit.partial_image","b64_json":"AAAA","partial_image_index":0}

                event: image_edit.completed
                data: {"type":"image_edit.completed","b64_json":"BBBB"}

                """));
        List<JsonNode> events = new ArrayList<>();

        ApiResponse response = images.edit(List.of(png), "Add a hat",
                Map.of("model", "gpt-image-1", "partial_images", 1, "stream", false), events::add);

        assertThat(response.status()).isEqualTo(200);
        assertThat(events).extracting(e -> e.path("b64_json").asText()).containsExactly("AAAA", "BBBB");
        Recorded sent = server.take();
        assertThat(sent.path()).isEqualTo("/v1/images/edits");
        assertThat(sent.headers().first("Accept")).hasValue("text/event-stream");
        assertThat(sent.bodyText())
                .contains("name=\"prompt\"\r\n\r\nAdd a hat\r\n")
                .contains("name=\"partial_images\"\r\n\r\n1\r\n")
                .contains("name=\"stream\"\r\n\r\ntrue\r\n")
                .doesNotContain("false");
    }

    @Test
    void thePlainEditRefusesToStreamBeforeSending(@TempDir Path dir) throws Exception {
        Path png = Files.write(dir.resolve("otter.png"), new byte[] {1});

        assertThatThrownBy(() -> images.edit(png, "Add a hat", Map.of("stream", true)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("onEvent callback");
        assertThat(server.received()).isZero();
    }
}
