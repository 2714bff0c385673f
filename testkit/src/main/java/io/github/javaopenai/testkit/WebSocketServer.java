package io.github.javaopenai.testkit;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small RFC 6455 WebSocket server on the loopback interface, since the JDK has none: the
 * opening handshake, framing, masking, fragmentation, ping/pong and the closing handshake. Each
 * connection runs the handler on a thread of its own; the handler accepts, refuses or ignores
 * the upgrade.
 */
final class WebSocketServer implements AutoCloseable {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int MAX_HEADER_BYTES = 64 * 1024;

    /** Serves one upgrade request. */
    interface Handler {
        void handle(Upgrade upgrade) throws IOException;
    }

    private final ServerSocket server;
    private final ExecutorService threads;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Handler handler;

    WebSocketServer(Handler handler) {
        this.handler = handler;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-websocket-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            threads.shutdownNow();
            throw new UncheckedIOException("cannot start the WebSocket server: " + e.getMessage(), e);
        }
        threads.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                open.add(socket);
                threads.execute(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Serves a connection accepted elsewhere (the {@link FakeOpenAI} port), on a thread of this
     * server; {@code head} holds the bytes already read from it, the upgrade request's head first.
     */
    void adopt(Socket socket, byte[] head) {
        open.add(socket);
        try {
            InputStream in = new SequenceInputStream(new ByteArrayInputStream(head), socket.getInputStream());
            threads.execute(() -> serve(socket, in));
        } catch (RuntimeException | IOException e) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException closing) {
                // Closed anyway: the server is closing.
            }
        }
    }

    private void serve(Socket socket) {
        try {
            serve(socket, socket.getInputStream());
        } catch (IOException e) {
            open.remove(socket);
        }
    }

    private void serve(Socket socket, InputStream raw) {
        try (socket) {
            InputStream in = new BufferedInputStream(raw);
            Upgrade upgrade = readUpgrade(socket, in);
            if (upgrade != null) {
                handler.handle(upgrade);
            }
        } catch (IOException | RuntimeException e) {
            // The client went away or sent nonsense: this connection ends, the server goes on.
        } finally {
            open.remove(socket);
        }
    }

    private static Upgrade readUpgrade(Socket socket, InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        return new Upgrade(socket, in, requestLine.length > 1 ? requestLine[1] : "", headers);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the request head");
            }
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("request head too long");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
        threads.shutdownNow();
    }

    /** One upgrade request: the handler accepts it, refuses it with a status, or leaves it unanswered. */
    static final class Upgrade {
        private final Socket socket;
        private final InputStream in;
        private final String target;
        private final Map<String, String> headers;

        Upgrade(Socket socket, InputStream in, String target, Map<String, String> headers) {
            this.socket = socket;
            this.in = in;
            this.target = target;
            this.headers = Map.copyOf(headers);
        }

        /** Returns the request target: the path and query. */
        String target() {
            return target;
        }

        /** Returns the request headers, names in lower case. */
        Map<String, String> headers() {
            return headers;
        }

        /** Answers {@code 101 Switching Protocols} and returns the connection. */
        WebSocketConnection accept() throws IOException {
            String key = headers.get("sec-websocket-key");
            if (key == null || !"websocket".equalsIgnoreCase(headers.get("upgrade"))) {
                reject(400, "{\"error\":{\"message\":\"not a WebSocket upgrade\",\"type\":\"invalid_request_error\"}}");
                throw new IOException("not a WebSocket upgrade");
            }
            String response = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(response.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new WebSocketConnection(socket, in, out);
        }

        /** Refuses the upgrade with the status and a JSON body. */
        void reject(int status, String jsonBody) throws IOException {
            byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
            String head = "HTTP/1.1 " + status + " Refused\r\nContent-Type: application/json\r\nContent-Length: "
                    + body.length + "\r\nConnection: close\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        /** Leaves the upgrade unanswered until the client goes away or the server closes. */
        void ignore() throws IOException {
            while (in.read() >= 0) {
                // Swallow whatever comes; never answer.
            }
        }
    }

    static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
