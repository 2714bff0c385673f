package io.github.javaopenai.testkit.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs many concurrent streaming requests against a fault server and checks that nothing leaked:
 * threads, server-side connections, file descriptors.
 *
 * <p>Each stream sends its first event, then waits until every stream has sent its first event
 * before finishing, so all of them are open at the same moment; the wait is bounded.
 */
final class StreamingLoad {

    static final int STREAMS = 1000;

    /** What one run saw. */
    record Figures(int streams, int peakConnections, int threadsBefore, int threadsAfter, Set<String> newThreads,
            long fdsBefore, long fdsAfter, Duration elapsed) {
    }

    private StreamingLoad() {
    }

    static Figures run(ExecutorService callers) throws Exception {
        CountDownLatch allStarted = new CountDownLatch(STREAMS);
        Fault gated = exchange -> {
            exchange.writeHead(200, Map.of("Content-Type", "text/event-stream", "Transfer-Encoding", "chunked"), -1);
            exchange.writeChunk("data: {\"n\":1}\n\n");
            allStarted.countDown();
            boolean all = awaitQuietly(allStarted);
            exchange.writeChunk(all ? "data: {\"n\":2}\n\n" : "data: {\"n\":-1}\n\n");
            exchange.writeChunk("data: [DONE]\n\n");
            exchange.endChunks();
        };
        try (FaultServer server = FaultServer.start(gated)) {
            OpenAI client = OpenAI.newBuilder().apiKey("sk-load").baseUrl(server.baseUrl()).maxRetries(0).build();
            warmUp(client);
            int threadsBefore = settledThreads(Integer.MAX_VALUE);
            Set<String> namesBefore = new java.util.TreeSet<>(countedThreads());
            long fdsBefore = openFileDescriptors();
            long start = System.nanoTime();
            List<Future<List<Integer>>> results = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                results.add(callers.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    ApiResponse response = client.createChatCompletion(List.of(Messages.user("hi")), Map.of(),
                            event -> seen.add(event.get("n").asInt()));
                    assertThat(response.status()).isEqualTo(200);
                    return seen;
                }));
            }
            for (Future<List<Integer>> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).containsExactly(1, 2);
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            callers.shutdown();
            assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(server.requests()).hasSize(STREAMS);
            waitFor(() -> server.openConnections() == 0);
            assertThat(server.openConnections()).as("server-side open connections").isZero();
            int threadsAfter = settledThreads(threadsBefore);
            Set<String> newThreads = new java.util.TreeSet<>(countedThreads());
            newThreads.removeAll(namesBefore);
            long fdsAfter = openFileDescriptors();
            return new Figures(STREAMS, server.peakConnections(), threadsBefore, threadsAfter, newThreads, fdsBefore,
                    fdsAfter, elapsed);
        }
    }

    private static void warmUp(OpenAI client) throws Exception {
        // One stream through the same transport starts the JDK client's selector thread and the
        // idle watchdog, which live as long as the client, before the threads are counted.
        try (FaultServer warm = FaultServer.start(Faults.sse(List.of("{\"n\":0}")))) {
            client.toBuilder().baseUrl(warm.baseUrl()).build()
                    .createChatCompletion(List.of(Messages.user("warm")), Map.of(), event -> { });
        }
    }

    /**
     * Returns the live thread count, leaving out two pools the JDK owns and keeps warm by design:
     * the HTTP client's workers (idle for a minute) and the virtual-thread scheduler's carriers;
     * waits up to ten seconds for the count to drop to {@code target}.
     */
    static int settledThreads(int target) throws InterruptedException {
        int count = countedThreads().size();
        for (int i = 0; i < 100 && count > target; i++) {
            Thread.sleep(100);
            count = countedThreads().size();
        }
        if (target == Integer.MAX_VALUE) {
            Thread.sleep(500);
            count = countedThreads().size();
        }
        return count;
    }

    /** Returns the names of the live threads counted, one entry per thread (names repeat). */
    static List<String> countedThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> !(name.startsWith("HttpClient-") && name.contains("-Worker-")))
                .filter(name -> !(name.startsWith("ForkJoinPool-") && name.contains("-worker-")))
                .filter(name -> !name.equals("VirtualThread-unblocker"))
                .collect(Collectors.toList());
    }

    static long openFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getOpenFileDescriptorCount();
        }
        return -1;
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            Thread.sleep(100);
        }
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
