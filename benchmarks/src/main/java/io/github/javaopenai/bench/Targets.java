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
                    f("%.2f KB", kb), Double.isNaN(kb) ? null : kb <= 4));
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
        if (jmh != null) {
            for (String client : List.of("this-callback", "this-pull")) {
                double ratio = jmh.perEvent("StreamingBenchmark", client) / jmh.perEvent("StreamingBenchmark", "floor");
                targets.add(ratio("JMH (issue 3): " + client + " decode + parse per chat chunk at most 1.3x the floor",
                        ratio, 1.3, true));
            }
        }
        return targets;
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
