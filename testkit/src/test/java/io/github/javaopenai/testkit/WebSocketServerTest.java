package io.github.javaopenai.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The testkit's RFC 6455 server, driven frame by frame from a raw socket. */
@Timeout(20)
class WebSocketServerTest {

    @Test
    void theAcceptValueIsTheOneOfTheRfcExample() {
        assertThat(WebSocketServer.acceptValue("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
    }

    @Test
    void fragmentsAreJoinedPingsAnsweredAndACloseEchoed() throws Exception {
        CompletableFuture<String> received = new CompletableFuture<>();
        try (WebSocketServer server = new WebSocketServer(upgrade -> {
            WebSocketConnection connection = upgrade.accept();
            received.complete(connection.receiveText());
            connection.sendText("x".repeat(70_000)); // a 64-bit length
            connection.receiveText(); // answers the close
        }); Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET /v1/realtime HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101").contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

            out.write(maskedFrame(false, 0x1, "hel".getBytes(StandardCharsets.UTF_8)));
            out.write(maskedFrame(true, 0x9, "ping!".getBytes(StandardCharsets.UTF_8)));
            out.write(maskedFrame(true, 0x0, "lo".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            assertThat(received.get(5, TimeUnit.SECONDS)).isEqualTo("hello");

            assertThat(in.readUnsignedByte()).isEqualTo(0x80 | 0xA); // the pong, unmasked
            assertThat(in.readUnsignedByte()).isEqualTo(5);
            assertThat(new String(in.readNBytes(5), StandardCharsets.UTF_8)).isEqualTo("ping!");

            assertThat(in.readUnsignedByte()).isEqualTo(0x80 | 0x1);
            assertThat(in.readUnsignedByte()).isEqualTo(127);
            assertThat(in.readLong()).isEqualTo(70_000);
            assertThat(in.readNBytes(70_000)).hasSize(70_000);

            out.write(maskedFrame(true, 0x8, ByteBuffer.allocate(2).putShort((short) 1000).array()));
            out.flush();
            assertThat(in.readUnsignedByte()).isEqualTo(0x80 | 0x8);
            assertThat(in.readUnsignedByte()).isEqualTo(2);
            assertThat(in.readUnsignedShort()).isEqualTo(1000);
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError() throws Exception {
        try (WebSocketServer server = new WebSocketServer(upgrade -> upgrade.accept().receiveText());
                Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = socket.getOutputStream();
            DataInputStream in = new DataInputStream(socket.getInputStream());
            out.write(("GET / HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Key: a2V5a2V5a2V5a2V5a2V5aw==\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            readHead(in);
            out.write(new byte[] {(byte) 0x81, 2, 'h', 'i'});
            out.flush();
            assertThat(in.readUnsignedByte()).isEqualTo(0x80 | 0x8);
            int length = in.readUnsignedByte();
            assertThat(in.readUnsignedShort()).isEqualTo(1002);
            assertThat(length).isGreaterThan(2);
        }
    }

    private static String readHead(DataInputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            head.append((char) in.readUnsignedByte());
        }
        return head.toString();
    }

    private static byte[] maskedFrame(boolean fin, int opcode, byte[] payload) {
        byte[] mask = {0x37, (byte) 0xfa, 0x21, 0x3d};
        ByteBuffer frame = ByteBuffer.allocate(2 + 4 + payload.length);
        frame.put((byte) ((fin ? 0x80 : 0) | opcode)).put((byte) (0x80 | payload.length)).put(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ mask[i & 3]));
        }
        return frame.array();
    }
}
