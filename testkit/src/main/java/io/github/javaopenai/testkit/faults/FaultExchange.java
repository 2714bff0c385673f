package io.github.javaopenai.testkit.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Gives a {@link Fault} the request it answers and raw control of the connection.
 *
 * <p>Every response a fault writes should say {@code Connection: close}: the server serves one
 * request per connection. Used by one thread at a time.
 *
 * @since 0.1
 */
public final class FaultExchange {

    private final FaultRequest request;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final int index;

    FaultExchange(FaultRequest request, Socket socket, InputStream in, int index) throws IOException {
        this.request = request;
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.index = index;
    }

    /** Returns the request being answered. */
    public FaultRequest request() {
        return request;
    }

    /** Returns the request's position among all the server received, from 0. */
    public int index() {
        return index;
    }

    /**
     * Returns the connection's raw input, positioned after the request: what the client sends
     * next, such as WebSocket frames after an upgrade.
     */
    public InputStream in() {
        return in;
    }

    Socket socket() {
        return socket;
    }

    /** Returns the connection's raw output. */
    public OutputStream out() {
        return out;
    }

    /**
     * Writes a status line and headers, adding {@code Connection: close}; with a body length of
     * -1 no {@code Content-Length} is sent and the body runs until the connection closes.
     */
    public void writeHead(int status, Map<String, String> headers, long contentLength) throws IOException {
        write(head(status, headers, contentLength));
    }

    /** Returns the bytes of a status line and headers, as {@link #writeHead} sends them. */
    public static byte[] head(int status, Map<String, String> headers, long contentLength) {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status))
                .append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (contentLength >= 0) {
            head.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Writes and flushes the bytes. */
    public void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes and flushes the text as UTF-8. */
    public void write(String text) throws IOException {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes and flushes the text as one chunk of a {@code Transfer-Encoding: chunked} body. */
    public void writeChunk(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        write("\r\n");
    }

    /** Writes the last chunk, ending a chunked body properly. */
    public void endChunks() throws IOException {
        write("0\r\n\r\n");
    }

    /**
     * Aborts the connection with a TCP reset, so the client sees "connection reset" rather than
     * an orderly end.
     */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Waits for the given time, or until the server closes; a bounded pause inside a fault. */
    public void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
