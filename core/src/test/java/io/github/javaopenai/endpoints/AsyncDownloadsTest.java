package io.github.javaopenai.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.errors.NotFoundException;
import io.github.javaopenai.errors.StreamTimeoutException;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File content and speech in async form, read with no thread waiting: the target appears whole or
 * not at all, whatever happens to the exchange.
 */
class AsyncDownloadsTest {

    private static final byte[] CONTENT = content(200_000);

    private HttpServer server;
    private OpenAI client;
    private final CountDownLatch aborted = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final CompletableFuture<JsonNode> speechRequest = new CompletableFuture<>();

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/files/file-ok/content", exchange -> send(exchange, 200, CONTENT));
        server.createContext("/v1/files/file-missing/content", exchange -> send(exchange, 404,
                "{\"error\":{\"message\":\"No such File object: file-missing\"}}".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/v1/files/file-cut/content", this::cutShort);
        server.createContext("/v1/files/file-held/content", this::holdUntilAborted);
        server.createContext("/v1/audio/speech", exchange -> {
            speechRequest.complete(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            send(exchange, 200, CONTENT);
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        client = client(Duration.ofSeconds(30));
    }

    private OpenAI client(Duration idle) {
        return OpenAI.newBuilder().apiKey("sk-test").maxRetries(0).streamIdleTimeout(idle)
                .baseUrl("http://127.0.0.1:" + server.getAddress().getPort() + "/v1").build();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void downloadsTheContentIntoTheTarget() throws Exception {
        Path target = dir.resolve("copy.jsonl");

        Path saved = client.async().files().download("file-ok", target).get(10, TimeUnit.SECONDS);

        assertThat(saved).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(files()).containsExactly("copy.jsonl");
    }

    @Test
    void readsTheContentIntoMemory() throws Exception {
        assertThat(client.async().files().content("file-ok").get(10, TimeUnit.SECONDS)).isEqualTo(CONTENT);
    }

    @Test
    void anErrorStatusFailsWithItsApiExceptionAndLeavesTheTargetAlone() throws Exception {
        Path target = Files.writeString(dir.resolve("copy.jsonl"), "old");

        assertThatThrownBy(() -> client.async().files().download("file-missing", target).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(NotFoundException.class)
                .hasMessageContaining("No such File object");

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(files()).containsExactly("copy.jsonl");
    }

    @Test
    void aBodyCutShortFailsAndLeavesNoPartialFile() throws Exception {
        Path target = Files.writeString(dir.resolve("copy.jsonl"), "old");

        assertThatThrownBy(() -> client.async().files().download("file-cut", target).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("downloading to");

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(files()).containsExactly("copy.jsonl");
    }

    @Test
    void cancellingMidDownloadAbortsTheExchangeAndDeletesTheTemporaryFile() throws Exception {
        Path target = dir.resolve("copy.jsonl");
        CompletableFuture<Path> download = client.async().files().download("file-held", target);
        awaitFiles(files -> files.size() == 1 && files.get(0).endsWith(".part"));

        download.cancel(true);

        assertThat(aborted.await(5, TimeUnit.SECONDS)).as("the server sees the exchange aborted").isTrue();
        awaitFiles(List::isEmpty);
    }

    @Test
    void aStalledDownloadTimesOutAndLeavesNoPartialFile() throws Exception {
        Path target = dir.resolve("copy.jsonl");

        assertThatThrownBy(() -> client(Duration.ofMillis(300)).async().files().download("file-held", target)
                .get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(StreamTimeoutException.class);

        awaitFiles(List::isEmpty);
    }

    @Test
    void speechIsReadIntoMemoryOrIntoAFile() throws Exception {
        byte[] audio = client.async().audio().speech("Hello", "coral", Map.of("response_format", "wav"))
                .get(10, TimeUnit.SECONDS);
        Path target = client.async().audio().speech("Hello", "coral", Map.of(), dir.resolve("hello.mp3"))
                .get(10, TimeUnit.SECONDS);

        assertThat(audio).isEqualTo(CONTENT);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        JsonNode body = speechRequest.get(5, TimeUnit.SECONDS);
        assertThat(body.get("model").asText()).isEqualTo(Audio.DEFAULT_SPEECH_MODEL);
        assertThat(body.get("input").asText()).isEqualTo("Hello");
        assertThat(body.get("voice").asText()).isEqualTo("coral");
        assertThat(body.get("response_format").asText()).isEqualTo("wav");
    }

    @Test
    void badArgumentsAreRefusedAtOnce() {
        assertThatThrownBy(() -> client.async().audio().speech("", "coral", Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("input");
        assertThatThrownBy(() -> client.async().files().download(null, dir.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("file_id");
        assertThatThrownBy(() -> client.async().files().download("file-ok", null))
                .isInstanceOf(NullPointerException.class);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

    private void awaitFiles(java.util.function.Predicate<List<String>> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> seen = files();
        while (!condition.test(seen) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            seen = files();
        }
        assertThat(condition.test(seen)).as("files in the directory: " + seen).isTrue();
    }

    /** Sends a little of the body, then keeps the exchange open, writing a byte now and then to notice an abort. */
    private void holdUntilAborted(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, CONTENT.length);
        OutputStream out = exchange.getResponseBody();
        try {
            out.write(CONTENT, 0, 1000);
            out.flush();
            for (int i = 0; i < 100 && !release.await(100, TimeUnit.MILLISECONDS); i++) {
                if (i >= 10) { // after a second of silence, probe whether the client is still there
                    out.write(CONTENT, 1000 + i, 1);
                    out.flush();
                }
            }
        } catch (IOException e) {
            aborted.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Promises the whole body, sends a tenth of it, then closes the connection. */
    private void cutShort(HttpExchange exchange) throws IOException {
        exchange.sendResponseHeaders(200, CONTENT.length);
        OutputStream out = exchange.getResponseBody();
        out.write(CONTENT, 0, CONTENT.length / 10);
        out.flush();
        exchange.close(); // closing short of the promised length drops the connection
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static byte[] content(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }
}
