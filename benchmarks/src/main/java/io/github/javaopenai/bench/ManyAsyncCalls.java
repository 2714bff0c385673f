package io.github.javaopenai.bench;

import io.github.javaopenai.OpenAI;
import io.github.javaopenai.core.ApiResponse;
import io.github.javaopenai.core.Messages;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Puts many chat completions in flight at once through {@code client.async()}, from one thread,
 * against a {@link LoopbackServer} in a child process that holds each answer 300 ms. Run as
 * {@code ManyAsyncCalls [calls] [holdMillis] [async|blocking]} (defaults 2,000, 300 and async;
 * {@code blocking} makes the same calls with the blocking client, one platform thread each on JDK 17); prints a {@code RESULT}
 * line with the successes, the peak number of calls in flight, the JVM's peak thread count
 * ({@link ThreadMXBean#getPeakThreadCount()}, the JVM's own threads included) and the heap.
 *
 * <p>Every call is sent before the first answer can arrive, so all of them are in flight at once;
 * the question is how many threads that takes. The blocking client needs one per call.
 */
public final class ManyAsyncCalls {

    private ManyAsyncCalls() {
    }

    /** Runs the calls and prints the result. */
    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int hold = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        boolean blocking = args.length > 2 && args[2].equals("blocking");
        try (ServerProcess server = ServerProcess.start(Settings.javaOfThisJvm(), System.getProperty("java.class.path"))) {
            run(server.baseUrl("/h" + hold), calls, hold, blocking);
        }
        System.exit(0);
    }

    private static void run(String baseUrl, int calls, int hold, boolean blocking) throws Exception {
        OpenAI client = OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy").build();
        warmUp(client);
        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        Meter.HeapSampler heap = new Meter.HeapSampler();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peakInFlight = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>("none");
        CompletableFuture<?>[] futures = new CompletableFuture<?>[calls];
        java.util.concurrent.ExecutorService perCall = blocking ? Threads.perTask("blocking-call") : null;
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            futures[i] = call(client, blocking, perCall).whenComplete((response, error) -> {
                        inFlight.decrementAndGet();
                        if (error == null && response.status() == 200 && Content.ofCompletion(response.body()) > 0) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstError.compareAndSet("none", String.valueOf(error != null ? error
                                    : "status " + response.status()).replace(' ', '_'));
                        }
                    });
        }
        long sentNanos = System.nanoTime() - start;
        Thread.sleep(Math.min(hold / 2, 1000)); // the calls are in flight: see which threads hold them
        String threadsInFlight = threadsByName();
        boolean finished;
        try {
            CompletableFuture.allOf(futures).exceptionally(e -> null).get(5, TimeUnit.MINUTES);
            finished = true;
        } catch (java.util.concurrent.TimeoutException e) {
            finished = false;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        heap.close();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", blocking ? "blocking" : "async");
        result.put("calls", calls);
        result.put("holdMillis", hold);
        result.put("finished", finished);
        result.put("succeeded", ok.get());
        result.put("failed", failed.get());
        result.put("firstError", firstError.get());
        result.put("peakInFlight", peakInFlight.get());
        result.put("sendLoopMillis", sentNanos / 1_000_000);
        result.put("seconds", seconds);
        result.put("peakThreads", threads.getPeakThreadCount());
        result.put("threadsWhileInFlight", threadsInFlight);
        result.put("peakHeapBytes", heap.peak());
        result.put("maxHeapBytes", Runtime.getRuntime().maxMemory());
        result.put("java", Runtime.version().feature());
        ChildResult.print(result);
    }

    /** One call: through client.async(), or the blocking call on a thread of its own for comparison. */
    private static CompletableFuture<ApiResponse> call(OpenAI client, boolean blocking,
            java.util.concurrent.ExecutorService perCall) {
        List<?> messages = List.of(Messages.user(BenchClient.USER));
        Map<String, ?> options = Map.of("model", BenchClient.MODEL);
        if (blocking) {
            return CompletableFuture.supplyAsync(() -> client.createChatCompletion(messages, options), perCall);
        }
        return client.async().createChatCompletion(messages, options);
    }

    /** Returns the live threads counted by name, digits dropped: {@code HttpClient-#-SelectorManager:1,...}. */
    private static String threadsByName() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            counts.merge(thread.getName().replaceAll("[0-9]+", "#").replace(' ', '_'), 1, Integer::sum);
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) -> text.append(text.length() == 0 ? "" : ",").append(name).append(':').append(count));
        return text.toString();
    }

    /** Loads the classes and opens a few connections, so that the figures are those of the load. */
    private static void warmUp(OpenAI client) throws Exception {
        CompletableFuture<?>[] warm = new CompletableFuture<?>[8];
        for (int i = 0; i < warm.length; i++) {
            warm[i] = client.async().createChatCompletion(List.of(Messages.user(BenchClient.USER)),
                    Map.of("model", BenchClient.MODEL)).thenApply(ApiResponse::orThrow);
        }
        CompletableFuture.allOf(warm).get(30, TimeUnit.SECONDS);
    }
}
