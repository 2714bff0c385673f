package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Hands a response body to the reading thread as an {@link InputStream} that an interrupt stops.
 *
 * <p>The JDK's own {@code BodyHandlers.ofInputStream()} stream swallows an interrupt while it
 * waits for data up to JDK 21 or so (its wait loops on after clearing the flag), so a cancelled
 * task kept reading until the server closed. Here a reader interrupted while waiting cancels the
 * subscription, which closes the HTTP/1.1 connection or resets the HTTP/2 stream, keeps its
 * interrupt flag and gets an {@link InterruptedIOException}. {@link InputStream#close()} from any
 * thread cancels the subscription too and wakes a waiting reader.
 *
 * <p>Demand is one list of buffers at a time, asked for when the previous one is taken, so at
 * most one list (the client's read chunk) waits here: a slow reader slows the download. Arriving
 * data only costs a queue hand-over; the reader is woken only when it waits for data.
 */
final class InterruptibleBody extends InputStream implements HttpResponse.BodySubscriber<InputStream>, NonBlockingBody {

    // Markers compared by identity: distinct objects, never equal to a list the client delivers.
    /** Marks the end of the body. */
    private static final List<ByteBuffer> END = new ArrayList<>(0);
    /** Marks a body abandoned by {@link #close()} or failed upstream. */
    private static final List<ByteBuffer> STOPPED = new ArrayList<>(0);

    /** At most one list of data and one end or stop marker: demand is never more than one. */
    private final LinkedBlockingQueue<List<ByteBuffer>> arrived = new LinkedBlockingQueue<>();
    private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
    private Iterator<ByteBuffer> buffers = List.<ByteBuffer>of().iterator();
    private ByteBuffer current;
    private boolean ended;
    private volatile Throwable failure;
    private volatile boolean closed;
    /** Who waits to hear that a read would not block; see {@link #whenReadable}. */
    private final java.util.concurrent.atomic.AtomicReference<Runnable> onReadable =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** Returns a handler that delivers each body through a new interruptible stream. */
    static HttpResponse.BodyHandler<InputStream> handler() {
        return info -> new InterruptibleBody();
    }

    // ---------------------------------------------------------------- subscriber side (client threads)

    @Override
    public CompletionStage<InputStream> getBody() {
        return CompletableFuture.completedStage(this); // handed over at once; read as it arrives
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (!subscription.complete(Objects.requireNonNull(s)) || closed) {
            s.cancel();
            return;
        }
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> item) {
        arrived.offer(item);
        signalReadable();
    }

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        arrived.offer(STOPPED);
        signalReadable();
    }

    @Override
    public void onComplete() {
        arrived.offer(END);
        signalReadable();
    }

    private void signalReadable() {
        Runnable callback = onReadable.getAndSet(null);
        if (callback != null) {
            callback.run();
        }
    }

    // ---------------------------------------------------------------- non-blocking readers

    /** Called by the reading thread only: whether a read now returns without waiting. */
    @Override
    public boolean readable() {
        return closed || ended || failure != null || (current != null && current.hasRemaining())
                || buffers.hasNext() || !arrived.isEmpty();
    }

    @Override
    public void whenReadable(Runnable callback) {
        onReadable.set(callback);
        // Data may have arrived between the caller's readable() and now: check after registering.
        if (closed || failure != null || !arrived.isEmpty()) {
            signalReadable();
        }
    }

    // ---------------------------------------------------------------- stream side (the reading thread)

    @Override
    public int read() throws IOException {
        ByteBuffer buffer = nextData();
        return buffer == null ? -1 : buffer.get() & 0xFF;
    }

    @Override
    public int read(byte[] bytes, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, bytes.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer buffer = nextData();
        if (buffer == null) {
            return -1;
        }
        int n = Math.min(len, buffer.remaining());
        buffer.get(bytes, off, n);
        return n;
    }

    @Override
    public int available() throws IOException {
        return current == null || closed ? 0 : current.remaining();
    }

    /** Returns a buffer with bytes left, waiting for one if needed; null at the end of the body. */
    private ByteBuffer nextData() throws IOException {
        while (current == null || !current.hasRemaining()) {
            checkOpen();
            if (ended) {
                return null;
            }
            if (buffers.hasNext()) {
                current = buffers.next();
                continue;
            }
            List<ByteBuffer> next = take();
            if (next == END) {
                ended = true;
                return null;
            }
            if (next == STOPPED) {
                checkOpen();
                throw new IOException("response body ended without being complete");
            }
            buffers = next.iterator();
            subscription.getNow(null).request(1); // the list was taken: room for the next one
        }
        checkOpen();
        return current;
    }

    private List<ByteBuffer> take() throws IOException {
        try {
            return arrived.take();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt(); // the caller, not this stream, decides what it means
            InterruptedIOException interrupted = new InterruptedIOException(
                    "interrupted while reading the response body");
            interrupted.initCause(e);
            throw interrupted;
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        Throwable failed = failure;
        if (failed != null) {
            throw failed instanceof IOException io ? new IOException(io.getMessage(), io) : new IOException(failed);
        }
    }

    /**
     * Abandons the body: cancels the subscription, which aborts the exchange unless it already
     * ended, and wakes a reader waiting for data. Safe from any thread, more than once.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Flow.Subscription s = subscription.getNow(null);
        if (s != null) {
            s.cancel();
        }
        arrived.offer(STOPPED);
        signalReadable();
    }
}
