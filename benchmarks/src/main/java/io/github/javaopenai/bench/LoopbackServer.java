package io.github.javaopenai.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Answers OpenAI-shaped requests on 127.0.0.1 over plain HTTP/1.1 with keep-alive, from bytes
 * rendered once, so that the server costs as little as possible next to the clients measured.
 *
 * <p>{@code POST .../chat/completions} and {@code POST .../responses} answer a whole JSON body, or
 * a chunked event stream when the request body holds {@code "stream":true}. Path segments before
 * {@code /v1} shape streams, so that any client can ask for them through its base URL:
 * {@code /e20000} sets the number of chat events (default 20,000), {@code /b1073741824} streams
 * about that many bytes instead, {@code /p50} pauses 50 ms between events and writes each one on
 * its own; {@code /h300} holds each whole (non-streamed) answer 300 ms before sending it. One thread per connection: virtual threads where the JDK has them.
 */
public final class LoopbackServer implements AutoCloseable {

    private static final int DEFAULT_EVENTS = 20_000;
    private static final int ACCEPTORS = 4;
    private static final byte[] COMPLETION = Payloads.chatCompletion();
    private static final byte[] RESPONSE = Payloads.responseBody();

    /** Listening sockets sharing one port, each with its own accept queue (SO_REUSEPORT). */
    private final List<ServerSocket> sockets;
    private final ExecutorService connections = Threads.perTask("loopback-connection");
    private final Map<Integer, byte[]> chatStreams = new ConcurrentHashMap<>();
    private final Map<Integer, byte[]> responseStreams = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private LoopbackServer(List<ServerSocket> sockets) {
        this.sockets = sockets;
    }

