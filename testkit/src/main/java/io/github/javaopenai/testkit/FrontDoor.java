package io.github.javaopenai.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The public port of {@link FakeOpenAI}: reads the first request head of each connection, hands a
 * WebSocket upgrade ({@code Upgrade: websocket}) to the WebSocket server, and relays every other
 * connection, byte for byte, to the JDK's HTTP server behind it, which cannot hand a connection
 * over to WebSocket itself. So HTTP calls and WebSocket sessions share one base URL.
 *
 * <p>One selector thread relays every connection, through two buffers of {@value #BUFFER_BYTES}
 * bytes per connection, and reads from a side only while the buffer towards the other has room, so
 * a slow reader holds the sender back instead of filling memory. A connection's first request
 * decides its fate: the JDK's WebSocket client and OkHttp open a fresh connection for each upgrade.
 * Loopback only.
 */
final class FrontDoor implements AutoCloseable {

    /** Bytes buffered per direction per connection; a request head must fit in one. */
    static final int BUFFER_BYTES = 64 * 1024;

    /** Takes over a connection whose first request is a WebSocket upgrade. */
    interface UpgradeHandler {
        /** Serves the upgrade on the (blocking) socket; {@code head} holds the bytes already read from it. */
        void adopt(Socket socket, byte[] head);
    }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final InetSocketAddress backend;
    private final UpgradeHandler upgrades;
    private final Thread loop;
    private final List<Relay> handOvers = new ArrayList<>();
    private volatile boolean closed;

    FrontDoor(InetSocketAddress backend, UpgradeHandler upgrades) {
        this.backend = backend;
        this.upgrades = upgrades;
        try {
            selector = Selector.open();
            listener = ServerSocketChannel.open();
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fake server's port: " + e.getMessage(), e);
        }
        loop = new Thread(this::run, "fake-openai-front-" + port());
        loop.setDaemon(true);
        loop.start();
    }

    int port() {
        return listener.socket().getLocalPort();
    }

    private void run() {
        try {
            while (!closed) {
                selector.select();
                for (Iterator<SelectionKey> keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        ((Relay) key.attachment()).ready(key);
                    }
                }
                if (!handOvers.isEmpty()) {
                    selector.selectNow(); // deregisters the cancelled channels, so that they may block
                    handOvers.forEach(Relay::handOver);
                    handOvers.clear();
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // Closed: every connection is closed below.
        } finally {
            for (SelectionKey key : selector.keys()) {
                if (key.attachment() instanceof Relay relay) {
                    relay.close();
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel client = listener.accept();
        if (client == null) {
            return;
        }
        client.configureBlocking(false);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        Relay relay = new Relay(client);
        relay.clientKey = client.register(selector, SelectionKey.OP_READ, relay);
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            listener.close();
            selector.close();
        } catch (IOException e) {
            // Closing anyway.
        }
    }

    /** One client connection: first its request head is read, then it is relayed or handed over. */
    private final class Relay {
        private final SocketChannel client;
        private SocketChannel server;
        private SelectionKey clientKey;
        private SelectionKey serverKey;
        /** Client to server; also holds the request head while it is read. In write mode. */
        private final ByteBuffer up = ByteBuffer.allocateDirect(BUFFER_BYTES);
        /** Server to client, in write mode. Direct, so the socket reads and writes copy nothing more. */
        private final ByteBuffer down = ByteBuffer.allocateDirect(BUFFER_BYTES);
        private boolean clientEnded;
        private boolean serverEnded;

        Relay(SocketChannel client) {
            this.client = client;
        }

        void ready(SelectionKey key) {
            try {
                if (server == null) {
                    readHead();
                    return;
                }
                if (key == serverKey && key.isConnectable() && !server.finishConnect()) {
                    return;
                }
                if (key.isReadable()) {
                    if (key == clientKey) {
                        clientEnded |= client.read(up) < 0;
                    } else {
                        serverEnded |= server.read(down) < 0;
                    }
                }
                flush();
            } catch (IOException | RuntimeException e) {
                close(); // this connection only: the relay goes on serving the others
            }
        }

        private void readHead() throws IOException {
            if (client.read(up) < 0) {
                close();
                return;
            }
            String head = StandardCharsets.ISO_8859_1.decode(up.duplicate().flip()).toString();
            int end = head.indexOf("\r\n\r\n");
            if (end < 0 && up.hasRemaining()) {
                return; // not whole yet
            }
            if (end >= 0 && isUpgrade(head.substring(0, end))) {
                clientKey.cancel();
                handOvers.add(this);
                return;
            }
            server = SocketChannel.open();
            server.configureBlocking(false);
            server.setOption(StandardSocketOptions.TCP_NODELAY, true);
            boolean connected = server.connect(backend);
            serverKey = server.register(selector, connected ? 0 : SelectionKey.OP_CONNECT, this);
            flush();
        }

        /** Moves what each buffer holds towards its side and sets what to wait for next. */
        private void flush() throws IOException {
            if (!server.isConnected()) {
                clientKey.interestOps(0);
                return;
            }
            write(up, server);
            write(down, client);
            if (serverEnded && down.position() == 0) {
                close(); // the HTTP server ended the connection and all it sent went out
                return;
            }
            if (clientEnded && up.position() == 0 && !server.socket().isOutputShutdown()) {
                server.shutdownOutput();
            }
            clientKey.interestOps((clientEnded || !up.hasRemaining() ? 0 : SelectionKey.OP_READ)
                    | (down.position() > 0 ? SelectionKey.OP_WRITE : 0));
            serverKey.interestOps((serverEnded || !down.hasRemaining() ? 0 : SelectionKey.OP_READ)
                    | (up.position() > 0 ? SelectionKey.OP_WRITE : 0));
        }

        private void write(ByteBuffer buffer, SocketChannel to) throws IOException {
            if (buffer.position() == 0) {
                return;
            }
            buffer.flip();
            to.write(buffer);
            buffer.compact();
        }

        void handOver() {
            try {
                client.configureBlocking(true);
            } catch (IOException e) {
                close();
                return;
            }
            byte[] head = new byte[up.position()];
            up.flip().get(head);
            upgrades.adopt(client.socket(), head);
        }

        void close() {
            closeQuietly(client);
            if (server != null) {
                closeQuietly(server);
            }
        }

        private static boolean isUpgrade(String head) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("upgrade")
                        && line.substring(colon + 1).trim().toLowerCase(Locale.ROOT).contains("websocket")) {
                    return true;
                }
            }
            return false;
        }

        private static void closeQuietly(SocketChannel channel) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }
}
