package io.github.javaopenai.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.style.Styler;

/** Draws each client's key figures relative to the floor, as PNG and SVG, with XChart. */
final class Chart {

    /** One bar group: a figure of the three clients. */
    private record Group(String label, String scenario, String metric, String thisClient) { }

    private static final List<Group> GROUPS = List.of(
            new Group("stream CPU", "Streaming", "CPU per event", "THIS (callback)"),
            new Group("stream alloc.", "Streaming", "allocation per event", "THIS (callback)"),
            new Group("request wall", "Sequential requests", "wall per request", "THIS"),
            new Group("request CPU", "Sequential requests", "CPU per request", "THIS"),
            new Group("p99 (32 callers)", null, "p99 latency", "THIS"),
            new Group("cold wall", "Cold start", "wall", "THIS"),
            new Group("cold RSS", "Cold start", "peak RSS", "THIS"));

    private Chart() {
    }

    /** Writes {@code <base>.png} and {@code <base>.svg}; returns false when there was nothing to draw. */
    static boolean write(Results results, String concurrentScenario, Path base) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> labels = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        List<Double> official = new ArrayList<>();
        for (Group group : GROUPS) {
            String scenario = group.scenario() != null ? group.scenario() : concurrentScenario;
            double f = results.median(scenario, group.metric(), "FLOOR");
            double t = results.median(scenario, group.metric(), group.thisClient());
            double o = results.median(scenario, group.metric(), "OFFICIAL");
            if (Double.isNaN(f) || Double.isNaN(t) || Double.isNaN(o)) {
                continue;
            }
            labels.add(group.label());
            floor.add(1.0);
            ours.add(t / f);
            official.add(o / f);
        }
        if (labels.isEmpty()) {
            return false;
        }
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(520)
                .title("java-openai vs the official SDK, relative to the JDK floor (lower is better)")
                .xAxisTitle("figure (median of the rounds)").yAxisTitle("x FLOOR").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.0");
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("0.0");
        chart.addSeries("FLOOR (JDK HttpClient + Jackson)", labels, floor);
        chart.addSeries("THIS (java-openai)", labels, ours);
        chart.addSeries("OFFICIAL (openai-java)", labels, official);
        BitmapEncoder.saveBitmap(chart, base.toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(chart, base.toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        return true;
    }
}
