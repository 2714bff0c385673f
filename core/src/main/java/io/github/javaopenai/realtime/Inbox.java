package io.github.javaopenai.realtime;

import io.github.javaopenai.errors.StreamTimeoutException;
import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Receives a session's WebSocket messages on the HTTP client's threads and hands them to the one
 * reader. Up to {@value #MAX_QUEUED} messages wait here; then it stops asking the WebSocket for
 * more until the reader catches up, so the server is held back by TCP instead of filling memory.
 * Reading a little ahead, rather than one message per request, keeps the JDK delivering messages
 * as they arrive while the reader works.
 *
 * <p>A limit of the JDK's WebSocket (17 to 25): when the connection ends without a close frame
 * right after a message arrived, the end can overtake that message, which is then never
 * delivered (the JDK reports an {@code InternalError} or an abnormal close instead). A close frame
 * never overtakes anything.
 */
final class Inbox implements WebSocket.Listener {

    /** The most messages waiting for the reader before the WebSocket is asked for no more. */
    static final int MAX_QUEUED = 32;

    /** The largest text message accepted, in characters; realtime events are far smaller. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

    sealed interface Item permits Message, Closed, Failed, Ended, TimedOut {
    }

    record Message(String text) implements Item {
    }

    record Closed(int code, String reason) implements Item {
    }

    record Failed(Throwable error) implements Item {
    }

    /** The user closed the session: iteration ends. */
    record Ended() implements Item {
    }

    /** Nothing came from the server within the idle timeout: the session was closed. */
    record TimedOut(StreamTimeoutException error) implements Item {
    }

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final StringBuilder parts = new StringBuilder();
    private volatile boolean draining;
    private volatile long lastReceived = System.nanoTime();
    private final ReentrantLock flow = new ReentrantLock();
    private int queued;
    private boolean paused;

    @Override
    public void onOpen(WebSocket webSocket) {
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        lastReceived = System.nanoTime();
        if (draining) {
            webSocket.request(1);
            return null;
        }
        parts.append(data);
        if (parts.length() > MAX_MESSAGE_CHARS) {
            items.add(new Failed(new IOException("a server message is longer than " + MAX_MESSAGE_CHARS + " characters")));
            webSocket.abort();
        } else if (last) {
            boolean more;
            flow.lock();
            try {
                more = ++queued < MAX_QUEUED;
                paused = !more;
            } finally {
                flow.unlock();
            }
            items.add(new Message(parts.toString()));
            parts.setLength(0);
            if (more) {
                webSocket.request(1);
            }
        } else {
            webSocket.request(1);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        lastReceived = System.nanoTime();
        if (!draining) {
            items.add(new Failed(new IOException("the server sent a binary message; realtime events are text")));
        }
        webSocket.abort();
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        // The JDK answers with a pong itself; a ping uses up the demand of one message, so restore it.
        lastReceived = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        lastReceived = System.nanoTime();
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        items.add(new Closed(statusCode, reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        items.add(new Failed(error));
    }

    /** Wakes the reader with the end of the session and lets the rest of the server's messages through unread. */
    void end(WebSocket webSocket) {
        end(webSocket, new Ended());
    }

    /** Queues the idle timeout after the messages that came before it, then lets the rest through unread. */
    void timedOut(WebSocket webSocket, StreamTimeoutException error) {
        end(webSocket, new TimedOut(error));
    }

    private void end(WebSocket webSocket, Item last) {
        draining = true;
        items.add(last);
        if (webSocket != null) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    /** Notes that the reader took a message, asking for more when the queue had filled up. */
    void taken(WebSocket webSocket) {
        boolean resume;
        flow.lock();
        try {
            queued--;
            resume = paused && queued < MAX_QUEUED;
            if (resume) {
                paused = false;
                lastReceived = System.nanoTime(); // the server was held back by us, not silent
            }
        } finally {
            flow.unlock();
        }
        if (resume) {
            webSocket.request(1);
        }
    }

    /** Returns the next item, waiting for it. */
    Item take() throws InterruptedException {
        return items.take();
    }

    /**
     * Returns for how long, in nanoseconds up to {@code now}, no frame of any kind came from the
     * server; 0 while the socket is not read because the reader is behind, since the server is
     * then held back rather than silent.
     */
    long silence(long now) {
        flow.lock();
        try {
            if (paused) {
                return 0;
            }
        } finally {
            flow.unlock();
        }
        return now - lastReceived;
    }
}
