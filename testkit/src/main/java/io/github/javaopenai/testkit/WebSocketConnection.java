package io.github.javaopenai.testkit;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server end of one WebSocket connection (RFC 6455): reads the client's masked frames,
 * answers pings, joins fragments, and writes unmasked frames. One reader thread; writes from any
 * thread, one frame at a time.
 */
final class WebSocketConnection {

    static final int TEXT = 0x1;
    static final int BINARY = 0x2;
    static final int CLOSE = 0x8;
    static final int PING = 0x9;
    static final int PONG = 0xA;
    private static final int CONTINUATION = 0x0;
    private static final int MAX_MESSAGE_BYTES = 32 * 1024 * 1024;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile boolean closeSent;
    private volatile boolean answerPings = true;
    private volatile int clientCloseCode = -1;

    WebSocketConnection(Socket socket, InputStream in, OutputStream out) {
        this.socket = socket;
        this.in = new DataInputStream(in);
        this.out = out;
    }

    /**
     * Returns the next text message, or null once the client sent a close frame (answered with
     * a close frame of the same code).
     *
     * @throws IOException when the connection ends without a close frame or breaks the protocol
     */
    String receiveText() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        int messageOpcode = -1;
        while (true) {
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            boolean fin = (b0 & 0x80) != 0;
            int opcode = b0 & 0x0F;
            if ((b1 & 0x80) == 0) {
                close(1002, "client frames must be masked");
                throw new IOException("an unmasked client frame");
            }
            long length = b1 & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > MAX_MESSAGE_BYTES || length < 0) {
                close(1009, "message too big");
                throw new IOException("a frame of " + length + " bytes");
            }
            byte[] mask = new byte[4];
            in.readFully(mask);
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i & 3];
            }
            switch (opcode) {
                case PING -> {
                    pings.incrementAndGet();
                    if (answerPings) {
                        writeFrame(PONG, payload);
                    }
                }
                case PONG -> {
                    // An answer to our ping: nothing to do.
                }
                case CLOSE -> {
                    clientCloseCode = payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xffff : 1005;
                    if (!closeSent) {
                        closeSent = true;
                        writeFrame(CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                    }
                    return null;
                }
                case TEXT, BINARY, CONTINUATION -> {
                    if (opcode != CONTINUATION) {
                        messageOpcode = opcode;
                    }
                    message.write(payload);
                    if (message.size() > MAX_MESSAGE_BYTES) {
                        close(1009, "message too big");
                        throw new IOException("a message over " + MAX_MESSAGE_BYTES + " bytes");
                    }
                    if (fin) {
                        if (messageOpcode != TEXT) {
                            close(1003, "only text messages");
                            throw new IOException("a binary message");
                        }
                        return message.toString(StandardCharsets.UTF_8);
                    }
                }
                default -> {
                    close(1002, "unknown opcode " + opcode);
                    throw new IOException("unknown opcode " + opcode);
                }
            }
        }
    }

    /** Sends a text message in one frame. */
    void sendText(String text) throws IOException {
        writeFrame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a text message split into frames of at most {@code fragmentBytes} bytes each. */
    void sendFragmented(String text, int fragmentBytes) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        writing.lock();
        try {
            for (int start = 0; start < bytes.length; start += fragmentBytes) {
                int end = Math.min(bytes.length, start + fragmentBytes);
                int opcode = start == 0 ? TEXT : CONTINUATION;
                byte[] part = java.util.Arrays.copyOfRange(bytes, start, end);
                writeFrameLocked(opcode, part, end == bytes.length);
            }
        } finally {
            writing.unlock();
        }
    }

    /** Sends a ping. */
    void sendPing(byte[] payload) throws IOException {
        writeFrame(PING, payload);
    }

    /** Sends a close frame with the code and reason (unless one was sent already). */
    void close(int code, String reason) throws IOException {
        if (closeSent) {
            return;
        }
        closeSent = true;
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text);
        writeFrame(CLOSE, payload.array());
    }

    /**
     * Ends the connection without a close frame: everything written so far is delivered, then the
     * stream ends (a FIN, not a reset, so the test sees exactly what was sent before).
     */
    void drop() throws IOException {
        socket.shutdownOutput();
    }

    /** Sets whether pings are answered with pongs (by default they are), to play a hung server. */
    void answerPings(boolean answer) {
        answerPings = answer;
    }

    /** Returns how many pings the client sent. */
    int pingsReceived() {
        return pings.get();
    }

    /** Returns the close code the client sent, or -1 when it sent none. */
    int clientCloseCode() {
        return clientCloseCode;
    }

    private void writeFrame(int opcode, byte[] payload) throws IOException {
        writing.lock();
        try {
            writeFrameLocked(opcode, payload, true);
        } finally {
            writing.unlock();
        }
    }

    private void writeFrameLocked(int opcode, byte[] payload, boolean fin) throws IOException {
        ByteBuffer head = ByteBuffer.allocate(10);
        head.put((byte) ((fin ? 0x80 : 0) | opcode));
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

}
