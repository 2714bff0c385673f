package io.github.javaopenai.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON results JMH writes with {@code -rf json}, scaled per event. */
final class JmhResults {

    /**
     * One benchmark result.
     *
     * @param benchmark the benchmark class's simple name
     * @param client the {@code client} parameter
     * @param events the {@code events} parameter: events per operation
     * @param microsPerOp the score, µs per operation
     * @param errorMicros the score's 99.9% error, µs per operation
     * @param bytesPerOp allocation per operation from {@code -prof gc}, or NaN
     */
    record Row(String benchmark, String client, int events, double microsPerOp, double errorMicros, double bytesPerOp) {
        double microsPerEvent() {
            return microsPerOp / events;
        }

        double bytesPerEvent() {
            return bytesPerOp / events;
        }
    }

    private final List<Row> rows;

    private JmhResults(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    static JmhResults read(Path json) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : Payloads.MAPPER.readTree(json.toFile())) {
            String benchmark = result.path("benchmark").asText();
            String simple = benchmark.substring(0, benchmark.lastIndexOf('.'));
            simple = simple.substring(simple.lastIndexOf('.') + 1);
            JsonNode primary = result.path("primaryMetric");
            JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
            rows.add(new Row(simple, result.path("params").path("client").asText(),
                    result.path("params").path("events").asInt(1), primary.path("score").asDouble(),
                    primary.path("scoreError").asDouble(Double.NaN),
                    alloc.isMissingNode() ? Double.NaN : alloc.path("score").asDouble()));
        }
        return new JmhResults(rows);
    }

    List<Row> rows() {
        return rows;
    }

    /** Returns µs per event of a benchmark's client, or NaN when absent. */
    double perEvent(String benchmark, String client) {
        return rows.stream().filter(r -> r.benchmark().equals(benchmark) && r.client().equals(client))
                .mapToDouble(Row::microsPerEvent).findFirst().orElse(Double.NaN);
    }
}