    /**
     * Starts a server on an ephemeral loopback port. Where the OS allows it, several sockets listen
     * on the port, so that thousands of simultaneous connects do not overflow one accept queue
     * (capped by {@code net.core.somaxconn}) and wait for SYN retransmits.
     */
    public static LoopbackServer start() throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        ServerSocket first = new ServerSocket();
        boolean reusePort = first.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT);
        if (reusePort) {
            first.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        }
        first.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16_384);
        sockets.add(first);
        for (int i = 1; reusePort && i < ACCEPTORS; i++) {
            ServerSocket more = new ServerSocket();
            more.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            more.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), first.getLocalPort()), 16_384);
            sockets.add(more);
        }
        LoopbackServer server = new LoopbackServer(List.copyOf(sockets));
        for (ServerSocket socket : server.sockets) {
            Thread acceptor = new Thread(() -> server.acceptLoop(socket), "loopback-acceptor");
            acceptor.setDaemon(true);
            acceptor.start();
        }
        return server;
    }

    /** Runs a server until killed, printing {@code PORT <n>} once it listens. */
    public static void main(String[] args) throws Exception {
        try (LoopbackServer server = start()) {
            System.out.println("PORT " + server.port());
            System.out.flush();
            while (System.in.read() >= 0) {
                // runs until the parent closes our stdin or kills us
            }
        }
    }

    /** Returns the port the server listens on. */
    public int port() {
        return sockets.get(0).getLocalPort();
    }

    /** Returns the base URL for a prefix such as {@code "/e20000"} ("" for none), ending in /v1. */
    public String baseUrl(String prefix) {
        return "http://127.0.0.1:" + port() + prefix + "/v1";
    }

    @Override
    public void close() throws IOException {
        closed = true;
        for (ServerSocket socket : sockets) {
            socket.close();
        }
        connections.shutdownNow();
    }

    private void acceptLoop(ServerSocket socket) {
        while (!closed) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                connections.execute(() -> serve(connection));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("loopback server: accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream(), 16_384);
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                Request request = Request.read(in);
                if (request == null) {
                    return;
                }
                answer(request, out);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the client went away: nothing to do
        }
    }

    private void answer(Request request, OutputStream out) throws IOException, InterruptedException {
        Shape shape = Shape.of(request.path());
        boolean chat = request.path().endsWith("/chat/completions");
        boolean responses = request.path().endsWith("/responses");
        if (!chat && !responses) {
            writeJson(out, 404, "{\"error\":{\"message\":\"no such path\",\"type\":\"invalid_request_error\"}}"
                    .getBytes(StandardCharsets.UTF_8));
            return;
        }
        if (!request.isStreaming()) {
            if (shape.holdMillis() > 0) {
                Thread.sleep(shape.holdMillis()); // a model that takes its time to answer
            }
            writeJson(out, 200, chat ? COMPLETION : RESPONSE);
            return;
        }
        writeStreamHead(out);
        if (responses) {
            writeChunk(out, responseStreams.computeIfAbsent(shape.events(), Payloads::responseStream));
        } else if (shape.bytes() > 0) {
            writeLargeChatStream(out, shape.bytes());
        } else if (shape.pauseMillis() > 0) {
            for (int i = 0; i < shape.events(); i++) {
                writeChunk(out, Payloads.chatEvent(i, shape.events()));
                out.flush();
                Thread.sleep(shape.pauseMillis());
            }
            writeChunk(out, Payloads.DONE);
        } else {
            writeChunk(out, chatStreams.computeIfAbsent(shape.events(), Payloads::chatStream));
        }
        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Streams content events until about {@code bytes} bytes went out, never holding them all. */
    private static void writeLargeChatStream(OutputStream out, long bytes) throws IOException {
        int perBlock = 1000;
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        for (int i = 1; i <= perBlock; i++) {
            block.writeBytes(Payloads.chatEvent(i, Integer.MAX_VALUE));
        }
        byte[] blockBytes = block.toByteArray();
        writeChunk(out, Payloads.chatEvent(0, Integer.MAX_VALUE));
        for (long sent = 0; sent < bytes; sent += blockBytes.length) {
            writeChunk(out, blockBytes);
        }
        writeChunk(out, Payloads.chatEvent(1, 2)); // finish_reason stop, no content
        writeChunk(out, Payloads.DONE);
    }

    private static void writeStreamHead(OutputStream out) throws IOException {
        out.write(("HTTP/1.1 200 OK\r\n"
                + "Content-Type: text/event-stream; charset=utf-8\r\n"
                + "Transfer-Encoding: chunked\r\n"
                + "Cache-Control: no-cache\r\n"
                + "x-request-id: req_0123456789abcdef0123456789abcdef\r\n"
                + "openai-processing-ms: 87\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void writeChunk(OutputStream out, byte[] bytes) throws IOException {
        // Chunks of at most 16 KB, as a server flushing a socket buffer would send them.
        for (int offset = 0; offset < bytes.length; offset += 16_384) {
            int length = Math.min(16_384, bytes.length - offset);
            out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, length);
            out.write('\r');
            out.write('\n');
        }
    }

    private static void writeJson(OutputStream out, int status, byte[] body) throws IOException {
        out.write(("HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "x-request-id: req_0123456789abcdef0123456789abcdef\r\n"
                + "openai-processing-ms: 312\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
    }

    /** What the path prefix asks of a stream. */
    record Shape(int events, long bytes, int pauseMillis, int holdMillis) {
        static Shape of(String path) {
            int events = DEFAULT_EVENTS;
            long bytes = 0;
            int pause = 0;
            int hold = 0;
            for (String segment : path.split("/")) {
                if (segment.equals("v1")) {
                    break;
                }
                if (segment.length() > 1 && segment.substring(1).chars().allMatch(Character::isDigit)) {
                    long value = Long.parseLong(segment.substring(1));
                    switch (segment.charAt(0)) {
                        case 'e' -> events = (int) value;
                        case 'b' -> bytes = value;
                        case 'p' -> pause = (int) value;
                        case 'h' -> hold = (int) value;
                        default -> { }
                    }
                }
            }
            return new Shape(Math.max(events, 2), bytes, pause, hold);
        }
    }

    /** One parsed request: only what the server needs. */
    record Request(String path, byte[] body) {

        boolean isStreaming() {
            String text = new String(body, StandardCharsets.UTF_8);
            return text.replace(" ", "").contains("\"stream\":true");
        }

        /** Reads one request, or returns null when the connection ends between requests. */
        static Request read(InputStream in) throws IOException {
            String requestLine = line(in);
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length < 2) {
                throw new IOException("bad request line: " + requestLine);
            }
            long length = 0;
            boolean chunked = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            return new Request(parts[1], chunked ? readChunked(in) : readFully(in, (int) length));
        }

        private static byte[] readChunked(InputStream in) throws IOException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (String size = line(in); size != null; size = line(in)) {
                int length = Integer.parseInt(size.split(";")[0].trim(), 16);
                if (length == 0) {
                    while (true) {
                        String trailer = line(in);
                        if (trailer == null || trailer.isEmpty()) {
                            return body.toByteArray();
                        }
                    }
                }
                body.writeBytes(readFully(in, length));
                line(in);
            }
            throw new IOException("request body ended early");
        }

        private static byte[] readFully(InputStream in, int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw new IOException("request body ended early");
            }
            return bytes;
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append((char) b);
            }
            return line.length() == 0 ? null : line.toString();
        }
    }
}
