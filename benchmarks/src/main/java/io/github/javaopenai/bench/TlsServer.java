package io.github.javaopenai.bench;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.WindowRateControl;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The TLS server of the benchmarks (Jetty), run in a process of its own on 127.0.0.1: one port
 * offering HTTP/2 and HTTP/1.1 through ALPN with a limit of concurrent streams per connection, one
 * speaking HTTP/1.1 only. It answers chat completions as {@link LoopbackServer} does, with the
 * same path prefixes ({@code /e200}: events per stream; {@code /p1}: each event written and flushed
 * on its own, so in its own TLS record, 1 ms apart, as a model sends tokens).
 *
 * <p>{@code TlsServer KEYSTORE PASSWORD MAX_STREAMS} prints {@code PORTS <h2> <h1>} once it listens.
 */
public final class TlsServer {

    private static final byte[] COMPLETION = Payloads.chatCompletion();
    private static final Map<Integer, byte[]> STREAMS = new ConcurrentHashMap<>();

    private TlsServer() {
    }

    public static void main(String[] args) throws Exception {
        String keyStore = args[0];
        String password = args[1];
        int maxStreams = Integer.parseInt(args[2]);
        QueuedThreadPool threads = new QueuedThreadPool(2_000, 16);
        threads.setName("tls-server");
        Server server = new Server(threads);
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);

        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(config);
        h2.setMaxConcurrentStreams(maxStreams);
        // A load test is not a rapid-reset attack.
        h2.setRateControlFactory(new WindowRateControl.Factory(1_000_000));
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory("h2", "http/1.1");
        alpn.setDefaultProtocol(http11.getProtocol());
        ServerConnector both = new ServerConnector(server,
                new SslConnectionFactory(tls(keyStore, password), alpn.getProtocol()), alpn, h2, http11);
        ServerConnector http1 = new ServerConnector(server,
                new SslConnectionFactory(tls(keyStore, password), http11.getProtocol()), new HttpConnectionFactory(config));
        for (ServerConnector connector : new ServerConnector[] {both, http1}) {
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            connector.setAcceptQueueSize(4_096);
            server.addConnector(connector);
        }
        server.setHandler(new ChatHandler());
        server.start();
        System.out.println("PORTS " + both.getLocalPort() + " " + http1.getLocalPort());
        System.out.flush();
        server.join();
    }

    private static SslContextFactory.Server tls(String keyStore, String password) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(keyStore);
        tls.setKeyStorePassword(password);
        tls.setKeyStoreType("PKCS12");
        return tls;
    }

    /** Answers chat completions, whole or streamed; blocking, on Jetty's pool threads. */
    private static final class ChatHandler extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            String body = Content.Source.asString(request, StandardCharsets.UTF_8);
            LoopbackServer.Shape shape = LoopbackServer.Shape.of(path);
            if (!path.endsWith("/chat/completions")) {
                response.setStatus(404);
                response.write(true, java.nio.ByteBuffer.wrap(
                        "{\"error\":{\"message\":\"no such path\"}}".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
            response.getHeaders().put("x-request-id", "req_0123456789abcdef0123456789abcdef");
            if (!body.contains("\"stream\":true")) {
                if (shape.holdMillis() > 0) {
                    Thread.sleep(shape.holdMillis());
                }
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, COMPLETION.length);
                response.write(true, java.nio.ByteBuffer.wrap(COMPLETION), callback);
                return true;
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                if (shape.pauseMillis() > 0) {
                    for (int i = 0; i < shape.events(); i++) {
                        out.write(Payloads.chatEvent(i, shape.events()));
                        out.flush(); // one event, one TLS record
                        Thread.sleep(shape.pauseMillis());
                    }
                    out.write(Payloads.DONE);
                } else {
                    out.write(STREAMS.computeIfAbsent(shape.events(), Payloads::chatStream));
                }
            }
            callback.succeeded();
            return true;
        }
    }
}
