package io.javagrad.io.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Dense;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Losses;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.callbacks.GradientNormLogger;
import io.javagrad.optim.SGD;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlotsTest {

    private static History history(int epochs) {
        History h = new History();
        for (int e = 0; e < epochs; e++) {
            h.onEpochEnd(e, new java.util.LinkedHashMap<>(Map.of("loss", 1.0 / (e + 1), "val_loss", 1.2 / (e + 1),
                    "accuracy", 0.5 + 0.04 * e, "learning_rate", 0.01)));
        }
        return h;
    }

    /** Checks the PNG signature and returns the decoded image. */
    private static BufferedImage png(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        assertEquals("\u0089PNG", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1), file + " is not a PNG");
        assertTrue(bytes.length > 5_000, file + " is suspiciously small: " + bytes.length + " bytes");
        return ImageIO.read(file.toFile());
    }

    @Test
    void trainingCurvesDrawOneChartPerQuantitySideBySide(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/curves.png");
        Plots.trainingCurves(history(10), file);
        BufferedImage image = png(file);
        assertEquals(2 * Plots.WIDTH, image.getWidth(), "loss and accuracy, learning_rate left out");
        assertEquals(Plots.HEIGHT, image.getHeight());
        try (var files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void svgIsChosenByTheExtension(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("curves.SVG");
        Plots.trainingCurves(history(3), file);
        String svg = Files.readString(file);
        assertTrue(svg.startsWith("<?xml") && svg.contains("<svg"), svg.substring(0, 100));
        assertTrue(svg.contains("width=\"" + 2 * Plots.WIDTH + "px\""), svg.substring(0, 400));
    }

    @Test
    void otherExtensionsAndEmptyHistoriesAreRejected(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Plots.trainingCurves(history(2), dir.resolve("curves.jpg")));
        assertTrue(e.getMessage().contains(".png or .svg"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Plots.trainingCurves(new History(), dir.resolve("c.png")));
        assertThrows(IllegalArgumentException.class, () -> Plots.gradientNorms(history(2), dir.resolve("g.png")));
    }

    @Test
    void wideRangesGetALogarithmicAxis() {
        assertTrue(Plots.spansDecades(List.of(0.5, 0.001)));
        assertFalse(Plots.spansDecades(List.of(0.5, 0.01)));
        assertFalse(Plots.spansDecades(List.of(-1.0, 100.0)));
    }

    @Test
    void histogramTickLabelsShowAboutThreeSignificantDigits() {
        assertEquals("0.000", Plots.decimalPattern(0.95));
        assertEquals("0.0000", Plots.decimalPattern(0.085));
        assertEquals("0.0", Plots.decimalPattern(12));
        assertEquals("0", Plots.decimalPattern(4000));
    }

    @Test
    void confusionMatrixIsAHeatMap(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("confusion.png");
        Plots.confusionMatrix(new long[][] {{50, 2, 0}, {3, 40, 7}, {0, 5, 45}}, List.of("cat", "dog", "bird"), file);
        BufferedImage image = png(file);
        assertTrue(image.getWidth() > image.getHeight());
        assertThrows(IllegalArgumentException.class,
                () -> Plots.confusionMatrix(new long[][] {{1, 2}, {3}}, dir.resolve("bad.png")));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.confusionMatrix(new long[][] {{1, 2}, {3, 4}}, List.of("a"), dir.resolve("bad.png")));
    }

    @Test
    void histogramOfATensor(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hist.png");
        Plots.histogram(Tensor.randn(new Rng(1), DType.FLOAT32, 1000), 20, "normal", file);
        assertEquals(Plots.WIDTH, png(file).getWidth());
    }

    @Test
    void weightHistogramsAndGradientNormsOfATrainedModel(@TempDir Path dir) throws IOException {
        Sequential model = new Sequential(4);
        model.setSeed(3);
        model.add(new Dense(8).activation("tanh"));
        model.add(new Dense(1));
        model.compile(new SGD(0.05), Losses.meanSquaredError());
        Tensor x = Tensor.randn(new Rng(4), DType.FLOAT32, 32, 4);
        Tensor y = x.sum(1, true);
        History history = model.fit(x, y, FitOptions.defaults().epochs(3).batchSize(8).verbose(false)
                .callbacks(new GradientNormLogger()));

        List<Path> files = Plots.weightHistograms(model, dir.resolve("weights"));
        assertEquals(List.of(dir.resolve("weights/dense.png"), dir.resolve("weights/dense_1.png")), files);
        assertEquals(2 * Plots.WIDTH, png(files.get(0)).getWidth(), "kernel and bias side by side");

        Path norms = dir.resolve("norms.png");
        Plots.gradientNorms(history, norms);
        assertEquals(2 * Plots.WIDTH, png(norms).getWidth());
    }
}
