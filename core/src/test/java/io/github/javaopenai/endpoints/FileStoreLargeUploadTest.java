package io.github.javaopenai.endpoints;

import io.github.javaopenai.LargeUploadMain;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Uploads a 200 MB file from a JVM whose heap is 64 MB: the upload succeeds only if the file is
 * streamed from disk rather than loaded. The server hashes the file part as it arrives and the
 * test compares it with the file's own hash.
 */
class FileStoreLargeUploadTest {

    private static final int MB = 1024 * 1024;
    private static final int FILE_MB = 200;
    private static final String CHILD_HEAP = "-Xmx64m";

    private HttpServer server;
    private final AtomicReference<Received> received = new AtomicReference<>();

    /** What the server saw: the part's digest, body bytes counted, and the declared length. */
    private record Received(byte[] digest, long bytes, String contentLength, String contentType) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/files", this::hashUpload);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void uploadsAFileLargerThanTheHeapFromAForkedSmallHeapJvm(@TempDir Path dir) throws Exception {
        Path big = dir.resolve("big.jsonl");
        MessageDigest fileDigest = writePatternFile(big);

        Process child = new ProcessBuilder(javaBinary(), CHILD_HEAP, "-cp", System.getProperty("java.class.path"),
                LargeUploadMain.class.getName(), "http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
                big.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
        // Output goes to a file, so a hung or chatty child can neither block the pipe nor the test.
        boolean finished = child.waitFor(180, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        String output = Files.readString(dir.resolve("child.log"));

        assertThat(finished).as("child finished; output: %s", output).isTrue();
        assertThat(child.exitValue()).as("child exit; output: %s", output).isZero();
        assertThat(output).contains("status=200 id=file-big");
        long maxMemory = Long.parseLong(output.replaceFirst("(?s).*maxMemory=(\\d+).*", "$1"));
        assertThat(Files.size(big)).isGreaterThan(maxMemory);

        Received got = received.get();
        assertThat(got.contentLength()).isEqualTo(Long.toString(got.bytes()));
        String boundary = got.contentType().replaceFirst(".*boundary=", "");
        fileDigest.update(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(HexFormat.of().formatHex(got.digest())).isEqualTo(HexFormat.of().formatHex(fileDigest.digest()));
    }

    /** Writes 200 MB of numbered lines 1 MB at a time and returns the digest of what was written. */
    private static MessageDigest writePatternFile(Path path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[MB];
        try (OutputStream out = Files.newOutputStream(path)) {
            for (int i = 0; i < FILE_MB; i++) {
                byte[] line = ("{\"chunk\":" + i + "}\n").getBytes(StandardCharsets.US_ASCII);
                for (int p = 0; p < chunk.length; p++) {
                    chunk[p] = line[p % line.length];
                }
                out.write(chunk);
                digest.update(chunk);
            }
        }
        return digest;
    }

    /** Hashes everything after the file part's headers, reading the body as a stream. */
    private void hashUpload(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int headEnd = -1;
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
                if (headEnd >= 0) {
                    digest.update(buffer, 0, n);
                    continue;
                }
                head.write(buffer, 0, n);
                String text = head.toString(StandardCharsets.ISO_8859_1);
                int filename = text.indexOf("filename=\"big.jsonl\"");
                int end = filename < 0 ? -1 : text.indexOf("\r\n\r\n", filename);
                if (end >= 0) {
                    headEnd = end + 4;
                    byte[] bytes = head.toByteArray();
                    digest.update(bytes, headEnd, bytes.length - headEnd);
                }
            }
            received.set(new Received(digest.digest(), total,
                    exchange.getRequestHeaders().getFirst("Content-Length"),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            byte[] reply = "{\"id\":\"file-big\",\"object\":\"file\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

}
