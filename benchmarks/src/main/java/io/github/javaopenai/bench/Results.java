package io.github.javaopenai.bench;

import java.util.List;
import java.util.Optional;

/** Looks figures up by scenario, metric and client. */
record Results(List<Figure> figures) {

    Optional<Figure> find(String scenario, String metric, String client) {
        return figures.stream().filter(f -> f.scenario().equals(scenario) && f.metric().equals(metric)
                && f.client().equals(client)).findFirst();
    }

    /** Returns the median of a figure, or NaN when it was not measured. */
    double median(String scenario, String metric, String client) {
        return find(scenario, metric, client).map(f -> f.stats().median()).orElse(Double.NaN);
    }

    /** Returns the first figure whose scenario starts with the prefix. */
    Optional<Figure> findByPrefix(String scenarioPrefix, String metric) {
        return figures.stream().filter(f -> f.scenario().startsWith(scenarioPrefix) && f.metric().equals(metric))
                .findFirst();
    }
}
