package io.github.javaopenai.endpoints;

import static io.github.javaopenai.endpoints.UploadsTest.dataOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.RecordingServer;
import io.github.javaopenai.RecordingServer.Recorded;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.errors.ApiException;
import io.github.javaopenai.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code client.async().uploads()}: the parted upload of {@link Uploads}, with no thread waiting for a part. */
class AsyncUploadsTest {

    private RecordingServer server;
    private AsyncUploads uploads;

    @BeforeEach
    void start() throws Exception {
        server = new RecordingServer();
        uploads = server.client("sk-test").async().uploads();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void splitsTheFileAndCompletesWithThePartIdsInFileOrder(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("train.jsonl"), "0123456789");
        server.replyJson(200, "{\"id\":\"upload_1\",\"status\":\"pending\"}")
                .replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(200, "{\"id\":\"part_b\"}")
                .replyJson(200, "{\"id\":\"part_c\"}")
                .replyJson(200, "{\"id\":\"upload_1\",\"status\":\"completed\",\"file\":{\"id\":\"file-9\"}}");

        ApiResponse done = uploads.upload(file, "fine-tune", 4, 1).get(5, TimeUnit.SECONDS);

        assertThat(done.body().path("file").path("id").asText()).isEqualTo("file-9");
        assertThat(server.take().json().toString()).isEqualTo(
                "{\"filename\":\"train.jsonl\",\"purpose\":\"fine-tune\",\"bytes\":10,\"mime_type\":\"text/jsonl\"}");
        assertThat(dataOf(server.take())).isEqualTo("0123");
        assertThat(dataOf(server.take())).isEqualTo("4567");
        assertThat(dataOf(server.take())).isEqualTo("89");
        Recorded complete = server.take();
        assertThat(complete.path()).isEqualTo("/v1/uploads/upload_1/complete");
        assertThat(complete.json().toString()).isEqualTo("{\"part_ids\":[\"part_a\",\"part_b\",\"part_c\"]}");
        assertThat(server.received()).isZero();
    }

    @Test
    void partsSentInParallelAreStillCompletedInFileOrder(@TempDir Path dir) throws Exception {
        byte[] content = new byte[64];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) i;
        }
        Path file = Files.write(dir.resolve("data.bin"), content);
        server.replyJson(200, "{\"id\":\"upload_1\"}");
        for (int i = 0; i < 8; i++) {
            server.replyJson(200, "{\"id\":\"arrived_" + i + "\"}");
        }
        server.replyJson(200, "{\"id\":\"upload_1\",\"status\":\"completed\"}");

        uploads.upload(file, "batch", 8, 4).get(5, TimeUnit.SECONDS);

        server.take();
        String[] idByOffset = new String[8];
        for (int arrival = 0; arrival < 8; arrival++) {
            String data = dataOf(server.take());
            idByOffset[data.charAt(0) / 8] = "arrived_" + arrival;
        }
        assertThat(server.take().json().path("part_ids").toString())
                .isEqualTo(Json.MAPPER.valueToTree(List.of(idByOffset)).toString());
    }

    @Test
    void aFailedPartCancelsTheUploadAndNeverCompletesIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abcdefgh");
        server.replyJson(200, "{\"id\":\"upload_7\"}")
                .replyJson(200, "{\"id\":\"part_a\"}")
                .replyJson(400, "{\"error\":{\"message\":\"part rejected\"}}")
                .replyJson(500, "{\"error\":{\"message\":\"cannot cancel\"}}");

        assertThatThrownBy(() -> uploads.upload(file, "batch", 3, 1).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(ApiException.class)
                .hasMessageContaining("POST /uploads/upload_7/parts (part 2 of 3, bytes 3-5)")
                .hasMessageContaining("part rejected")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("cannot cancel")));

        assertThat(server.take().path()).isEqualTo("/v1/uploads");
        assertThat(dataOf(server.take())).isEqualTo("abc");
        assertThat(dataOf(server.take())).isEqualTo("def");
        assertThat(server.take().path()).isEqualTo("/v1/uploads/upload_7/cancel");
        Thread.sleep(50);
        assertThat(server.received()).isZero();
    }

    @Test
    void aFailedCreationSendsNothingElse(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abc");
        server.replyJson(401, "{\"error\":{\"message\":\"bad key\"}}");

        assertThatThrownBy(() -> uploads.upload(file, "batch").get(5, TimeUnit.SECONDS))
                .cause().isInstanceOf(ApiException.class).hasMessageContaining("POST /uploads failed with status 401");

        server.take();
        Thread.sleep(50);
        assertThat(server.received()).isZero();
    }

    @Test
    void rejectsBadArgumentsBeforeSendingAnything(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("x.txt"), "x");
        assertThatThrownBy(() -> uploads.upload(file, " ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.upload(file, "batch", 0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.upload(file, "batch", 4, 9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.upload(dir.resolve("none"), "batch"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> uploads.complete("u", List.of(""), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(server.received()).isZero();
    }

    @Test
    void atMostParallelismPartsAreInFlightAndCancellingAbortsThemAndCancelsTheUpload(@TempDir Path dir)
            throws Exception {
        Path file = Files.writeString(dir.resolve("data.jsonl"), "abcdefghijkl");
        HoldingServer holding = new HoldingServer();
        try {
            AsyncUploads async = holding.client().async().uploads();
            CompletableFuture<ApiResponse> upload = async.upload(file, "batch", 2, 2);
            assertThat(holding.partsArrived.await(5, TimeUnit.SECONDS)).as("two parts arrive").isTrue();
            Thread.sleep(200);
            assertThat(holding.partsSeen.get()).as("parts in flight at once").isEqualTo(2);

            upload.cancel(true);

            assertThat(holding.aborted.await(5, TimeUnit.SECONDS)).as("both parts' exchanges aborted").isTrue();
            assertThat(holding.cancelled.await(5, TimeUnit.SECONDS)).as("the upload cancelled on the server").isTrue();
            assertThat(holding.partsSeen.get()).as("no part started after the cancel").isEqualTo(2);
        } finally {
            holding.close();
        }
    }

    /** Creates uploads at once, holds every part until the client goes away, and notes a cancel. */
    private static final class HoldingServer {
        final HttpServer http;
        final AtomicInteger partsSeen = new AtomicInteger();
        final CountDownLatch partsArrived = new CountDownLatch(2);
        final CountDownLatch aborted = new CountDownLatch(2);
        final CountDownLatch cancelled = new CountDownLatch(1);

        HoldingServer() throws IOException {
            http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            http.createContext("/v1/uploads", this::handle);
            http.setExecutor(Executors.newCachedThreadPool());
            http.start();
        }

        OpenAI client() {
            return OpenAI.newBuilder().apiKey("sk-test").maxRetries(0)
                    .baseUrl("http://127.0.0.1:" + http.getAddress().getPort() + "/v1").build();
        }

        void handle(HttpExchange exchange) throws IOException {
            exchange.getRequestBody().readAllBytes();
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/parts")) {
                partsSeen.incrementAndGet();
                partsArrived.countDown();
                hold(exchange);
                return;
            }
            if (path.endsWith("/cancel")) {
                cancelled.countDown();
            }
            byte[] body = "{\"id\":\"upload_1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        /** Sends spaces, which a JSON reader skips, until a write fails because the client aborted. */
        private void hold(HttpExchange exchange) throws IOException {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 200; i++) { // bounded: 10 s at most
                    out.write(' ');
                    out.flush();
                    Thread.sleep(50);
                }
            } catch (IOException e) {
                aborted.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        }

        void close() {
            http.stop(0);
        }
    }
}
