package io.github.javaopenai.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Writes the figures of one run as Markdown: environment, targets, one table per scenario. */
final class Report {

    private Report() {
    }

    static String markdown(Results results, List<Target> targets, JmhResults jmh, List<String> environment,
            List<String> notes, String chartName) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("java-openai (THIS) against the official Java SDK `com.openai:openai-java` (OFFICIAL) and the\n")
                .append("floor of the JDK `HttpClient` plus one Jackson `readTree` per event (FLOOR), all talking to\n")
                .append("one loopback server in the same run: plain HTTP/1.1 with events packed back to back, and\n")
                .append("(the TLS sections) a TLS server speaking HTTP/2 and HTTP/1.1, with paced streams sending one\n")
                .append("event per TLS record as a model does. Every figure is the median of rounds the clients\n")
                .append("took in turns after warming up, with the minimum and maximum beside it. Absolute times on a\n")
                .append("shared machine are noise; compare the ratios, which come from the same run.\n\n");
        md.append("Written by `scripts/bench`; do not edit by hand, except below the marker at the end, whose\n")
                .append("hand-written sections `scripts/bench` keeps.\n\n");
        md.append("## Environment\n\n");
        environment.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\n## Targets\n\n| target | measured | verdict |\n|---|---|---|\n");
        for (Target target : targets) {
            md.append("| ").append(target.goal()).append(" | ").append(target.measured()).append(" | ")
                    .append(target.verdict()).append(" |\n");
        }
        if (chartName != null) {
            md.append("\n![relative figures](").append(chartName).append(".png)\n\n");
            md.append("([SVG](").append(chartName).append(".svg))\n");
        }
        Set<String> scenarios = new LinkedHashSet<>();
        results.figures().forEach(f -> scenarios.add(f.scenario()));
        for (String scenario : scenarios) {
            md.append("\n## ").append(scenario).append("\n\n");
            md.append("| figure | client | median | min | max | x FLOOR | x OFFICIAL |\n|---|---|--:|--:|--:|--:|--:|\n");
            for (Figure figure : results.figures()) {
                if (!figure.scenario().equals(scenario)) {
                    continue;
                }
                Stats s = figure.stats();
                String unit = figure.unit().isEmpty() ? "" : " " + figure.unit();
                md.append("| ").append(figure.metric()).append(" | ").append(figure.client())
                        .append(" | ").append(number(s.median())).append(unit)
                        .append(" | ").append(number(s.min())).append(" | ").append(number(s.max()))
                        .append(" | ").append(ratio(results, figure, "FLOOR"))
                        .append(" | ").append(ratio(results, figure, "OFFICIAL")).append(" |\n");
            }
        }
        if (jmh != null) {
            appendJmh(md, jmh);
        }
        if (!notes.isEmpty()) {
            md.append("\n## Notes\n\n");
            notes.forEach(note -> md.append("- ").append(note).append('\n'));
        }
        return md.toString();
    }

    private static void appendJmh(StringBuilder md, JmhResults jmh) {
        md.append("\n## JMH\n\n")
                .append("Score per operation (one whole stream) divided by the events per stream; allocation from\n")
                .append("`-prof gc` (`gc.alloc.rate.norm`), all threads of the benchmark JVM. JMH runs each client\n")
                .append("in its own fork, one after another, so a change of machine load between forks shows in\n")
                .append("the ratios (the ± column tells how much); the harness figures above take turns instead.\n")
                .append("`DecodeBenchmark` decodes a stream held in memory, without HTTP.\n\n")
                .append("| benchmark | client | µs per event | ± (99.9%) | bytes per event | x floor |\n")
                .append("|---|---|--:|--:|--:|--:|\n");
        for (JmhResults.Row row : jmh.rows()) {
            double floor = jmh.perEvent(row.benchmark(), "floor");
            md.append("| ").append(row.benchmark()).append(" | ").append(row.client())
                    .append(" | ").append(number(row.microsPerEvent()))
                    .append(" | ").append(Double.isNaN(row.errorMicros()) ? "-" : number(row.errorMicros() / row.events()))
                    .append(" | ").append(Double.isNaN(row.bytesPerOp()) ? "-" : number(row.bytesPerEvent()))
                    .append(" | ").append(Double.isNaN(floor) ? "-" : String.format(Locale.ROOT, "%.2fx",
                            row.microsPerEvent() / floor)).append(" |\n");
        }
    }

    private static String ratio(Results results, Figure figure, String against) {
        if (figure.client().equals(against)) {
            return "1.00x";
        }
        double other = results.median(figure.scenario(), figure.metric(), against);
        if (Double.isNaN(other) || other == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", figure.stats().median() / other);
    }

    /** Formats a number with three significant digits or so. */
    static String number(double value) {
        double abs = Math.abs(value);
        String format = abs >= 1000 ? "%,.0f" : abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : abs >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, format, value);
    }

    /** The line after which the report keeps what was written by hand, run after run. */
    static final String HAND_WRITTEN = "<!-- Hand-written sections follow; scripts/bench keeps everything below this line. -->";

    /**
     * Writes the report, keeping the hand-written sections (figures of benchmarks the harness does
     * not run) found below {@link #HAND_WRITTEN} in the file it replaces.
     */
    static void write(Path file, String markdown) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        String kept = "";
        if (Files.exists(file)) {
            String previous = Files.readString(file, StandardCharsets.UTF_8);
            int marker = previous.indexOf(HAND_WRITTEN);
            if (marker >= 0) {
                kept = previous.substring(marker + HAND_WRITTEN.length());
            }
        }
        Files.writeString(file, markdown + "\n" + HAND_WRITTEN + kept, StandardCharsets.UTF_8);
    }

    /** Describes the JDK, the machine and the load. */
    static List<String> environment(String command, String loadBefore) {
        List<String> lines = new ArrayList<>();
        lines.add("Date: " + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0));
        lines.add("JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        lines.add("Machine: " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch")
                + ", " + memory());
        lines.add("Load average (1, 5, 15 min) before the run: " + loadBefore + "; after: " + loadAverage());
        lines.add("Official SDK: com.openai:openai-java " + officialVersion() + " (OkHttp client, default settings)");
        lines.add("Command: `" + command + "`");
        return lines;
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return parts[0] + ", " + parts[1] + ", " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException | RuntimeException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024 / 1024 + " GiB RAM")
                    .findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String officialVersion() {
        for (Path jar : Classpath.officialSdk()) {
            String name = jar.getFileName().toString();
            if (name.startsWith("openai-java-core-")) {
                return name.substring("openai-java-core-".length(), name.length() - 4);
            }
        }
        return "unknown";
    }
}
