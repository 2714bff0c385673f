package io.github.javaopenai.testkit;

import io.github.javaopenai.transport.RequestBody;
import io.github.javaopenai.transport.Transport;
import io.github.javaopenai.transport.TransportRequest;
import io.github.javaopenai.transport.TransportResponse;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wraps another transport and writes every exchange it carries to a fixture file, for
 * {@link ReplayTransport} to serve back offline.
 *
 * <p>The response body is copied as the caller reads it, so streams pass through live and are
 * recorded whole; an exchange is written when its body has been read to the end or closed. The
 * file is rewritten after each exchange, through a temporary file and an atomic move.
 * Credentials never reach the file: {@code Authorization}, {@code api-key} and the other
 * credential headers, the organization and project headers, and key-like query parameters are
 * replaced by {@code <redacted>}. Thread-safe.
 *
 * <pre>{@code
 * OpenAI client = OpenAI.newBuilder().apiKey(key)
 *     .transport(new RecordingTransport(JdkHttpTransport.create(), Path.of("src/test/resources/chat.json")))
 *     .build();
 * }</pre>
 *
 * @since 0.1
 */
public final class RecordingTransport implements Transport {

    private final Transport delegate;
    private final Path file;
    private final List<Fixture.Exchange> exchanges = new ArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Creates a transport that records what {@code delegate} carries into {@code file}, replacing
     * the file's earlier content.
     */
    public RecordingTransport(Transport delegate, Path file) {
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
        this.file = Objects.requireNonNull(file, "file == null");
    }

    /** Returns the fixture file this transport writes. */
    public Path file() {
        return file;
    }

    @Override
    public TransportResponse send(TransportRequest request) throws IOException {
        byte[] requestBody = request.body() == null ? new byte[0] : readAll(request);
        // The body was read once to record it; bodies that can be opened only once are sent from the copy.
        TransportRequest forwarded = request.body() == null ? request : new TransportRequest(request.method(),
                request.uri(), request.headers(), RequestBody.ofBytes(requestBody), request.timeout());
        TransportResponse response = delegate.send(forwarded);
        String query = Fixture.redactQuery(request.uri().getRawQuery());
        String target = request.uri().getRawPath() + (query == null ? "" : "?" + query);
        Recorder recorder = new Recorder(response.body(), body -> save(new Fixture.Exchange(request.method(), target,
                Fixture.redact(request.headers()), requestBody, response.status(), Fixture.redact(response.headers()),
                body)));
        return new TransportResponse(response.status(), response.headers(), recorder);
    }

    private static byte[] readAll(TransportRequest request) throws IOException {
        try (InputStream in = request.body().open()) {
            return in.readAllBytes();
        }
    }

    private void save(Fixture.Exchange exchange) {
        // A lock rather than synchronized: the file write below is blocking I/O.
        lock.lock();
        try {
            exchanges.add(exchange);
            Fixture.write(file, exchanges);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fixture " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /** Closes the wrapped transport. */
    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "RecordingTransport{" + file + ", " + delegate + "}";
    }

    /** Copies the bytes the caller reads, and hands them over once at the end or on close. */
    private static final class Recorder extends FilterInputStream {
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();
        private final java.util.function.Consumer<byte[]> onEnd;
        private final AtomicBoolean ended = new AtomicBoolean();

        Recorder(InputStream in, java.util.function.Consumer<byte[]> onEnd) {
            super(in);
            this.onEnd = onEnd;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                end();
            } else {
                copy.write(b);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n < 0) {
                end();
            } else {
                copy.write(buffer, offset, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            return read(new byte[(int) Math.min(n, 8192)]) < 0 ? 0 : n; // skipped bytes are recorded too
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                end();
            }
        }

        private void end() {
            if (ended.compareAndSet(false, true)) {
                onEnd.accept(copy.toByteArray());
            }
        }
    }
}
