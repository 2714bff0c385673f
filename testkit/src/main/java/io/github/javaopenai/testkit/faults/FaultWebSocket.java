package io.github.javaopenai.testkit.faults;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;

/**
 * The server end of a WebSocket (RFC 6455) that a {@link Fault} accepted: just enough framing to
 * play a realtime server that misbehaves. It writes unmasked frames, reads the client's masked
 * ones, and answers pings only when told to. Used by the one thread running the fault.
 */
final class FaultWebSocket {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;
    private static final int MAX_FRAME_BYTES = 16 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final boolean answerPings;

    private FaultWebSocket(Socket socket, InputStream in, OutputStream out, boolean answerPings) {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = out;
        this.answerPings = answerPings;
    }

    /**
     * Answers the exchange's upgrade request with {@code 101 Switching Protocols}.
     *
     * @throws IOException when the request is not a WebSocket upgrade (a 400 is sent first)
     */
    static FaultWebSocket accept(FaultExchange exchange, boolean answerPings) throws IOException {
        FaultRequest request = exchange.request();
        String key = request.header("sec-websocket-key").orElse(null);
        if (key == null || !request.header("upgrade").orElse("").equalsIgnoreCase("websocket")) {
            Faults.json(400, "{\"error\":{\"message\":\"not a WebSocket upgrade\",\"type\":\"invalid_request_error\","
                    + "\"param\":null,\"code\":null}}").respond(exchange);
            throw new SocketException("not a WebSocket upgrade: " + request);
        }
        exchange.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + acceptValue(key) + "\r\n\r\n");
        return new FaultWebSocket(exchange.socket(), exchange.in(), exchange.out(), answerPings);
    }

    /** Sends a text message in one frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer head = ByteBuffer.allocate(10);
        head.put((byte) (0x80 | TEXT));
        if (payload.length < 126) {
            head.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            head.put((byte) 126).putShort((short) payload.length);
        } else {
            head.put((byte) 127).putLong(payload.length);
        }
        out.write(head.array(), 0, head.position());
        out.write(payload);
        out.flush();
    }

    /**
     * Returns the next text message, or null when the client closed the WebSocket, the connection
     * ended, or nothing came within the wait. Fragments are not joined: realtime clients send
     * events whole.
     */
    String receiveText(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null; // pings alone never hold the wait open
                }
                socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
                int b0 = in.read();
                if (b0 < 0) {
                    return null;
                }
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                if (length < 0 || length > MAX_FRAME_BYTES) {
                    throw new SocketException("a client frame of " + length + " bytes");
                }
                byte[] mask = new byte[4];
                if ((b1 & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i & 3];
                }
                int opcode = b0 & 0x0F;
                if (opcode == CLOSE) {
                    return null;
                }
                if (opcode == PING && answerPings) {
                    writeControl(PONG, payload);
                } else if (opcode == TEXT) {
                    return new String(payload, StandardCharsets.UTF_8);
                }
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    /** Waits, up to {@code wait}, for a text message containing the fragment; returns whether one came. */
    boolean awaitText(String fragment, Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            String text = receiveText(Duration.ofNanos(left));
            if (text == null) {
                return false; // the client went away, or the wait ran out
            }
            if (text.contains(fragment)) {
                return true;
            }
        }
    }

    /** Sends a close frame with the code and reason. */
    void close(int code, String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        writeControl(CLOSE, ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).array());
    }

    /** Waits, up to {@code wait}, for the client's close frame (or the end of the connection), skipping messages. */
    void awaitClose(Duration wait) throws IOException {
        long deadline = System.nanoTime() + wait.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0 && receiveText(Duration.ofNanos(left)) != null) {
            // A message sent before the client saw the close: skipped.
        }
    }

    /**
     * Ends the connection without a close frame: what was written is delivered, then the stream
     * ends; then waits, up to {@code wait}, for the client to go away, so that closing the socket
     * resets nothing the client has not read.
     */
    void drop(Duration wait) throws IOException {
        socket.shutdownOutput();
        long deadline = System.nanoTime() + wait.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            try {
                if (in.read() < 0) {
                    return;
                }
            } catch (SocketTimeoutException e) {
                return;
            }
        }
    }

    private void writeControl(int opcode, byte[] payload) throws IOException {
        out.write(new byte[] {(byte) (0x80 | opcode), (byte) payload.length});
        out.write(payload);
        out.flush();
    }

    private static String acceptValue(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.ISO_8859_1));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", e);
        }
    }
}
