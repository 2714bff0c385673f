package io.github.javaopenai.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams many chat completions at once with this library, one virtual thread each (platform
 * threads before JDK 21), through one shared client. Run as {@code ManyStreams <baseUrl> <streams>
 * <eventsPerStream>}; prints a {@code RESULT} line with errors, seconds and peak heap.
 */
public final class ManyStreams {

    private ManyStreams() {
    }

    /** Runs the streams and prints the result. */
    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int streams = Integer.parseInt(args[1]);
        long expected = Payloads.expectedChars(Integer.parseInt(args[2]));
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>("none");
        AtomicLong chars = new AtomicLong();
        CountDownLatch done = new CountDownLatch(streams);
        try (BenchClient client = Clients.THIS_PULL.create(baseUrl)) {
            System.gc();
            Meter.resetPeakHeap();
            long start = System.nanoTime();
            ExecutorService threads = Threads.perTask("stream");
            for (int i = 0; i < streams; i++) {
                threads.execute(() -> {
                    try {
                        long got = client.stream();
                        chars.addAndGet(got);
                        if (got != expected) {
                            throw new IllegalStateException("got " + got + " content characters, expected " + expected);
                        }
                    } catch (Throwable e) {
                        errors.incrementAndGet();
                        firstError.compareAndSet("none", e.toString().replace(' ', '_'));
                    } finally {
                        done.countDown();
                    }
                });
            }
            boolean finished = done.await(10, TimeUnit.MINUTES);
            double seconds = (System.nanoTime() - start) / 1e9;
            threads.shutdownNow();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("streams", streams);
            result.put("finished", finished);
            result.put("errors", errors.get());
            result.put("firstError", firstError.get());
            result.put("seconds", seconds);
            result.put("peakHeapBytes", Meter.peakHeap());
            result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
            result.put("java", Runtime.version().feature());
            result.put("virtualThreads", Threads.hasVirtualThreads());
            ChildResult.print(result);
        }
        System.exit(0);
    }
}
