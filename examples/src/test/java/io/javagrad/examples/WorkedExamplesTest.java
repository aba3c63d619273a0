package io.javagrad.examples;

import static io.javagrad.examples.ExampleRuns.assertPng;
import static io.javagrad.examples.ExampleRuns.number;
import static io.javagrad.examples.ExampleRuns.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke tests of the worked examples: one or two epochs each, files in a temporary folder. */
class WorkedExamplesTest {

    @Test
    void transformerSortsAfterOneEpochBetterThanChance(@TempDir Path dir) throws Exception {
        String output = run(new TransformerExample(), "--epochs", "1", "--out", dir.toString());
        double tokens = number(output, "test token accuracy (\\d+\\.\\d\\d)%");
        double sequences = number(output, "sequence accuracy (\\d+\\.\\d\\d)%");
        assertTrue(tokens > 30, output);
        assertTrue(sequences >= 0 && sequences <= tokens, output);
        assertEquals(5, output.lines().filter(l -> l.matches("  \\d{8} -> \\d{8}  \\d{8}")).count(), output);
        assertEquals(2, Files.readAllLines(dir.resolve("transformer-history.csv")).size());
    }

    @Test
    void transformerTargetsAreSortedRowsAndSequenceAccuracyCountsWholeRows() {
        Tensor x = TransformerExample.randomSequences(new Rng(3), 2);
        float[] sorted = TransformerExample.sorted(x).toFloatArray();
        for (int i = 1; i < sorted.length; i++) {
            assertTrue(i % TransformerExample.LENGTH == 0 || sorted[i - 1] <= sorted[i]);
        }
        float[] row = TransformerExample.sorted(Tensor.of(new float[] {3, 1, 2, 9, 0, 0, 7, 5}, 1, 8)).toFloatArray();
        assertArrayEquals(new float[] {0, 0, 1, 2, 3, 5, 7, 9}, row);
        int[] truth = {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 0};
        int[] predicted = {1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 0, 0, 0, 1};
        assertEquals(0.5, TransformerExample.sequenceAccuracy(predicted, truth));
    }

    @Test
    void transferLearningLeavesTheFrozenBaseUnchanged() throws Exception {
        String output = run(new TransferLearningExample(), "--epochs", "1");
        assertTrue(number(output, "test accuracy on 0-4: +(\\d+\\.\\d\\d)%") > 80, output);
        assertEquals(0.0, number(output, "while frozen: (\\S+)"), output);
        assertTrue(number(output, "while fine-tuning: (\\S+)") > 0, output);
        assertTrue(output.contains("3. unfrozen, fine-tuned"), output);
        assertTrue(output.contains("trained from scratch"), output);
    }

    @Test
    void multiOutputTotalLossIsTheWeightedSumOfTheOutputLosses() throws Exception {
        String output = run(new MultiOutputExample(), "--epochs", "1", "--seed", "5");
        double total = number(output, "total loss (\\d+\\.\\d+)");
        double digit = number(output, "digit_loss (\\d+\\.\\d+)");
        double regression = number(output, "regression_loss (\\d+\\.\\d+)");
        assertEquals(total, digit + 0.5 * regression, 2e-4, output);
        assertTrue(number(output, "digit accuracy (\\d+\\.\\d\\d)%") > 70, output);
        String again = run(new MultiOutputExample(), "--epochs", "1", "--seed", "5");
        assertEquals(results(output), results(again), "the same seed gives the same results");
    }

    private static List<String> results(String output) {
        return output.lines().filter(l -> l.startsWith("  ")).toList();
    }

    @Test
    void overfittingWritesCurvesAndATableRowPerVariant(@TempDir Path dir) throws Exception {
        String output = run(new OverfittingExample(), "--epochs", "2", "--out", dir.toString());
        for (String variant : List.of("baseline", "dropout", "l2", "augmentation", "early-stopping", "all")) {
            assertPng(dir.resolve("overfitting-" + variant + ".png"));
            assertTrue(output.lines().anyMatch(l -> l.matches(variant + " +2 .*%.*%.*%.*")), variant + ":\n" + output);
        }
    }

    @Test
    void augmentationComparesBothRunsAndDrawsTheSampleGrid(@TempDir Path dir) throws Exception {
        String output = run(new AugmentationExample(), "--epochs", "1", "--out", dir.toString());
        assertTrue(number(output, "without augmentation +training accuracy +\\d+\\.\\d\\d%, test accuracy +(\\d+\\.\\d\\d)%") > 50,
                output);
        assertTrue(number(output, "with augmentation +training accuracy +\\d+\\.\\d\\d%, test accuracy +(\\d+\\.\\d\\d)%") > 50,
                output);
        Path grid = dir.resolve("augmentation-samples.png");
        assertPng(grid);
        BufferedImage image = ImageIO.read(grid.toFile());
        assertEquals(8 * (28 * 3 + 2) + 2, image.getWidth());
        assertEquals(6 * (28 * 3 + 2) + 2, image.getHeight());
    }
}
