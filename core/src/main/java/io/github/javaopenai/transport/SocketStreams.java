package io.github.javaopenai.transport;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Carries event streams and other answers read as they arrive over HTTP/1.1 on blocking sockets,
 * read on the caller's thread.
 *
 * <p>Why: a model streams one event per TLS record, milliseconds apart. The JDK {@code HttpClient}
 * reads each record on its selector thread, decrypts it into a fresh 16 KB buffer and wakes the
 * reader: two thread wake-ups and some 17 KB of garbage per event. A blocking socket read by the
 * caller costs one wake-up and reuses its buffers. Exchanges run one at a time per connection;
 * idle connections are kept per origin for reuse. Requests whose route goes through a proxy stay
 * with the {@code HttpClient}, which honours the proxy settings.
 */
final class SocketStreams implements AutoCloseable {

    /** The most idle connections kept per origin, and how long one is kept. */
    private static final int MAX_IDLE_PER_ORIGIN = 32;
    private static final long MAX_IDLE_NANOS = Duration.ofSeconds(30).toNanos();

    private final Duration connectTimeout;
    private final SSLContext ssl;
    private final Set<String> skippedHeaders;
    private final SocketWatch watch = new SocketWatch();
    private final Map<String, ConcurrentLinkedDeque<Http1Connection>> idle = new ConcurrentHashMap<>();
    private volatile SSLSocketFactory tlsFactory;
    private volatile boolean closed;

    SocketStreams(Duration connectTimeout, SSLContext ssl, Set<String> skippedHeaders) {
        this.connectTimeout = connectTimeout;
        this.ssl = ssl;
        this.skippedHeaders = skippedHeaders;
    }

