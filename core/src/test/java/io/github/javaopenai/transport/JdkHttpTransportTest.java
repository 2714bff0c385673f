package io.github.javaopenai.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JdkHttpTransportTest {

    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final JdkHttpTransport transport = JdkHttpTransport.create();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            seen.set(exchange.getRequestMethod() + " " + exchange.getProtocol() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Length") + " "
                    + exchange.getRequestHeaders().getFirst("X-Test") + " "
                    + new String(body, StandardCharsets.UTF_8));
            byte[] reply = "streamed reply".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("X-Reply", "yes");
            exchange.sendResponseHeaders(418, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        transport.close();
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/x");
    }

    @Test
    void handsBackStatusHeadersAndAnUnreadBody() throws Exception {
        TransportRequest request = new TransportRequest("POST", uri(),
                Headers.ofSingle(Map.of("X-Test", "1", "Content-Length", "999", "Connection", "close")),
                RequestBody.ofBytes("{}".getBytes(StandardCharsets.UTF_8)), Duration.ofSeconds(5));
        try (TransportResponse response = transport.send(request)) {
            assertThat(response.status()).isEqualTo(418);
            assertThat(response.headers().first("x-reply")).hasValue("yes");
            assertThat(new String(response.body().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("streamed reply");
        }
        // Headers the JDK manages itself are dropped rather than failing the request.
        assertThat(seen.get()).isEqualTo("POST HTTP/1.1 2 1 {}");
    }

    @Test
    void sendsStreamedBodiesWithTheirLength() throws Exception {
        byte[] bytes = "streamed body".getBytes(StandardCharsets.UTF_8);
        TransportRequest request = new TransportRequest("PUT", uri(), Headers.empty(),
                RequestBody.ofStream(() -> new ByteArrayInputStream(bytes), bytes.length), null);
        try (TransportResponse response = transport.send(request)) {
            response.body().readAllBytes();
        }
        assertThat(seen.get()).isEqualTo("PUT HTTP/1.1 13 null streamed body");
    }

    @Test
    void requestToStringRedactsTheKey() {
        TransportRequest request = new TransportRequest("GET", uri(),
                Headers.ofSingle(Map.of("Authorization", "Bearer sk-live-secret")), null, null);
        assertThat(request.toString()).doesNotContain("sk-live-secret").contains("<redacted>");
    }
}
