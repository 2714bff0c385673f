package io.github.javaopenai.bench;

import io.github.javaopenai.OpenAI;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One client of the TLS scenarios, alone in its JVM with only its own jars on the class path:
 * {@code TlsClient floor|this-jdk|this-okhttp|official}. It reads one command per line from
 * standard input, runs it and answers one line, so that the harness can let the clients take
 * turns round by round while each keeps its JIT-warmed code, connections and threads:
 * <ul>
 *   <li>{@code streams URL COUNT CONCURRENCY EXPECTED_CHARS}: COUNT chat streams, CONCURRENCY at once;
 *   <li>{@code requests URL COUNT CONCURRENCY}: COUNT whole chat completions, CONCURRENCY at once.
 * </ul>
 * The answer is {@code OK cpuNanos wallNanos allocatedBytes failures p50Nanos p99Nanos}; a failure
 * is any exception or a wrong number of content characters, and is counted, never retried here.
 * Clients are built with retries off: what a server refuses shows up as a failure.
 */
public final class TlsClient {

    private final String kind;
    private final Map<String, BenchClient> clients = new HashMap<>();
    /** Threads that live as long as the process, so that JDK 17 keeps counting what they allocate. */
    private final ThreadPoolExecutor callers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 1, TimeUnit.HOURS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "caller");
                thread.setDaemon(true);
                return thread;
            });

    private TlsClient(String kind) {
        this.kind = kind;
    }

    public static void main(String[] args) throws Exception {
        TlsClient child = new TlsClient(args[0]);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            String answer;
            try {
                answer = child.run(line.split(" "));
            } catch (Exception e) {
                answer = "ERR " + e;
            }
            System.out.println(answer);
            System.out.flush();
        }
        for (BenchClient client : child.clients.values()) {
            client.close();
        }
        System.exit(0);
    }

    /** Creates the client of a kind, with retries off. */
    static BenchClient create(String kind, String baseUrl) {
        return switch (kind) {
            case "floor" -> FloorClient.negotiating(baseUrl);
            case "this-jdk" -> ThisClient.pull("THIS (JDK)", OpenAI.newBuilder().baseUrl(baseUrl).apiKey("sk-dummy")
                    .maxRetries(0).build());
            case "this-okhttp" -> OkHttpThisClient.create(baseUrl, 0);
            case "official" -> OfficialClient.withRetries(baseUrl, 0);
            default -> throw new IllegalArgumentException("unknown client " + kind
                    + "; expected floor, this-jdk, this-okhttp or official");
        };
    }

    private String run(String[] command) throws Exception {
        BenchClient client = clients.computeIfAbsent(command[1], url -> create(kind, url));
        int count = Integer.parseInt(command[2]);
        int concurrency = Integer.parseInt(command[3]);
        boolean streams = command[0].equals("streams");
        long expected = streams ? Long.parseLong(command[4]) : Payloads.ANSWER.length();
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(concurrency);
        Meter.Reading before = Meter.read();
        for (int c = 0; c < concurrency; c++) {
            callers.execute(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        try {
                            long chars = streams ? client.stream() : client.complete();
                            if (chars != expected) {
                                throw new IllegalStateException("received " + chars + " content characters, expected "
                                        + expected);
                            }
                        } catch (Throwable e) {
                            failures.incrementAndGet();
                            firstFailure.compareAndSet(null, e);
                        }
                        latencies[i] = System.nanoTime() - start;
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the round did not finish within 10 minutes");
        }
        Meter.Reading spent = Meter.read().minus(before);
        if (firstFailure.get() != null) {
            System.err.println(kind + ": " + failures.get() + " of " + count + " failed, first: " + firstFailure.get());
        }
        Arrays.sort(latencies);
        return String.format(Locale.ROOT, "OK %d %d %d %d %.0f %.0f", spent.cpuNanos(), spent.wallNanos(),
                spent.allocatedBytes(), failures.get(), Stats.percentile(latencies, 0.50),
                Stats.percentile(latencies, 0.99));
    }
}