    /** Whether this carries the request: no proxy on its route, an in-memory body or none. */
    static boolean canCarry(TransportRequest request) {
        String scheme = request.uri().getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return false;
        }
        if (request.body() != null && !(request.body() instanceof RequestBody.BytesBody)) {
            return false;
        }
        ProxySelector proxies = ProxySelector.getDefault();
        if (proxies == null) {
            return true;
        }
        List<Proxy> route = proxies.select(request.uri());
        return route.isEmpty() || route.stream().allMatch(proxy -> proxy.type() == Proxy.Type.DIRECT);
    }

    /** Sends the request and returns once the status and headers arrived; the body streams. */
    TransportResponse send(TransportRequest request) throws IOException {
        if (closed) {
            throw new IllegalStateException("this transport is closed: " + request.method() + " " + request.uri());
        }
        byte[] body = request.body() == null ? null : ((RequestBody.BytesBody) request.body()).bytes();
        long deadline = request.timeout() == null ? 0 : System.nanoTime() + request.timeout().toNanos();
        // A pooled connection the server has since closed fails before any byte of an answer:
        // then, and only then, the request goes once more on a new connection.
        Http1Connection pooled = takeIdle(origin(request.uri()));
        if (pooled != null) {
            try {
                return exchange(pooled, request, body, deadline);
            } catch (StaleConnection stale) {
                // fall through to a new connection
            }
        }
        try {
            return exchange(null, request, body, deadline);
        } catch (StaleConnection stale) {
            throw (IOException) stale.getCause();
        }
    }

    /** A failure before any byte of the answer on a reused connection. */
    private static final class StaleConnection extends IOException {
        StaleConnection(IOException cause) {
            super(cause);
        }
    }

    private TransportResponse exchange(Http1Connection reused, TransportRequest request, byte[] body, long deadline)
            throws IOException {
        URI uri = request.uri();
        Socket plain = reused == null ? new Socket() : null;
        SocketWatch.Exchange exchange = watch.watch(reused != null ? reused.socket() : plain);
        Http1Connection connection = reused;
        boolean connecting = reused == null;
        boolean answered = false;
        try {
            exchange.reading();
            if (connection == null) {
                long connectBy = System.nanoTime() + connectTimeout.toNanos();
                exchange.deadline(deadline == 0 ? connectBy : Math.min(connectBy, deadline));
                connection = connect(plain, uri, exchange);
                connecting = false;
            }
            exchange.deadline(deadline);
            connection.writeRequest(request, body, skippedHeaders);
            Http1Connection.Head head;
            try {
                head = connection.readHead();
            } catch (EOFException e) {
                if (reused != null && !exchange.wasInterrupted() && !exchange.timedOut()) {
                    throw new StaleConnection(e);
                }
                throw e;
            }
            answered = true;
            exchange.deadline(0); // the engine's idle watchdog times the body
            return new TransportResponse(head.status(), Headers.of(head.headers()), body(connection, head, request, exchange));
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            } else {
                closeQuietly(plain);
            }
            watch.release(exchange);
            if (exchange.wasInterrupted()) {
                InterruptedIOException stop = new InterruptedIOException("interrupted while waiting for the response");
                stop.initCause(e);
                throw stop;
            }
            if (exchange.timedOut() && !answered) {
                SocketTimeoutException timeout = new SocketTimeoutException(connecting
                        ? "could not connect to " + uri.getRawAuthority() + " within " + connectTimeout
                        : "no response within " + request.timeout() + ": " + request.method() + " " + uri);
                timeout.initCause(e);
                throw timeout;
            }
            if (reused != null && !answered && !(e instanceof StaleConnection) && e instanceof java.net.SocketException) {
                throw new StaleConnection((IOException) e); // e.g. a reset while the request was written
            }
            throw e;
        } finally {
            exchange.notReading();
        }
    }

    /**
     * Connects and, for https, shakes hands, with no socket timeout: the watch enforces the
     * connect timeout, so that the socket stays in blocking mode (see {@link SocketWatch}).
     */
    private Http1Connection connect(Socket plain, URI uri, SocketWatch.Exchange exchange) throws IOException {
        String host = uri.getHost();
        boolean tls = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        plain.connect(new InetSocketAddress(host, port));
        plain.setTcpNoDelay(true);
        if (!tls) {
            return new Http1Connection(plain, origin(uri));
        }
        SSLSocket socket = (SSLSocket) tlsFactory().createSocket(plain, host, port, true);
        exchange.target(socket);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the host
        parameters.setApplicationProtocols(new String[] {"http/1.1"});
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return new Http1Connection(socket, origin(uri));
    }

    private SSLSocketFactory tlsFactory() throws IOException {
        SSLSocketFactory factory = tlsFactory;
        if (factory == null) {
            try {
                factory = (ssl != null ? ssl : SSLContext.getDefault()).getSocketFactory();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException("no TLS available", e);
            }
            tlsFactory = factory;
        }
        return factory;
    }

    private Http1Body body(Http1Connection connection, Http1Connection.Head head, TransportRequest request,
            SocketWatch.Exchange exchange) throws IOException {
        String length = head.first("content-length");
        String encoding = head.first("transfer-encoding");
        String connectionHeader = head.first("connection");
        boolean reusable = connectionHeader == null || !connectionHeader.toLowerCase(Locale.ROOT).contains("close");
        Http1Body.Owner owner = new Http1Body.Owner() {
            @Override
            public void finished(Http1Connection done) {
                if (reusable) {
                    giveBack(done);
                } else {
                    done.close();
                }
            }

            @Override
            public void released(SocketWatch.Exchange ended) {
                watch.release(ended);
            }
        };
        if (request.method().equals("HEAD") || head.status() == 204 || head.status() == 304) {
            return new Http1Body(connection, Http1Body.Framing.EMPTY, 0, exchange, owner);
        }
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return new Http1Body(connection, Http1Body.Framing.CHUNKED, -1, exchange, owner);
        }
        if (length != null) {
            try {
                return new Http1Body(connection, Http1Body.Framing.LENGTH, Long.parseLong(length.trim()), exchange, owner);
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length: " + length);
            }
        }
        return new Http1Body(connection, Http1Body.Framing.UNTIL_CLOSE, -1, exchange, owner);
    }

    private Http1Connection takeIdle(String origin) {
        ConcurrentLinkedDeque<Http1Connection> connections = idle.get(origin);
        if (connections == null) {
            return null;
        }
        long now = System.nanoTime();
        for (Http1Connection connection; (connection = connections.pollFirst()) != null; ) {
            if (!connection.isClosed() && now - connection.idleSince() < MAX_IDLE_NANOS) {
                return connection;
            }
            connection.close();
        }
        return null;
    }

    private void giveBack(Http1Connection connection) {
        if (closed || connection.isClosed()) {
            connection.close();
            return;
        }
        connection.markIdle(System.nanoTime());
        ConcurrentLinkedDeque<Http1Connection> connections =
                idle.computeIfAbsent(connection.origin(), key -> new ConcurrentLinkedDeque<>());
        connections.addFirst(connection);
        while (connections.size() > MAX_IDLE_PER_ORIGIN) {
            Http1Connection extra = connections.pollLast();
            if (extra != null) {
                extra.close();
            }
        }
    }

    private static String origin(URI uri) {
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // giving up on it anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ConcurrentLinkedDeque<Http1Connection> connections : idle.values()) {
            for (Http1Connection connection; (connection = connections.pollFirst()) != null; ) {
                connection.close();
            }
        }
        watch.close();
    }
}
