package io.github.javaopenai.bench;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** Starts threads: virtual ones on JDKs that have them (21+), daemon platform threads elsewhere. */
final class Threads {

    private Threads() {
    }

    /** Returns whether the running JDK has virtual threads. */
    static boolean hasVirtualThreads() {
        return Runtime.version().feature() >= 21;
    }

    /** Returns an executor that runs each task on a new thread. */
    static ExecutorService perTask(String name) {
        if (hasVirtualThreads()) {
            try {
                return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create virtual threads", e);
            }
        }
        AtomicInteger count = new AtomicInteger();
        return Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
