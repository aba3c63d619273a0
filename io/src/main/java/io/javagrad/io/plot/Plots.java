package io.javagrad.io.plot;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.History;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Weight;
import io.javagrad.layers.callbacks.GradientNormLogger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of training written to PNG or SVG files (chosen by the file's extension), drawn with XChart without a
 * display: training curves, gradient norms, confusion matrices and histograms of weights or activations.
 * Several quantities go into one file as charts side by side (at most three per row). A quantity whose values are
 * all positive and span more than two decades (a factor of 100) gets a logarithmic axis.
 *
 * <pre>{@code
 * History history = model.fit(x, y, FitOptions.defaults().epochs(20).validationSplit(0.2)
 *         .callbacks(new GradientNormLogger()));
 * Plots.trainingCurves(history, Path.of("out/curves.png"));   // loss and each metric, training vs validation
 * Plots.gradientNorms(history, Path.of("out/gradients.svg"));
 * Plots.weightHistograms(model, Path.of("out/weights"));
 * }</pre>
 */
public final class Plots {
    static final int WIDTH = 480;
    static final int HEIGHT = 360;
    private static final Set<String> NOT_CURVES = Set.of("learning_rate", "batch_size");
    private static final int MARKER_LIMIT = 40;
    private static final int LONG_AXIS = 100;
    private static final int WEIGHT_BINS = 30;

    private Plots() {}

    /**
     * One chart per quantity of {@code history}: the loss and every metric against the epoch (from 1), the training
     * values with the validation ones ({@code val_} keys) where recorded. Learning rate, batch size and the
     * per-layer norms of {@link GradientNormLogger} (see {@link #gradientNorms}) are left out.
     */
    public static void trainingCurves(History history, Path file) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (String key : history.keys()) {
            if (key.startsWith("val_") || NOT_CURVES.contains(key) || key.contains("/")) {
                continue;
            }
            Map<String, List<Double>> series = new LinkedHashMap<>();
            series.put("training", history.get(key));
            if (history.keys().contains("val_" + key)) {
                series.put("validation", history.get("val_" + key));
            }
            charts.add(epochChart(key, key, series));
        }
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("Plots.trainingCurves: the history has no loss or metric to draw; keys: "
                    + history.keys());
        }
        ChartGrid.write(charts, file, "Plots.trainingCurves");
    }

    /**
     * Two charts of the per-layer norms that a {@link GradientNormLogger} put into {@code history}: the gradient
     * norms (mean over each epoch's batches) and the parameter norms, one line per layer.
     */
    public static void gradientNorms(History history, Path file) throws IOException {
        Map<String, List<Double>> gradients = withPrefix(history, GradientNormLogger.GRAD_NORM);
        Map<String, List<Double>> parameters = withPrefix(history, GradientNormLogger.PARAM_NORM);
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("Plots.gradientNorms: the history has no " + GradientNormLogger.GRAD_NORM
                    + "* keys (train with a GradientNormLogger callback); keys: " + history.keys());
        }
        ChartGrid.write(List.of(epochChart("gradient L2 norm (mean over batches)", "gradient norm", gradients),
                epochChart("parameter L2 norm", "parameter norm", parameters)), file, "Plots.gradientNorms");
    }

    private static Map<String, List<Double>> withPrefix(History history, String prefix) {
        Map<String, List<Double>> out = new LinkedHashMap<>();
        for (String key : history.keys()) {
            if (key.startsWith(prefix)) {
                out.put(key.substring(prefix.length()), history.get(key));
            }
        }
        return out;
    }

    /** A line chart of per-epoch values (epoch 1 first); NaN entries (epochs without a value) are left out. */
    private static XYChart epochChart(String title, String yTitle, Map<String, List<Double>> series) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle("epoch")
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(series.size() > 1);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisDecimalPattern("#");
        List<Double> all = new ArrayList<>();
        int longest = 0;
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            List<Double> epochs = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            List<Double> v = e.getValue();
            longest = Math.max(longest, v.size());
            for (int i = 0; i < v.size(); i++) {
                if (Double.isFinite(v.get(i))) {
                    epochs.add(i + 1.0);
                    values.add(v.get(i));
                }
            }
            if (!values.isEmpty()) {
                XYSeries s = chart.addSeries(e.getKey(), epochs, values);
                s.setMarker(values.size() > MARKER_LIMIT ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                all.addAll(values);
            }
        }
        chart.getStyler().setYAxisLogarithmic(spansDecades(all));
        // XChart puts the ticks of equally spaced x values on data points, packed as tightly as the labels allow
        chart.getStyler().setXAxisLabelRotation(longest >= LONG_AXIS ? 45 : 0);
        return chart;
    }

    /** Whether all values are positive and the largest is more than a hundred times the smallest. */
    static boolean spansDecades(List<Double> values) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return min > 0 && max > 100 * min;
    }

    /** A confusion matrix with classes named by their index, see {@link #confusionMatrix(long[][], List, Path)}. */
    public static void confusionMatrix(long[][] matrix, Path file) throws IOException {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < matrix.length; i++) {
            labels.add(Integer.toString(i));
        }
        confusionMatrix(matrix, labels, file);
    }

    /**
     * A heat map of {@code matrix[true][predicted]} (as {@code ConfusionMatrix.matrix()} gives it) with the count in
     * every cell: true classes down the side (the first at the top), predicted classes along the bottom.
     */
    public static void confusionMatrix(long[][] matrix, List<String> labels, Path file) throws IOException {
        int n = matrix.length;
        if (n == 0 || labels.size() != n) {
            throw new IllegalArgumentException("Plots.confusionMatrix: expected an n x n matrix (n >= 1) and n labels,"
                    + " got " + n + " rows and " + labels.size() + " labels");
        }
        List<Number[]> cells = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            if (matrix[t].length != n) {
                throw new IllegalArgumentException("Plots.confusionMatrix: row " + t + " has " + matrix[t].length
                        + " entries, expected " + n);
            }
            for (int p = 0; p < n; p++) {
                if (matrix[t][p] < 0) {
                    throw new IllegalArgumentException("Plots.confusionMatrix: negative count " + matrix[t][p]
                            + " at [" + t + "][" + p + "]");
                }
                cells.add(new Number[] {p, n - 1 - t, matrix[t][p]});
            }
        }
        int side = Math.max(WIDTH, 48 * n + 160);
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 80).height(side).title("confusion matrix")
                .xAxisTitle("predicted").yAxisTitle("true").build();
        chart.getStyler().setShowValue(true).setHeatMapValueDecimalPattern("#");
        chart.getStyler().setPlotContentSize(1);
        List<String> topDown = new ArrayList<>(labels);
        Collections.reverse(topDown);
        chart.addSeries("count", labels, topDown, cells);
        ChartGrid.write(List.of(chart), file, "Plots.confusionMatrix");
    }

    /**
     * A histogram of all elements of {@code values} (weights, activations, gradients) in {@code bins} equal-width
     * bins (see {@link HistogramBins}); NaN and infinite elements are left out and their number put in the title.
     */
    public static void histogram(Tensor values, int bins, String title, Path file) throws IOException {
        ChartGrid.write(List.of(histogramChart(values, bins, title)), file, "Plots.histogram");
    }

    private static XYChart histogramChart(Tensor values, int bins, String title) {
        HistogramBins h = HistogramBins.of(values.toDoubleArray(), bins);
        long[] counts = h.counts();
        double[] xs = new double[counts.length + 1];
        double[] ys = new double[counts.length + 1];
        for (int i = 0; i <= counts.length; i++) {
            xs[i] = h.edge(i);
            ys[i] = counts[Math.min(i, counts.length - 1)];
        }
        String fullTitle = h.skipped() == 0 ? title : title + " (" + h.skipped() + " NaN or infinite left out)";
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(fullTitle).xAxisTitle("value")
                .yAxisTitle("count").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern(decimalPattern(h.edge(counts.length) - h.edge(0)));
        chart.getStyler().setXAxisLabelRotation(45);
        chart.addSeries("count", xs, ys).setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** A fixed-point pattern with about three significant digits for numbers spread over {@code range}. */
    static String decimalPattern(double range) {
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(range)));
        return decimals == 0 ? "0" : "0." + "0".repeat(decimals);
    }

    /**
     * One file per layer of {@code model} that has weights, {@code <dir>/<layer name>.png}, with a histogram of
     * each of its weights side by side (kernel, bias, ...); returns the files written, in layer order.
     */
    public static List<Path> weightHistograms(Model model, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (Layer layer : model.layers()) {
            Map<String, Weight> weights = layer.namedWeights();
            if (weights.isEmpty()) {
                continue;
            }
            List<XYChart> charts = new ArrayList<>();
            for (Map.Entry<String, Weight> e : weights.entrySet()) {
                Tensor value = e.getValue().value();
                charts.add(histogramChart(value, WEIGHT_BINS,
                        layer.name() + "/" + e.getKey() + " " + Shapes.str(value.shape())));
            }
            Path file = dir.resolve(layer.name().replaceAll("[^A-Za-z0-9_.-]", "_") + ".png");
            ChartGrid.write(charts, file, "Plots.weightHistograms");
            written.add(file);
        }
        return written;
    }
}
