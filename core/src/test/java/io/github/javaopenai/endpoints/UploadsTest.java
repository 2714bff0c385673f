package io.github.javaopenai.endpoints;

import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.core.ApiResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.transport.RequestBody;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadsTest {

    private static final Pattern DATA_PART = Pattern.compile(
            "\r\n--(\\S+)\r\nContent-Disposition: form-data; name=\"data\"; filename=\"part\"\r\n"
                    + "Content-Type: application/octet-stream\r\n\r\n(.*)\r\n--\\1--\r\n", Pattern.DOTALL);

    private RecordingServer server;
    private Uploads uploads;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        uploads = server.client("sk-test").uploads();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void splitsTheFileAtPartBoundariesAndCompletesWithThePartIdsInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("train.jsonl"), "0123456789");
        server.replyJson(200, "{\"id\":\"upload_1\",\"status\":\"pending\"}")
                .replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(200, "{\"id\":\"part_b\"}")
                .replyJson(200, "{\"id\":\"part_c\"}")
                .replyJson(200, "{\"id\":\"upload_1\",\"status\":\"completed\",\"file\":{\"id\":\"file-9\"}}");

        ApiResponse done = uploads.upload(file, "fine-tune", 4, 1);

        assertThat(done.body().path("file").path("id").asText()).isEqualTo("file-9");
        Recorded created = server.take();
        assertThat(created.path()).isEqualTo("/v1/uploads");
        assertThat(created.json().toString()).isEqualTo(
                "{\"filename\":\"train.jsonl\",\"purpose\":\"fine-tune\",\"bytes\":10,\"mime_type\":\"text/jsonl\"}");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Recorded part = server.take();
            assertThat(part.path()).isEqualTo("/v1/uploads/upload_1/parts");
            parts.add(dataOf(part));
        }
        assertThat(parts).containsExactly("0123", "4567", "89");
        Recorded complete = server.take();
        assertThat(complete.path()).isEqualTo("/v1/uploads/upload_1/complete");
        assertThat(complete.json().toString()).isEqualTo("{\"part_ids\":[\"part_a\",\"part_b\",\"part_c\"]}");
        assertThat(server.received()).isZero();
    }

    @Test
    void sendsAFileThatFitsOnePartAsOnePart(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("small.txt"), "hello");
        server.replyJson(200, "{\"id\":\"upload_1\"}").replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(200, "{\"id\":\"upload_1\",\"status\":\"completed\"}");

        uploads.upload(file, "assistants");

        assertThat(server.take().json().path("mime_type").asText()).isEqualTo("text/plain");
        assertThat(dataOf(server.take())).isEqualTo("hello");
        assertThat(server.take().json().path("part_ids").toString()).isEqualTo("[\"part_a\"]");
    }

    @Test
    void cancelsTheUploadWhenAPartFailsAndNeverCompletesIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abcdefgh");
        server.replyJson(200, "{\"id\":\"upload_7\"}")
                .replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(400, "{\"error\":{\"message\":\"part rejected\"}}")
                .replyJson(200, "{\"id\":\"upload_7\",\"status\":\"cancelled\"}");

        assertThatThrownBy(() -> uploads.upload(file, "batch", 3, 1))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("POST /uploads/upload_7/parts (part 2 of 3, bytes 3-5)")
                .hasMessageContaining("part rejected");

        assertThat(server.take().path()).isEqualTo("/v1/uploads");
        assertThat(dataOf(server.take())).isEqualTo("abc");
        assertThat(dataOf(server.take())).isEqualTo("def");
        assertThat(server.take().path()).isEqualTo("/v1/uploads/upload_7/cancel");
        assertThat(server.received()).isZero();
    }

    @Test
    void cancelsWhenTheCompletionFails(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abc");
        server.replyJson(200, "{\"id\":\"upload_7\"}").replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(400, "{\"error\":{\"message\":\"bytes do not match\"}}")
                .replyJson(500, "{\"error\":{\"message\":\"cannot cancel\"}}");

        assertThatThrownBy(() -> uploads.upload(file, "batch"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("bytes do not match")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("cannot cancel")));

        server.take();
        server.take();
        assertThat(server.take().path()).isEqualTo("/v1/uploads/upload_7/complete");
        assertThat(server.take().path()).isEqualTo("/v1/uploads/upload_7/cancel");
    }

    @Test
    void aFailedCreationSendsNothingElse(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abc");
        server.replyJson(401, "{\"error\":{\"message\":\"bad key\"}}");

        assertThatThrownBy(() -> uploads.upload(file, "batch")).isInstanceOf(ApiException.class)
                .hasMessageContaining("POST /uploads failed with status 401");

        server.take();
        Thread.sleep(50);
        assertThat(server.received()).isZero();
    }

    @Test
    void partsSentInParallelAreStillCompletedInFileOrder(@TempDir Path dir) throws Exception {
        byte[] content = new byte[64];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("data.bin"), content);
        // The server answers one request at a time, so part ids follow arrival order; the
        // completion must list them by the bytes each carried, not by arrival.
        server.replyJson(200, "{\"id\":\"upload_1\"}");
        for (int i = 0; i < 8; i++) {
            server.replyJson(200, "{\"id\":\"arrived_" + i + "\"}");
        }
        server.replyJson(200, "{\"id\":\"upload_1\",\"status\":\"completed\"}");

        uploads.upload(file, "batch", 8, 4);

        server.take();
        String[] idByOffset = new String[8];
        for (int arrival = 0; arrival < 8; arrival++) {
            String data = dataOf(server.take());
            int index = data.charAt(0) / 8;
            assertThat(data.getBytes(StandardCharsets.ISO_8859_1))
                    .isEqualTo(java.util.Arrays.copyOfRange(content, index * 8, index * 8 + 8));
            idByOffset[index] = "arrived_" + arrival;
        }
        assertThat(server.take().json().path("part_ids").toString())
                .isEqualTo(io.github.javaopenai.internal.Json.MAPPER.valueToTree(List.of(idByOffset)).toString());
    }

    @Test
    void rejectsBadArgumentsBeforeSendingAnything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        Path empty = Files.createFile(dir.resolve("empty.txt"));

        assertThatThrownBy(() -> uploads.upload(file, " ")).hasMessage("purpose is required");
        assertThatThrownBy(() -> uploads.upload(dir.resolve("missing"), "batch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> uploads.upload(empty, "batch"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file is empty");
        assertThatThrownBy(() -> uploads.upload(file, "batch", Uploads.MAX_PART_SIZE + 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partSize must be from 1");
        assertThatThrownBy(() -> uploads.upload(file, "batch", 1, 9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("parallelism must be from 1 to 8");
        assertThatThrownBy(() -> uploads.create("a.txt", "batch", -1, "text/plain", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bytes must not be negative");
        assertThatThrownBy(() -> uploads.addPart("", RequestBody.ofBytes(new byte[1])))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("upload_id is empty");
        assertThatThrownBy(() -> uploads.complete("upload_1", java.util.Arrays.asList("part_a", null), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("part id is required");
        assertThat(server.received()).isZero();
    }

    @Test
    void lowLevelCallsReturnTheAnswerAndSendTheSpecShapes() throws Exception {
        uploads.create("big.jsonl", "batch", 123, "text/jsonl",
                Map.of("expires_after", Map.of("anchor", "created_at", "seconds", 3600)));
        uploads.addPart("upload_1", RequestBody.ofBytes("xyz".getBytes(StandardCharsets.UTF_8)));
        uploads.complete("upload_1", List.of("part_a"), "d41d8cd98f00b204e9800998ecf8427e");
        server.replyJson(404, "{\"error\":{\"message\":\"no such upload\"}}");
        ApiResponse cancelled = uploads.cancel("upload_1");

        assertThat(server.take().json().path("expires_after").path("seconds").asInt()).isEqualTo(3600);
        assertThat(dataOf(server.take())).isEqualTo("xyz");
        assertThat(server.take().json().path("md5").asText()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        Recorded cancel = server.take();
        assertThat(cancel.method()).isEqualTo("POST");
        assertThat(cancel.path()).isEqualTo("/v1/uploads/upload_1/cancel");
        assertThat(cancelled.status()).isEqualTo(404);
    }

    @Test
    void rangesReadExactlyTheirBytes(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("r.txt"), "0123456789");

        try (var in = PartedUpload.openRange(file, 3, 4)) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("3456");
        }
        assertThat(PartedUpload.split(10, 4)).extracting(PartedUpload.Part::offset).containsExactly(0L, 4L, 8L);
        assertThat(PartedUpload.split(8, 4)).extracting(PartedUpload.Part::length).containsExactly(4L, 4L);
    }

    /** Returns the content of the single {@code data} part, decoded as Latin-1 so bytes map to chars. */
    static String dataOf(Recorded part) {
        String body = new String(part.body(), StandardCharsets.ISO_8859_1);
        Matcher matcher = DATA_PART.matcher("\r\n" + body);
        assertThat(matcher.matches()).as("a form with one data part: %s", body).isTrue();
        return matcher.group(2);
    }
}
