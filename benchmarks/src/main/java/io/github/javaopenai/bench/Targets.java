package io.github.javaopenai.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Checks the figures of one run against the targets; every ratio uses medians. */
final class Targets {

    private Targets() {
    }

    static List<Target> check(Results r, String concurrentScenario, JmhResults jmh) {
        List<Target> targets = new ArrayList<>();
        String s = "Streaming";
        for (String client : List.of("THIS (callback)", "THIS (pull stream)")) {
            double cpu = r.median(s, "CPU per event", client);
            double floor = r.median(s, "CPU per event", "FLOOR");
            double official = r.median(s, "CPU per event", "OFFICIAL");
            targets.add(ratio("Streaming, " + client + ": CPU per event at most 1.3x FLOOR", cpu / floor, 1.3, true));
            targets.add(ratio("Streaming, " + client + ": CPU per event at most 1/3 of OFFICIAL",
                    cpu / official, 1 / 3.0, true));
            double kb = r.median(s, "allocation per event", client);
            targets.add(new Target("Streaming, " + client + ": allocation at most 4 KB per event",
                    Double.isNaN(kb) ? "not measured" : f("%.2f KB", kb), Double.isNaN(kb) ? null : kb <= 4));
        }
        double session = r.median(s, "CPU per event", "THIS (ChatSession text)");
        targets.add(ratio("Streaming, THIS (ChatSession text): CPU per event at or below FLOOR",
                session / r.median(s, "CPU per event", "FLOOR"), 1.0, true));
        String q = "Sequential requests";
        targets.add(ratio("Sequential: at least 1.4x OFFICIAL's requests per second",
                r.median(q, "requests per second", "THIS") / r.median(q, "requests per second", "OFFICIAL"), 1.4, false));
        targets.add(ratio("Sequential: CPU per request within 1.2x FLOOR's",
                r.median(q, "CPU per request", "THIS") / r.median(q, "CPU per request", "FLOOR"), 1.2, true));
        targets.add(ratio(concurrentScenario + ": p99 latency at most 1/3 of OFFICIAL's",
                r.median(concurrentScenario, "p99 latency", "THIS")
                        / r.median(concurrentScenario, "p99 latency", "OFFICIAL"), 1 / 3.0, true));
        String c = "Cold start";
        targets.add(ratio("Cold start: wall at most 0.6x OFFICIAL's",
                r.median(c, "wall", "THIS") / r.median(c, "wall", "OFFICIAL"), 0.6, true));
        targets.add(ratio("Cold start: peak RSS at most 0.7x OFFICIAL's",
                r.median(c, "peak RSS", "THIS") / r.median(c, "peak RSS", "OFFICIAL"), 0.7, true));
        double mb = r.median("Footprint", "runtime jars", "THIS");
        targets.add(new Target("Footprint: under 3 MB of runtime jars (core and all its runtime dependencies)",
                Double.isNaN(mb) ? "not measured" : f("%.2f MB", mb),
                Double.isNaN(mb) ? null : mb < 3));
        r.findByPrefix("", "errors").ifPresentOrElse(errors -> {
            double heap = r.median(errors.scenario(), "peak heap", "THIS");
            double live = r.median(errors.scenario(), "live heap, all streams open", "THIS");
            targets.add(new Target(errors.scenario() + " on virtual threads: no error in a 512 MiB heap"
                    + " (-Xmx512m, so this checks that they fit, not how much room is left)", f("%.0f errors; live heap with all streams open %.0f MiB,"
                    + " sampled peak %.0f MiB", errors.stats().median(), live, heap),
                    errors.stats().median() == 0 && live < 512 && heap <= 512));
        }, () -> targets.add(new Target("Concurrent streams on virtual threads", "not run", null)));
        r.findByPrefix("", "events").ifPresentOrElse(events -> {
            double heap = r.median(events.scenario(), "peak heap", "THIS");
            targets.add(new Target(events.scenario() + ": completes", f("%,.0f events, peak heap %.1f MiB",
                    events.stats().median(), heap), events.stats().median() > 0 && heap <= 64));
        }, () -> targets.add(new Target("Huge stream in a 64 MB heap", "not run", null)));
        r.findByPrefix("", "peak threads").ifPresentOrElse(threads -> {
            String client = r.figures().stream().filter(f -> f.scenario().equals(threads.scenario())
                    && f.client().startsWith("THIS async")).map(Figure::client).findFirst().orElse("THIS async");
            double peak = r.median(threads.scenario(), "peak threads", client);
            double failed = r.median(threads.scenario(), "failed calls", client);
            targets.add(new Target(threads.scenario() + ", " + client + ": every call succeeds on at most 64 threads",
                    f("%.0f failed, peak %.0f threads", failed, peak), failed == 0 && peak <= 64));
        }, () -> targets.add(new Target("Async calls in flight", "not run", null)));
        tls(r, targets);
        String cli = "Command line start";
        double start = r.median(cli, "wall", "java-openai chat hi (offline)") / r.median(cli, "wall", "java -version");
        targets.add(ratio("Command line: offline `java-openai chat hi` within 10x the wall of `java -version`"
                + " (medians of " + CliStart.ROUNDS + " interleaved runs)", start, CliStart.TARGET_RATIO, true));
        if (jmh != null) {
            for (String client : List.of("this-callback", "this-pull")) {
                double ratio = jmh.perEvent("StreamingBenchmark", client) / jmh.perEvent("StreamingBenchmark", "floor");
                targets.add(ratio("JMH: " + client + " decode + parse per chat chunk at most 1.3x the floor",
                        ratio, 1.3, true));
            }
        }
        return targets;
    }

