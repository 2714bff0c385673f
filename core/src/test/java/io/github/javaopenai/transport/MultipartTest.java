package io.github.javaopenai.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {

    private static String read(RequestBody body) throws IOException {
        try (InputStream in = body.open()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void encodesFieldsAndFilesInOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"x\":1}\n");
        Multipart form = Multipart.newBuilder().boundary("B0")
                .field("purpose", "batch")
                .file("file", "a.jsonl", "application/jsonl", file)
                .build();

        assertThat(read(form)).isEqualTo("""
                --B0\r
                Content-Disposition: form-data; name="purpose"\r
                \r
                batch\r
                --B0\r
                Content-Disposition: form-data; name="file"; filename="a.jsonl"\r
                Content-Type: application/jsonl\r
                \r
                {"x":1}
                \r
                --B0--\r
                """);
        assertThat(form.contentType()).isEqualTo("multipart/form-data; boundary=B0");
        assertThat(form.parts()).isEqualTo(2);
    }

    @Test
    void knowsItsLengthWhenEveryPartDoes(@TempDir Path dir) throws Exception {
        Path file = Files.write(dir.resolve("bin"), new byte[1000]);
        Multipart form = Multipart.newBuilder().field("a", "é").file("f", "bin", "application/octet-stream", file)
                .file("g", "g.txt", "text/plain", "xyz".getBytes(StandardCharsets.UTF_8)).build();

        try (InputStream in = form.open()) {
            assertThat(form.contentLength()).isEqualTo(in.readAllBytes().length);
        }
    }

    @Test
    void lengthIsUnknownWhenAStreamPartsIsUnknown() {
        Multipart form = Multipart.newBuilder()
                .file("f", "f", "text/plain", RequestBody.ofStream(() -> new ByteArrayInputStream(new byte[3]), -1))
                .build();

        assertThat(form.contentLength()).isEqualTo(-1);
    }

    @Test
    void opensFilePartsOnlyWhenReachedAndAgainOnEachOpen() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        Multipart form = Multipart.newBuilder().boundary("B").field("first", "1")
                .file("f", "f.txt", "text/plain", RequestBody.ofStream(() -> {
                    opened.incrementAndGet();
                    return new ByteArrayInputStream("data".getBytes(StandardCharsets.UTF_8));
                }, 4))
                .build();

        try (InputStream in = form.open()) {
            in.readNBytes(10);
            assertThat(opened).hasValue(0);
            in.readAllBytes();
        }
        assertThat(read(form)).contains("\r\n\r\ndata\r\n--B--");
        assertThat(opened).hasValue(2);
    }

    @Test
    void reportsAPartThatFailsToOpenAsIOException() {
        Multipart form = Multipart.newBuilder()
                .file("f", "f", "text/plain", RequestBody.ofStream(() -> {
                    throw new IOException("disk gone");
                }, 1))
                .build();

        assertThatThrownBy(() -> read(form)).isInstanceOf(IOException.class).hasMessage("disk gone");
    }

    @Test
    void escapesQuotesAndLineBreaksInNames() throws Exception {
        Multipart form = Multipart.newBuilder().boundary("B")
                .file("f", "evil\"\r\nX-Injected: 1.txt", "text/plain", new byte[0]).build();

        assertThat(read(form)).contains("filename=\"evil%22%0D%0AX-Injected: 1.txt\"")
                .doesNotContain("\r\nX-Injected");
    }

    @Test
    void rejectsBadInputWithClearMessages(@TempDir Path dir) {
        assertThatThrownBy(() -> Multipart.newBuilder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one part");
        assertThatThrownBy(() -> Multipart.newBuilder().boundary("has space"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("boundary");
        assertThatThrownBy(() -> Multipart.newBuilder().file("f", "x", "text/plain", dir.resolve("missing")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a readable file");
        assertThatThrownBy(() -> Multipart.newBuilder().file("f", "x", "text/plain\r\nX: y", new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contentType");
        assertThatThrownBy(() -> Multipart.newBuilder().field("", "v"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part name is empty");
    }

    @Test
    void eachBuilderGetsItsOwnRandomBoundary() {
        String first = Multipart.newBuilder().field("a", "b").build().boundary();
        String second = Multipart.newBuilder().field("a", "b").build().boundary();

        assertThat(first).startsWith("java-openai-").hasSize(44).isNotEqualTo(second);
    }
}
