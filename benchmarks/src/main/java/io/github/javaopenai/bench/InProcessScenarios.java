package io.github.javaopenai.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The scenarios measured inside the harness JVM, every client in the same run, taking turns
 * round by round after each has warmed up, so that a change of machine load hits all of them.
 */
final class InProcessScenarios {

    private final Settings settings;
    private final ServerProcess server;
    private final List<Figure> figures;

    InProcessScenarios(Settings settings, ServerProcess server, List<Figure> figures) {
        this.settings = settings;
        this.server = server;
        this.figures = figures;
    }

    /** Streams chat completions: CPU, wall time and allocation per event. */
    void streaming() throws Exception {
        int events = settings.streamEvents();
        long expected = Payloads.expectedChars(events);
        Map<Clients, BenchClient> clients = open(Clients.STREAMING, "/e" + events);
        try {
            for (BenchClient client : clients.values()) {
                for (int i = 0; i < settings.streamWarmups(); i++) {
                    check(client, client.stream(), expected);
                }
            }
            Samples samples = new Samples();
            for (int round = 0; round < settings.streamRounds(); round++) {
                for (BenchClient client : inTurn(clients, round)) {
                    int streams = settings.streamsPerRound();
                    Meter.Reading before = Meter.read();
                    for (int i = 0; i < streams; i++) {
                        check(client, client.stream(), expected);
                    }
                    Meter.Reading spent = Meter.read().minus(before);
                    double total = (double) events * streams;
                    samples.add(client.name(), "CPU per event", spent.cpuNanos() / 1e3 / total);
                    samples.add(client.name(), "wall per event", spent.wallNanos() / 1e3 / total);
                    samples.add(client.name(), "allocation per event", spent.allocatedBytes() / 1024.0 / total);
                }
            }
            samples.addTo(figures, "Streaming", Map.of("CPU per event", "µs", "wall per event", "µs",
                    "allocation per event", "KB"));
        } finally {
            close(clients);
        }
    }

    /** Sends whole chat completions one after another: wall, CPU and allocation per request. */
    void sequential() throws Exception {
        long expected = Payloads.ANSWER.length();
        Map<Clients, BenchClient> clients = open(Clients.REQUESTS, "");
        try {
            for (BenchClient client : clients.values()) {
                for (int i = 0; i < settings.requestWarmups(); i++) {
                    check(client, client.complete(), expected);
                }
            }
            Samples samples = new Samples();
            int n = settings.requestsPerRound();
            for (int round = 0; round < settings.requestRounds(); round++) {
                for (BenchClient client : inTurn(clients, round)) {
                    Meter.Reading before = Meter.read();
                    for (int i = 0; i < n; i++) {
                        check(client, client.complete(), expected);
                    }
                    Meter.Reading spent = Meter.read().minus(before);
                    String name = requestLabel(client);
                    samples.add(name, "wall per request", spent.wallNanos() / 1e3 / n);
                    samples.add(name, "requests per second", n / (spent.wallNanos() / 1e9));
                    samples.add(name, "CPU per request", spent.cpuNanos() / 1e3 / n);
                    samples.add(name, "allocation per request", spent.allocatedBytes() / 1024.0 / n);
                }
            }
            samples.addTo(figures, "Sequential requests", Map.of("wall per request", "µs",
                    "requests per second", "1/s", "CPU per request", "µs", "allocation per request", "KB"));
        } finally {
            close(clients);
        }
    }

    /** Sends whole chat completions from many callers at once: p50 and p99 latency. */
    void concurrent() throws Exception {
        long expected = Payloads.ANSWER.length();
        Map<Clients, BenchClient> clients = open(Clients.REQUESTS, "");
        try {
            for (BenchClient client : clients.values()) {
                runConcurrently(client, Math.min(settings.concurrentRequests(), 500), expected);
            }
            Samples samples = new Samples();
            for (int round = 0; round < settings.concurrentRounds(); round++) {
                for (BenchClient client : inTurn(clients, round)) {
                    Meter.Reading before = Meter.read();
                    long[] latencies = runConcurrently(client, settings.concurrentRequests(), expected);
                    Meter.Reading spent = Meter.read().minus(before);
                    String name = requestLabel(client);
                    samples.add(name, "p50 latency", Stats.percentile(latencies, 0.50) / 1e6);
                    samples.add(name, "p99 latency", Stats.percentile(latencies, 0.99) / 1e6);
                    samples.add(name, "requests per second", latencies.length / (spent.wallNanos() / 1e9));
                    samples.add(name, "CPU per request", spent.cpuNanos() / 1e3 / latencies.length);
                }
            }
            samples.addTo(figures, settings.callers() + " concurrent callers", Map.of("p50 latency", "ms",
                    "p99 latency", "ms", "requests per second", "1/s", "CPU per request", "µs"));
        } finally {
            close(clients);
        }
    }

    private long[] runConcurrently(BenchClient client, int requests, long expected) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(settings.callers());
        for (int c = 0; c < settings.callers(); c++) {
            Thread caller = new Thread(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < requests && failure.get() == null; i = next.getAndIncrement()) {
                        long start = System.nanoTime();
                        long chars = client.complete();
                        latencies[i] = System.nanoTime() - start;
                        check(client, chars, expected);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "caller-" + c);
            caller.setDaemon(true);
            caller.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException(client.name() + " failed under concurrency", failure.get());
        }
        Arrays.sort(latencies);
        return latencies;
    }

    private static String requestLabel(BenchClient client) {
        return client.name().equals("THIS (callback)") ? "THIS" : client.name();
    }

    private Map<Clients, BenchClient> open(List<Clients> kinds, String prefix) {
        Map<Clients, BenchClient> clients = new LinkedHashMap<>();
        for (Clients kind : kinds) {
            clients.put(kind, kind.create(server.baseUrl(prefix)));
        }
        return clients;
    }

    private static void close(Map<Clients, BenchClient> clients) throws Exception {
        for (BenchClient client : clients.values()) {
            client.close();
        }
    }

    /** Returns the clients in a different order each round, so that none always goes first. */
    private static List<BenchClient> inTurn(Map<Clients, BenchClient> clients, int round) {
        List<BenchClient> order = new ArrayList<>(clients.values());
        java.util.Collections.rotate(order, round);
        return order;
    }

    private static void check(BenchClient client, long chars, long expected) {
        if (chars != expected) {
            throw new IllegalStateException(client.name() + " received " + chars
                    + " content characters, expected " + expected);
        }
    }

    /** Collects samples by client and metric, in first-seen order. */
    static final class Samples {
        private final Map<String, Map<String, List<Double>>> byClient = new LinkedHashMap<>();

        void add(String client, String metric, double value) {
            byClient.computeIfAbsent(client, c -> new LinkedHashMap<>())
                    .computeIfAbsent(metric, m -> new ArrayList<>()).add(value);
        }

        void addTo(List<Figure> figures, String scenario, Map<String, String> units) {
            byClient.forEach((client, metrics) -> metrics.forEach((metric, values) -> figures.add(new Figure(
                    scenario, metric, units.get(metric), client, new Stats(values),
                    !metric.equals("requests per second")))));
        }
    }
}
