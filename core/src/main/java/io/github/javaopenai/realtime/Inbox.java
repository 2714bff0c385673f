package io.github.javaopenai.realtime;

import java.io.IOException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Receives a session's WebSocket messages on the HTTP client's threads and hands them to the one
 * reader. It asks the WebSocket for the next message only once the reader has taken the previous
 * one, so at most one message waits here whatever the server sends: no unbounded buffer.
 */
final class Inbox implements WebSocket.Listener {

    /** The largest text message accepted, in characters; realtime events are far smaller. */
    static final int MAX_MESSAGE_CHARS = 16 * 1024 * 1024;

    sealed interface Item permits Message, Closed, Failed, Ended {
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

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final StringBuilder parts = new StringBuilder();
    private volatile boolean draining;
    private volatile long lastReceived = System.nanoTime();

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
            items.add(new Message(parts.toString()));
            parts.setLength(0);
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
        draining = true;
        items.add(new Ended());
        if (webSocket != null) {
            webSocket.request(Long.MAX_VALUE);
        }
    }

    /** Returns the next item, or null when none came within the wait. */
    Item poll(Duration wait) throws InterruptedException {
        return items.poll(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Returns when the last frame of any kind arrived, from {@link System#nanoTime()}. */
    long lastReceived() {
        return lastReceived;
    }
}
