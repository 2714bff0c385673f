package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.EventStream;
import io.github.javaopenai.core.Messages;
import java.lang.management.ManagementFactory;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Streams many chat completions at once with this library, one virtual thread each (platform
 * threads before JDK 21), through one shared client. Run as {@code ManyStreams <baseUrl> <streams>
 * <eventsPerStream>}; prints a {@code RESULT} line with errors, seconds and heap figures.
 *
 * <p>Streams start five per millisecond: 10,000 simultaneous connects overflow the kernel's accept
 * queue of one loopback port ({@code net.core.somaxconn}) and wait for SYN retransmits, which
 * measures the machine rather than the client. Once every stream has received its first event,
 * a full collection measures the live heap with all of them open.
 */
public final class ManyStreams {

    private static final int STARTS_PER_MILLI = 5;

    private ManyStreams() {
    }

    /** Runs the streams and prints the result. */
    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        int streams = Integer.parseInt(args[1]);
        long expected = Payloads.expectedChars(Integer.parseInt(args[2]));
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>("none");
        AtomicInteger open = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(streams);
        CountDownLatch done = new CountDownLatch(streams);
        OpenAI client = OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy").build();
        System.gc();
        Meter.HeapSampler heap = new Meter.HeapSampler();
        long start = System.nanoTime();
        ExecutorService threads = Threads.perTask("stream");
        for (int i = 0; i < streams; i++) {
            if (i % STARTS_PER_MILLI == 0) {
                Thread.sleep(1);
            }
            threads.execute(() -> {
                boolean counted = false;
                try (EventStream events = client.streamChatCompletion(
                        List.of(Messages.user(BenchClient.USER)), Map.of("model", BenchClient.MODEL))) {
                    long chars = 0;
                    for (Iterator<JsonNode> it = events.iterator(); it.hasNext(); ) {
                        chars += Content.ofChunk(it.next());
                        if (!counted) {
                            counted = true;
                            open.incrementAndGet();
                            started.countDown();
                        }
                    }
                    if (chars != expected) {
                        throw new IllegalStateException("got " + chars + " content characters, expected " + expected);
                    }
                } catch (Throwable e) {
                    errors.incrementAndGet();
                    firstError.compareAndSet("none", e.toString().replace(' ', '_'));
                } finally {
                    if (counted) {
                        open.decrementAndGet();
                    } else {
                        started.countDown();
                    }
                    done.countDown();
                }
            });
        }
        started.await(5, TimeUnit.MINUTES);
        int openAtGc = open.get();
        System.gc();
        long liveAllOpen = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        boolean finished = done.await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        threads.shutdownNow();
        heap.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("streams", streams);
        result.put("finished", finished);
        result.put("errors", errors.get() + (finished ? 0 : (int) done.getCount()));
        result.put("firstError", firstError.get());
        result.put("seconds", seconds);
        result.put("peakHeapBytes", heap.peak());
        result.put("peakLiveHeapBytes", heap.peakAfterGc());
        result.put("openAtGc", openAtGc);
        result.put("liveHeapAllOpenBytes", liveAllOpen);
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.put("java", Runtime.version().feature());
        result.put("virtualThreads", Threads.hasVirtualThreads());
        ChildResult.print(result);
        System.exit(0);
    }
}
