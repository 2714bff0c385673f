package io.github.javaopenai.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The samples of one figure for one client, with their minimum, median and maximum.
 *
 * @param samples one value per round, in the figure's unit
 */
record Stats(List<Double> samples) {

    Stats {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one sample");
        }
    }

    double min() {
        return sorted()[0];
    }

    double max() {
        double[] sorted = sorted();
        return sorted[sorted.length - 1];
    }

    double median() {
        double[] sorted = sorted();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private double[] sorted() {
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(values);
        return values;
    }

    /** Returns the value at quantile {@code q} (0..1) of sorted nanosecond latencies. */
    static double percentile(long[] sortedNanos, double q) {
        int index = (int) Math.ceil(q * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))];
    }
}
