package io.github.javaopenai.testkit.faults;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves a script of {@link Fault}s on a loopback port: request number <i>n</i> gets fault
 * <i>n</i>, and every request after the script's end gets its last fault again.
 *
 * <pre>{@code
 * try (FaultServer server = FaultServer.start(Faults.status(503), Faults.status(503), Faults.json(200, "{}"))) {
 *     OpenAI client = OpenAI.newBuilder().baseUrl(server.baseUrl()).build();
 *     client.models().list();                  // succeeds on the third attempt
 *     server.requests().size();         // 3
 * }
 * }</pre>
 *
 * <p>It binds 127.0.0.1 on a free port, reads each request whole (fixed length or chunked) and
 * serves one request per connection, each on its own thread. It counts open connections, so a
 * test can check that a client closed everything it opened. Thread-safe; {@link #close()} closes
 * every connection and ends every thread it started.
 *
 * @since 0.1
 */
public final class FaultServer implements AutoCloseable {

    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final List<Fault> script;
    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<FaultRequest> requests = new CopyOnWriteArrayList<>();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private volatile boolean closed;

    private FaultServer(List<Fault> script) throws IOException {
        this.script = List.copyOf(script);
        this.listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
        this.acceptor = new Thread(this::acceptLoop, "fault-server-accept-" + listener.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server answering with the given faults in turn.
     *
     * @throws IllegalArgumentException when the script is empty
     */
    public static FaultServer start(Fault... script) throws IOException {
        return start(List.of(script));
    }

    /** Starts a server answering with the given faults in turn. */
    public static FaultServer start(List<Fault> script) throws IOException {
        Objects.requireNonNull(script, "script == null");
        if (script.isEmpty()) {
            throw new IllegalArgumentException("script is empty: give at least one fault");
        }
        return new FaultServer(script);
    }

    /** Returns the port the server listens on. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Returns {@code http://127.0.0.1:<port>/v1}, a base URL for a client. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /** Returns the requests received so far, in arrival order. */
    public List<FaultRequest> requests() {
        return List.copyOf(requests);
    }

    /** Returns how many connections are open right now. */
    public int openConnections() {
        return open.size();
    }

    /** Returns the most connections that were open at once. */
    public int peakConnections() {
        return peak.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // the listener was closed
            }
            open.add(socket);
            peak.accumulateAndGet(open.size(), Math::max);
            Thread worker = new Thread(() -> serve(socket), "fault-server-connection");
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout(30_000);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            FaultRequest request = read(in);
            if (request == null) {
                return;
            }
            requests.add(request);
            int index = counter.getAndIncrement();
            Fault fault = script.get(Math.min(index, script.size() - 1));
            fault.respond(new FaultExchange(request, socket, in, index));
        } catch (IOException e) {
            // The client went away or the fault broke the connection on purpose.
        } finally {
            open.remove(socket);
            workers.remove(Thread.currentThread());
        }
    }

    /** Reads one request, or returns null when the client closed before sending one. */
    static FaultRequest read(InputStream in) throws IOException {
        String head = readHead(in);
        if (head == null) {
            return null;
        }
        long arrived = System.nanoTime();
        String[] lines = head.split("\r\n");
        String[] requestLine = lines[0].split(" ");
        if (requestLine.length < 2) {
            throw new SocketException("malformed request line: " + lines[0]);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body = readBody(in, headers);
        return new FaultRequest(requestLine[0], requestLine[1], headers, body, arrived);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0D0A0D0A) {
            int b = in.read();
            if (b < 0) {
                return head.size() == 0 ? null : fail("connection closed inside the request head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (head.size() > MAX_HEAD_BYTES) {
                return fail("request head over " + MAX_HEAD_BYTES + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1).trim();
    }

    private static byte[] readBody(InputStream in, Map<String, List<String>> headers) throws IOException {
        List<String> length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length.get(0)));
        }
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding == null || !encoding.get(0).equalsIgnoreCase("chunked")) {
            return new byte[0];
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                line(in); // the empty line after the last chunk; trailers are not supported
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0 || line.length() > MAX_HEAD_BYTES) {
                return fail("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private static String fail(String message) throws SocketException {
        throw new SocketException(message);
    }

    /** Stops accepting, closes every open connection and waits briefly for the threads to end. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            // Closing a listener only fails if it is already closed.
        }
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException e) {
                // Already closed by its worker.
            }
        }
        workers.forEach(Thread::interrupt);
        join(acceptor);
        workers.forEach(FaultServer::join);
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "FaultServer[" + baseUrl() + ", " + requests.size() + " requests]";
    }
}
