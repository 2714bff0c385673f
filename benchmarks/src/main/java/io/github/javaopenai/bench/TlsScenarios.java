package io.github.javaopenai.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The scenarios over TLS, against {@link TlsServer} in a process of its own: HTTP/2 (with a limit
 * of concurrent streams per connection) and HTTP/1.1. Each client runs in a JVM of its own
 * ({@link TlsClient}) with only its jars, retries off; the clients take turns round by round,
 * the order rotating, after one warm-up round each.
 */
final class TlsScenarios {

    /** The clients compared, by the id {@link TlsClient} knows them by, and their labels. */
    private static final Map<String, String> CLIENTS = new LinkedHashMap<>();

    static {
        CLIENTS.put("floor", "FLOOR");
        CLIENTS.put("this-jdk", "THIS (JDK)");
        CLIENTS.put("this-okhttp", "THIS (OkHttp)");
        CLIENTS.put("official", "OFFICIAL");
    }

    /** The pause between the events of a paced stream, as a model's tokens come out. */
    static final int PACE_MILLIS = 1;

    /** The HTTP/2 server's SETTINGS_MAX_CONCURRENT_STREAMS: a common default. */
    static final int MAX_STREAMS = 100;

    private final TlsSettings settings;
    private final List<Figure> figures;
    private final List<String> notes;

    TlsScenarios(TlsSettings settings, List<Figure> figures, List<String> notes) {
        this.settings = settings;
        this.figures = figures;
        this.notes = notes;
    }

    /** Runs every TLS scenario, HTTP/2 first. */
    void run() throws Exception {
        TlsCertificate certificate = TlsCertificate.create();
        List<String> serverCommand = List.of(Settings.javaOfThisJvm(), "-Xms256m", "-cp",
                Classpath.join(Classpath.entries()), TlsServer.class.getName(), certificate.keyStore().toString(),
                TlsCertificate.PASSWORD, Integer.toString(MAX_STREAMS));
        try (ServerProcess server = ServerProcess.start(serverCommand, "PORTS ")) {
            Map<String, Child> children = new LinkedHashMap<>();
            try {
                for (String id : CLIENTS.keySet()) {
                    children.put(id, Child.start(id, certificate));
                }
                for (boolean h2 : new boolean[] {true, false}) {
                    String base = "https://127.0.0.1:" + server.ports().get(h2 ? 0 : 1);
                    scenarios(children, h2 ? "TLS h2" : "TLS HTTP/1.1", base);
                }
            } finally {
                for (Child child : children.values()) {
                    child.close();
                }
            }
        }
        notes.add(String.format("TLS scenarios: a Jetty server in a process of its own, certificate made by keytool"
                + " at the start of the run, one port offering h2 and http/1.1 through ALPN (at most %d"
                + " concurrent streams per HTTP/2 connection), one port speaking HTTP/1.1 only. Each client runs"
                + " in a JVM of its own with only its jars, retries off; FLOOR is the JDK HttpClient negotiating"
                + " HTTP/2. Paced streams write each event in its own TLS record, %d ms apart (the /p path"
                + " prefix), %d streams at once."
                + " THIS sends event streams over an HTTP/1.1 connection of their own on both transports, so its"
                + " streams over the h2 port are HTTP/1.1 streams (see the transport's documentation).",
                MAX_STREAMS, PACE_MILLIS, settings.pacedConcurrency()));
    }

    private void scenarios(Map<String, Child> children, String protocol, String base) throws Exception {
        int events = settings.packedEvents();
        streams(children, protocol + ": packed streaming", base + "/e" + events + "/v1", events,
                settings.packedStreams(), 1);
        int paced = settings.pacedEvents();
        streams(children, protocol + ": paced streaming", base + "/e" + paced + "/p" + PACE_MILLIS + "/v1", paced,
                settings.pacedStreams(), settings.pacedConcurrency());
        requests(children, protocol + ": sequential requests", base + "/v1", settings.sequential(), 1);
        requests(children, protocol + ": 32 callers", base + "/v1", settings.callerRequests(), 32);
        String many = protocol.equals("TLS h2") ? protocol + ": 256 callers, " + MAX_STREAMS + " streams per connection"
                : protocol + ": 256 callers";
        requests(children, many, base + "/v1", settings.manyCallerRequests(), 256);
    }

