package io.javagrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A training curve (loss per epoch, logarithmic loss axis) drawn as a PNG with XChart, without a display. */
final class LossChart {
    private LossChart() {}

    /** Writes the curve of {@code losses} (epoch 1 first, all positive) to {@code file}, which must end in {@code .png}. */
    static void savePng(double[] losses, String title, Path file) throws IOException {
        if (!file.getFileName().toString().endsWith(".png")) {
            throw new IllegalArgumentException("LossChart: file name must end in .png, got " + file);
        }
        System.setProperty("java.awt.headless", "true");
        double[] epochs = new double[losses.length];
        for (int i = 0; i < losses.length; i++) {
            epochs[i] = i + 1;
        }
        XYChart chart = new XYChartBuilder().width(640).height(400).title(title).xAxisTitle("epoch").yAxisTitle("loss").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.addSeries("loss", epochs, losses).setMarker(SeriesMarkers.NONE);
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
