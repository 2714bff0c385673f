package io.github.javaopenai.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.transport.Headers;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serves the exchanges of a fixture file written by {@link RecordingTransport}, without any network.
 *
 * <p>A request is answered by the first unused recorded exchange with the same method, path and
 * query (the host is ignored, and redacted query values match anything) and the same body (JSON
 * bodies are compared as JSON, multipart bodies with their boundaries set aside). Each exchange is
 * served once, so repeated identical requests get the recorded answers in order. A request that
 * matches nothing raises {@link IllegalStateException} naming it. Thread-safe.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder().transport(ReplayTransport.of(Path.of("src/test/resources/chat.json"))).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class ReplayTransport implements Transport {

    private final List<Fixture.Exchange> exchanges;
    private final boolean[] used;
    private final ReentrantLock lock = new ReentrantLock();

    private ReplayTransport(List<Fixture.Exchange> exchanges) {
        this.exchanges = exchanges;
        this.used = new boolean[exchanges.size()];
    }

    /**
     * Returns a transport serving the exchanges recorded in {@code file}.
     *
     * @throws UncheckedIOException when the file cannot be read or is not a fixture
     */
    public static ReplayTransport of(Path file) {
        Objects.requireNonNull(file, "file == null");
        try {
            return new ReplayTransport(List.copyOf(Fixture.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fixture " + file + ": " + e.getMessage(), e);
        }
    }

    /** Returns how many recorded exchanges have not been served yet. */
    public int remaining() {
        lock.lock();
        try {
            int n = 0;
            for (boolean u : used) {
                n += u ? 0 : 1;
            }
            return n;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        byte[] body = request.body() == null ? new byte[0] : readAll(request);
        String target = request.uri().getRawPath() + (request.uri().getRawQuery() == null ? ""
                : "?" + request.uri().getRawQuery());
        lock.lock();
        try {
            for (int i = 0; i < exchanges.size(); i++) {
                Fixture.Exchange e = exchanges.get(i);
                if (!used[i] && e.method().equals(request.method()) && sameTarget(e.target(), target)
                        && sameBody(e.requestBody(), body)) {
                    used[i] = true;
                    return new TransportResponse(e.status(), Headers.of(e.responseHeaders()),
                            new ByteArrayInputStream(e.responseBody()));
                }
            }
        } finally {
            lock.unlock();
        }
        throw new IllegalStateException("no recorded exchange matches " + request.method() + " " + target
                + " (" + exchanges.size() + " recorded, " + remaining() + " unused)");
    }

    private static byte[] readAll(TransportRequest request) throws IOException {
        try (InputStream in = request.body().open()) {
            return in.readAllBytes();
        }
    }

    private static boolean sameTarget(String recorded, String actual) {
        if (recorded.equals(actual)) {
            return true;
        }
        String[] r = recorded.split("[?&]");
        String[] a = actual.split("[?&]");
        if (r.length != a.length) {
            return false;
        }
        for (int i = 0; i < r.length; i++) {
            boolean wildcard = r[i].endsWith("=" + Fixture.REDACTED)
                    && a[i].startsWith(r[i].substring(0, r[i].length() - Fixture.REDACTED.length()));
            if (!r[i].equals(a[i]) && !wildcard) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameBody(byte[] recorded, byte[] actual) {
        if (Arrays.equals(recorded, actual)) {
            return true;
        }
        JsonNode r = Wire.parse(recorded);
        if (!r.isMissingNode()) {
            return r.equals(Wire.parse(actual));
        }
        return withoutBoundaries(recorded).equals(withoutBoundaries(actual));
    }

    /** Replaces multipart boundary lines, which are random per request, by a fixed marker. */
    private static String withoutBoundaries(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n");
        if (!text.startsWith("--") || end < 0) {
            return text;
        }
        return text.replace(text.substring(2, end), "BOUNDARY");
    }

    @Override
    public String toString() {
        return "ReplayTransport{" + exchanges.size() + " exchanges}";
    }
}