    private void streams(Map<String, Child> children, String scenario, String url, int events, int count,
            int concurrency) throws Exception {
        String command = "streams " + url + " " + count + " " + concurrency + " " + Payloads.expectedChars(events);
        InProcessScenarios.Samples samples = new InProcessScenarios.Samples();
        measure(children, command, (label, r) -> {
            double total = (double) events * count;
            samples.add(label, "CPU per event", r.cpuNanos() / 1e3 / total);
            samples.add(label, "wall per event", r.wallNanos() / 1e3 / total);
            samples.add(label, "allocation per event", r.allocatedBytes() / 1024.0 / total);
            samples.add(label, "failed streams", r.failures());
        });
        samples.addTo(figures, scenario, Map.of("CPU per event", "µs", "wall per event", "µs",
                "allocation per event", "KB", "failed streams", ""));
    }

    private void requests(Map<String, Child> children, String scenario, String url, int count, int concurrency)
            throws Exception {
        String command = "requests " + url + " " + count + " " + concurrency;
        InProcessScenarios.Samples samples = new InProcessScenarios.Samples();
        measure(children, command, (label, r) -> {
            if (concurrency == 1) {
                samples.add(label, "wall per request", r.wallNanos() / 1e3 / count);
                samples.add(label, "CPU per request", r.cpuNanos() / 1e3 / count);
                samples.add(label, "allocation per request", r.allocatedBytes() / 1024.0 / count);
            } else {
                samples.add(label, "p50 latency", r.p50Nanos() / 1e6);
                samples.add(label, "p99 latency", r.p99Nanos() / 1e6);
                samples.add(label, "CPU per request", r.cpuNanos() / 1e3 / count);
            }
            samples.add(label, "failed requests", r.failures());
        });
        samples.addTo(figures, scenario, Map.of("wall per request", "µs", "CPU per request", "µs",
                "allocation per request", "KB", "p50 latency", "ms", "p99 latency", "ms", "failed requests", ""));
    }

    private interface Sink {
        void add(String label, Reply reply);
    }

    private void measure(Map<String, Child> children, String command, Sink sink) throws Exception {
        System.out.println("  " + command);
        for (int i = 0; i < settings.warmups(); i++) {
            for (Child child : children.values()) {
                child.run(command);
            }
        }
        List<String> order = new ArrayList<>(children.keySet());
        for (int round = 0; round < settings.rounds(); round++) {
            for (String id : order) {
                sink.add(CLIENTS.get(id), children.get(id).run(command));
            }
            Collections.rotate(order, 1);
        }
    }

    /** One reply of a {@link TlsClient}. */
    record Reply(long cpuNanos, long wallNanos, long allocatedBytes, long failures, double p50Nanos, double p99Nanos) {
        static Reply parse(String line) {
            String[] p = line.split(" ");
            return new Reply(Long.parseLong(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]), Long.parseLong(p[4]),
                    Double.parseDouble(p[5]), Double.parseDouble(p[6]));
        }
    }

    /** A {@link TlsClient} process. */
    private static final class Child implements AutoCloseable {
        private final String id;
        private final Process process;
        private final BufferedReader out;
        private final PrintWriter in;

        private Child(String id, Process process) {
            this.id = id;
            this.process = process;
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        static Child start(String id, TlsCertificate certificate) throws IOException {
            List<String> command = new ArrayList<>(List.of(Settings.javaOfThisJvm(), "-Xms512m", "-Xmx512m"));
            command.addAll(certificate.trustOptions());
            command.addAll(List.of("-cp", Classpath.join(classpath(id)), TlsClient.class.getName(), id));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            Child child = new Child(id, process);
            String ready = child.out.readLine();
            if (!"READY".equals(ready)) {
                child.close();
                throw new IOException("client " + id + " did not start: " + ready);
            }
            return child;
        }

        private static List<Path> classpath(String id) {
            List<Path> jars = new ArrayList<>();
            jars.add(Classpath.harness());
            switch (id) {
                case "floor" -> jars.addAll(Classpath.jackson());
                case "this-jdk" -> jars.addAll(Classpath.thisLibrary());
                case "this-okhttp" -> {
                    jars.addAll(Classpath.thisLibrary());
                    jars.addAll(Classpath.okHttpTransport());
                }
                case "official" -> jars.addAll(Classpath.officialSdk());
                default -> throw new IllegalArgumentException(id);
            }
            return jars;
        }

        Reply run(String command) throws IOException {
            in.println(command);
            String line = out.readLine();
            if (line == null || !line.startsWith("OK ")) {
                throw new IOException("client " + id + " failed on `" + command + "`: " + line);
            }
            return Reply.parse(line);
        }

        @Override
        public void close() throws IOException {
            in.println("quit");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
