package io.github.javaopenai.transport;

/**
 * A response body that says when a read would return at once, so that an async reader can wait
 * for data without holding a thread. {@link JdkHttpTransport}'s streamed bodies implement it; a
 * reader of a body that does not may block in {@code read} until data arrives.
 *
 * @since 0.1
 */
public interface NonBlockingBody {

    /** Returns whether the next read returns without waiting: data, the end, or a failure is there. */
    boolean readable();

    /**
     * Runs {@code callback} once, soon after a read would return without waiting, at once when it
     * already would. It may run on a transport thread, such as an HTTP client's selector thread:
     * it must only hand work on, never block or run user code.
     */
    void whenReadable(Runnable callback);
}
