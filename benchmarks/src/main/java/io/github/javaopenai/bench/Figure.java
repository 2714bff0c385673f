package io.github.javaopenai.bench;

/**
 * One measured figure of one client.
 *
 * @param scenario the scenario's title, such as "Streaming"
 * @param metric what was measured, such as "CPU per event"
 * @param unit the unit of the samples, such as "µs"
 * @param client the client's label
 * @param stats the samples
 * @param lowerIsBetter whether smaller values are better
 */
record Figure(String scenario, String metric, String unit, String client, Stats stats, boolean lowerIsBetter) {
}
