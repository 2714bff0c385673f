package io.github.javaopenai.transport;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Spreads the HTTP/2 exchanges to one origin over as many connections as the server's stream limit
 * calls for, so that no request fails because a connection is full.
 *
 * <p>The JDK client keeps one HTTP/2 connection per origin and fails a request at once with
 * "too many concurrent streams" when the server's {@code SETTINGS_MAX_CONCURRENT_STREAMS} is
 * reached; it neither queues it nor opens another connection. Here each lane is a client of its
 * own, hence a connection of its own. A lane's limit is learned the first time the JDK refuses a
 * stream on it; that refusal happens while reserving a stream id, before a byte of the request is
 * written ({@code Http2Connection.reserveStream}), so sending the request on another lane is safe
 * for any method. A new lane carries one exchange until its first answer, by which time the
 * server's SETTINGS have arrived and the JDK knows the limit. When {@code maxLanes} lanes are
 * full, callers wait for a stream to end (up to the request's timeout): queued, never failed.
 */
final class ConnectionLanes {

    /** How often one request may be refused a stream and sent on another lane. */
    private static final int MAX_REDISPATCHES = 200;

    private final Supplier<HttpClient> newClient;
    private final int maxLanes;
    private final List<Lane> lanes = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean closed;

    /**
     * @param first the client of the first lane
     * @param newClient makes the client of each further lane; each must be closed by {@link #close}
     * @param maxLanes the most lanes (connections) to open; 1 to queue on {@code first} alone
     */
    ConnectionLanes(HttpClient first, Supplier<HttpClient> newClient, int maxLanes) {
        this.newClient = newClient;
        this.maxLanes = maxLanes;
        lanes.add(new Lane(first, false));
    }

    /** Sends one exchange; what it yields, for a response whose body must be closed to free its stream. */
    @FunctionalInterface
    interface Exchange {
        HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException;
    }

    /** A response holding a stream on a lane until {@code release} runs. */
    record Leased(HttpResponse<InputStream> response, Runnable release) {
    }

    Leased send(HttpRequest request, Exchange exchange) throws IOException, InterruptedException {
        long deadline = request.timeout().map(t -> System.nanoTime() + t.toNanos()).orElse(0L);
        Lane avoid = null;
        for (int attempt = 0; ; attempt++) {
            Lane lane = acquire(avoid, deadline, request);
            HttpResponse<InputStream> response;
            try {
                response = exchange.send(lane.client, request);
            } catch (IOException e) {
                boolean refused = refusedLocally(e);
                if (refused) {
                    lane.learnLimit();
                }
                lane.finishWarmUp();
                lane.release();
                if (!refused || attempt >= MAX_REDISPATCHES) {
                    throw e;
                }
                avoid = lane;
                continue;
            } catch (InterruptedException | RuntimeException | Error e) {
                lane.finishWarmUp();
                lane.release();
                throw e;
            }
            lane.finishWarmUp();
            return new Leased(response, lane::release);
        }
    }

    /**
     * Whether the stream was refused before the server processed anything: by the JDK at the
     * connection's limit, or by the server with REFUSED_STREAM ("Stream not processed"), which
     * RFC 9113 section 8.7 says is safe to send again.
     */
    private static boolean refusedLocally(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && ("too many concurrent streams".equals(t.getMessage())
                    || "Received RST_STREAM: Stream not processed".equals(t.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private Lane acquire(Lane avoid, long deadline, HttpRequest request) throws IOException, InterruptedException {
        Lane lane = tryAcquire(avoid);
        if (lane != null) {
            return lane;
        }
        lock.lock(); // guards only the choice and creation of a lane; no I/O happens under it
        try {
            while (true) {
                if (closed) {
                    throw new IOException("the transport was closed while this request waited for a connection");
                }
                lane = tryAcquire(avoid);
                if (lane != null) {
                    return lane;
                }
                boolean warming = lanes.stream().anyMatch(l -> !l.warm);
                if (!warming && lanes.size() < maxLanes) {
                    lane = new Lane(newClient.get(), true);
                    lane.active.set(1);
                    lanes.add(lane);
                    return lane;
                }
                avoid = null;
                if (deadline == 0) {
                    changed.await();
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new HttpTimeoutException("request timed out waiting for a free HTTP/2 stream: "
                                + request.method() + " " + request.uri());
                    }
                    changed.awaitNanos(left);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private Lane tryAcquire(Lane avoid) {
        for (Lane lane : lanes) {
            if (lane != avoid && lane.tryAcquire()) {
                return lane;
            }
        }
        return null;
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Returns the number of lanes opened so far. */
    int size() {
        return lanes.size();
    }

    /** Wakes waiting callers, which then fail, and returns the clients this made, to be closed. */
    List<HttpClient> close() {
        closed = true;
        signal();
        return lanes.stream().filter(lane -> lane.owned).map(lane -> lane.client).toList();
    }

    /** One client, hence one HTTP/2 connection per origin, and the streams open on it. */
    private final class Lane {
        final HttpClient client;
        final boolean owned;
        final AtomicInteger active = new AtomicInteger();
        volatile int limit = Integer.MAX_VALUE;
        volatile boolean warm;

        Lane(HttpClient client, boolean owned) {
            this.client = client;
            this.owned = owned;
        }

        boolean tryAcquire() {
            while (true) {
                int now = active.get();
                if (now >= (warm ? limit : 1)) {
                    return false;
                }
                if (active.compareAndSet(now, now + 1)) {
                    return true;
                }
            }
        }

        /**
         * Lowers the limit below the streams open now (this refused one included): more requests
         * may have been handed to the lane than the JDK had reserved, so this converges on the
         * server's limit from above within a burst, and a rare lower guess only opens a lane more.
         */
        void learnLimit() {
            int open = active.get() - 1;
            limit = Math.max(1, Math.min(limit, open));
        }

        void finishWarmUp() {
            if (!warm) {
                warm = true;
                signal();
            }
        }

        void release() {
            active.decrementAndGet();
            signal();
        }
    }
}
