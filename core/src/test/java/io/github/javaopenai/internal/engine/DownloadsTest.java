package io.github.javaopenai.internal.engine;

import io.github.javaopenai.OpenAI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.github.javaopenai.errors.StreamTimeoutException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadsTest {

    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 1_000_000); // promises far more than it sends
            OutputStream out = exchange.getResponseBody();
            out.write("the first bytes".getBytes());
            out.flush();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void stalledDownloadEndsWithATimeoutAndLeavesNoFile(@TempDir Path dir) throws Exception {
        OpenAI client = OpenAI.newBuilder().baseUrl("http://127.0.0.1:" + server.getAddress().getPort())
                .streamIdleTimeout(Duration.ofMillis(300)).build();
        Path target = dir.resolve("out.bin");
        assertThatThrownBy(() -> client.files().download("file-1", target))
                .isInstanceOf(StreamTimeoutException.class)
                .hasMessageContaining("300 ms");
        try (var listing = Files.list(dir)) {
            assertThat(listing).isEmpty();
        }
    }
}
