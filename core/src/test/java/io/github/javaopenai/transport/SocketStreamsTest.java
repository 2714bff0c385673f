package io.github.javaopenai.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 path that reads streamed answers on the caller's thread, against a server on a raw
 * socket that writes exactly the bytes each test needs.
 */
class SocketStreamsTest {

    /** What a scripted connection does with the requests it reads. */
    private interface Script {
        void serve(int connection, InputStream in, OutputStream out) throws Exception;
    }

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> connectionEnds = new LinkedBlockingQueue<>();
    private final SocketStreams streams = new SocketStreams(Duration.ofSeconds(5), null, java.util.Set.of("host"));

    @AfterEach
    void stop() throws IOException {
        streams.close();
        if (server != null) {
            server.close();
        }
    }

    private URI start(Script script) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    int number = connections.incrementAndGet();
                    Thread serving = new Thread(() -> {
                        try (socket) {
                            script.serve(number, socket.getInputStream(), socket.getOutputStream());
                            int next = socket.getInputStream().read();
                            connectionEnds.add(next < 0 ? "closed by client" : "more data");
                        } catch (Exception e) {
                            connectionEnds.add("failed: " + e.getMessage());
                        }
                    });
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
    }

    /** Reads one request head and its Content-Length body; returns null at the end of the connection. */
    private String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (c < 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String request = text + new String(in.readNBytes(length), StandardCharsets.UTF_8);
        requests.add(request);
        return request;
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private TransportRequest post(URI uri, String body) {
        return new TransportRequest("POST", uri, Headers.ofSingle(Map.of("Accept", "text/event-stream",
                "Authorization", "Bearer sk-test")), RequestBody.ofBytes(body.getBytes(StandardCharsets.UTF_8)),
                Duration.ofSeconds(5));
    }

    private static String readAll(TransportResponse response) throws IOException {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void chunkedAnswerIsDecodedWholeAndItsConnectionCarriesTheNextExchange() throws Exception {
        URI uri = start((n, in, out) -> {
            while (readRequest(in) != null) {
                write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "e;ext=1\r\ndata: {\"a\":1}\n\r\n" + "e\r\ndata: [DONE]\n\n\r\n" + "0\r\nx-trailer: t\r\n\r\n");
            }
        });
        for (int i = 0; i < 3; i++) {
            TransportResponse response = streams.send(post(uri, "{\"stream\":true}"));
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers().first("content-type")).contains("text/event-stream");
            assertThat(readAll(response)).isEqualTo("data: {\"a\":1}\n" + "data: [DONE]\n\n");
        }
        assertThat(connections.get()).isEqualTo(1);
        String request = requests.take();
        assertThat(request).startsWith("POST /v1/chat/completions HTTP/1.1\r\n")
                .contains("Host: 127.0.0.1:" + server.getLocalPort() + "\r\n")
                .contains("Content-Length: 15\r\n").endsWith("\r\n\r\n{\"stream\":true}");
    }

    @Test
    void pooledConnectionTheServerClosedIsReplacedAndTheRequestSentOnceMore() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
            out.close(); // then the server drops the idle connection without a word
        });
        assertThat(readAll(streams.send(post(uri, "{}")))).isEqualTo("first");
        assertThat(connectionEnds.poll(5, TimeUnit.SECONDS)).isNotNull();
        Thread.sleep(100); // the close reaches the client's socket
        assertThat(readAll(streams.send(post(uri, "{}")))).isEqualTo("first");
        assertThat(connections.get()).isEqualTo(2);
        assertThat(requests).hasSize(2);
    }

    @Test
    void answerSayingConnectionCloseIsNotReused() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        });
        assertThat(readAll(streams.send(post(uri, "{}")))).isEqualTo("ok");
        assertThat(readAll(streams.send(post(uri, "{}")))).isEqualTo("ok");
        assertThat(connections.get()).isEqualTo(2);
    }

    @Test
    void bodyCutShortByTheServerIsAnErrorNotAnEnd() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part");
            out.close(); // and the connection ends
        });
        TransportResponse response = streams.send(post(uri, "{}"));
        assertThatThrownBy(() -> readAll(response)).isInstanceOf(IOException.class).hasMessageContaining("unread");
    }

    @Test
    void chunkedBodyCutShortByTheServerIsAnErrorNotAnEnd() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
            out.close(); // and the connection ends
        });
        TransportResponse response = streams.send(post(uri, "{}"));
        assertThatThrownBy(() -> readAll(response)).isInstanceOf(IOException.class)
                .hasMessageContaining("before the end of the chunked body");
    }

    @Test
    void closingABodyBeforeItsEndClosesTheConnectionSoTheServerSeesItCancelled() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n");
        });
        TransportResponse response = streams.send(post(uri, "{}"));
        assertThat(response.body().read()).isEqualTo('h');
        response.close();
        assertThat(connectionEnds.poll(5, TimeUnit.SECONDS)).isEqualTo("closed by client");
        assertThatThrownBy(() -> response.body().read()).isInstanceOf(IOException.class);
    }

    @Test
    void answerThatNeverComesTimesOutAfterTheRequestTimeout() throws Exception {
        URI uri = start((n, in, out) -> {
            readRequest(in);
            Thread.sleep(10_000);
        });
        TransportRequest request = new TransportRequest("POST", uri, Headers.ofSingle(Map.of("Accept", "text/event-stream")),
                RequestBody.ofBytes(new byte[0]), Duration.ofMillis(300));
        long start = System.nanoTime();
        assertThatThrownBy(() -> streams.send(request)).isInstanceOf(java.net.SocketTimeoutException.class)
                .hasMessageContaining("no response within PT0.3S");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void headerValueWithALineBreakIsRefusedBeforeAnythingIsSent() throws Exception {
        URI uri = start((n, in, out) -> readRequest(in));
        TransportRequest request = new TransportRequest("POST", uri, Headers.ofSingle(Map.of("X-Evil", "a\r\nX-Injected: 1")),
                RequestBody.ofBytes(new byte[0]), Duration.ofSeconds(5));
        assertThatThrownBy(() -> streams.send(request)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line break");
        assertThat(requests.poll(200, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void requestsRoutedThroughAProxyAreLeftToTheHttpClient() {
        java.net.ProxySelector previous = java.net.ProxySelector.getDefault();
        try {
            java.net.ProxySelector.setDefault(java.net.ProxySelector.of(new InetSocketAddress("127.0.0.1", 3128)));
            assertThat(SocketStreams.canCarry(post(URI.create("https://api.example/v1/responses"), "{}"))).isFalse();
            java.net.ProxySelector.setDefault(null);
            assertThat(SocketStreams.canCarry(post(URI.create("https://api.example/v1/responses"), "{}"))).isTrue();
        } finally {
            java.net.ProxySelector.setDefault(previous);
        }
    }

    @Test
    void streamedUploadsAreLeftToTheHttpClient() {
        TransportRequest upload = new TransportRequest("POST", URI.create("https://api.example/v1/files"), Headers.empty(),
                RequestBody.ofOneShotStream(new java.io.ByteArrayInputStream(new byte[1]), 1), null);
        assertThat(SocketStreams.canCarry(upload)).isFalse();
    }
}
