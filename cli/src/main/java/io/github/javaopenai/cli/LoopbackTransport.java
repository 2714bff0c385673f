package io.github.javaopenai.cli;

import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries the requests of an offline command to the embedded server, in the same process, over
 * plain HTTP on loopback, with the JDK's {@link HttpURLConnection}.
 *
 * <p>Why not the JDK {@link java.net.http.HttpClient}, the library's default: building one sets
 * up the default TLS context (providers, cipher suites, the CA certificates), and on Java 17 its
 * selector thread, waiting in native code, lives until the client is collected; the JVM's exit
 * waits up to 300 ms for such threads. Together, most of a short command's time. Here nothing
 * speaks TLS, and once a response is read no thread waits in native code. A read of a body is not
 * ended by interrupting its thread, as {@link Transport} asks; the server, in the same process,
 * answers at once, and stopping the command ends the read with the process.
 */
final class LoopbackTransport implements Transport {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        if (!"http".equals(request.uri().getScheme())) {
            throw new IOException("the embedded offline server speaks plain http only: " + request.uri());
        }
        HttpURLConnection connection = (HttpURLConnection) request.uri().toURL().openConnection(Proxy.NO_PROXY);
        connection.setInstanceFollowRedirects(false);
        connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
        connection.setReadTimeout(millis(request.timeout()));
        connection.setRequestMethod(request.method());
        request.headers().toMap().forEach((name, values) -> values.forEach(value -> connection.addRequestProperty(name, value)));
        RequestBody body = request.body();
        if (body != null) {
            connection.setDoOutput(true);
            long length = body.contentLength();
            if (length >= 0) {
                connection.setFixedLengthStreamingMode(length);
            } else {
                connection.setChunkedStreamingMode(0);
            }
            try (InputStream in = body.open(); OutputStream out = connection.getOutputStream()) {
                in.transferTo(out);
            }
        }
        int status = connection.getResponseCode();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) { // the status line
                fields.put(name, values);
            }
        });
        InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        return new TransportResponse(status, Headers.of(fields), in != null ? in : InputStream.nullInputStream());
    }

    private static int millis(Duration timeout) {
        if (timeout == null) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
    }
}