    /** The TLS targets, each naming its protocol and transport; THIS (JDK) is the default transport. */
    private static void tls(Results r, List<Target> targets) {
        for (String protocol : List.of("TLS h2", "TLS HTTP/1.1")) {
            String paced = protocol + ": paced streaming";
            String packed = protocol + ": packed streaming";
            if (r.find(paced, "CPU per event", "OFFICIAL").isEmpty()) {
                targets.add(new Target(protocol + " scenarios", "not run", null));
                continue;
            }
            for (String client : List.of("THIS (JDK)", "THIS (OkHttp)")) {
                targets.add(ratio(paced + ", " + client + ": CPU per event at most 0.5x OFFICIAL",
                        r.median(paced, "CPU per event", client) / r.median(paced, "CPU per event", "OFFICIAL"), 0.5, true));
            }
            targets.add(ratio(packed + ", THIS (JDK): CPU per event at most 1/3 of OFFICIAL",
                    r.median(packed, "CPU per event", "THIS (JDK)") / r.median(packed, "CPU per event", "OFFICIAL"),
                    1 / 3.0, true));
            for (String scenario : List.of(paced, packed)) {
                double kb = r.median(scenario, "allocation per event", "THIS (JDK)");
                targets.add(new Target(scenario + ", THIS (JDK): allocation at most 4 KB per event",
                        Double.isNaN(kb) ? "not measured" : f("%.2f KB", kb), Double.isNaN(kb) ? null : kb <= 4));
            }
        }
        String sequential = "TLS h2: sequential requests";
        targets.add(ratio(sequential + ", THIS (JDK): allocation per request no more than OFFICIAL's",
                r.median(sequential, "allocation per request", "THIS (JDK)")
                        / r.median(sequential, "allocation per request", "OFFICIAL"), 1.0, true));
        String many = "TLS h2: 256 callers, " + TlsScenarios.MAX_STREAMS + " streams per connection";
        for (String client : List.of("THIS (JDK)", "THIS (OkHttp)")) {
            double failed = r.find(many, "failed requests", client).map(fig -> fig.stats().max()).orElse(Double.NaN);
            double p99 = r.median(many, "p99 latency", client) / r.median(many, "p99 latency", "OFFICIAL");
            targets.add(new Target(many + ", " + client + ", retries off: no request fails, p99 no worse than OFFICIAL's",
                    Double.isNaN(failed) ? "not measured" : f("%.0f failed in the worst round; p99 %.2fx", failed, p99),
                    Double.isNaN(failed) || Double.isNaN(p99) ? null : failed == 0 && p99 <= 1.0));
        }
    }

    private static Target ratio(String goal, double ratio, double limit, boolean atMost) {
        if (Double.isNaN(ratio)) {
            return new Target(goal, "not measured", null);
        }
        return new Target(goal, f("%.2fx", ratio), atMost ? ratio <= limit : ratio >= limit);
    }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
