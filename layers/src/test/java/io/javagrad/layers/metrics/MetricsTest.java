package io.javagrad.layers.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Losses;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Metrics;
import io.javagrad.layers.Targets;
import org.junit.jupiter.api.Test;

class MetricsTest {
    private static final double EPS = 1e-12;

    private static Tensor vec(double... v) {
        return Tensor.of(v);
    }

    private static Tensor rows(double[][] v) {
        return Tensor.of(v);
    }

    @Test
    void binaryAccuracyCountsElementsOverTheEpoch() {
        BinaryAccuracy m = new BinaryAccuracy();
        m.update(vec(1, 0, 1), vec(0.9, 0.2, 0.4));             // 2 of 3
        m.update(vec(0).reshape(1, 1), vec(0.5).reshape(1, 1)); // 0.5 is not > 0.5: predicted 0, right
        assertEquals(3.0 / 4, m.result(), EPS);
        m.reset();
        assertEquals(0, m.result());
        BinaryAccuracy logits = new BinaryAccuracy("acc", 0);
        logits.update(vec(1, 0), vec(2.5, -0.1));
        assertEquals(1, logits.result(), EPS);
    }

    @Test
    void categoricalAndSparseAccuracy() {
        Tensor scores = rows(new double[][] {{0.1, 0.7, 0.2}, {0.5, 0.3, 0.2}, {0.2, 0.2, 0.6}});
        CategoricalAccuracy c = new CategoricalAccuracy();
        c.update(rows(new double[][] {{0, 1, 0}, {0, 1, 0}, {0, 0, 1}}), scores);
        assertEquals(2.0 / 3, c.result(), EPS);
        SparseCategoricalAccuracy s = new SparseCategoricalAccuracy();
        s.update(vec(1, 1, 2), scores);
        s.update(vec(0).reshape(1, 1), rows(new double[][] {{3, 1, 2}}));
        assertEquals(3.0 / 4, s.result(), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.update(vec(3, 0, 0), scores));
        assertTrue(e.getMessage().contains("sparse_categorical_accuracy") && e.getMessage().contains("3 classes"),
                e.getMessage());
    }

    @Test
    void argmaxClassesAgreesWithTheArgmaxOpOnTiesNaNAndViews() {
        double nan = Double.NaN;
        Tensor scores = Tensor.of(new double[] {1, 3, 3, 2, nan, 5, 0, 0, 0, -1, nan, nan}, 2, 2, 3);
        Tensor transposed = scores.transpose(0, 1).to(DType.FLOAT32);
        for (Tensor t : new Tensor[] {scores, transposed}) {
            double[] expected = t.argmax(-1, false).toDoubleArray();
            int[] got = Targets.argmaxClasses(t);
            assertEquals(expected.length, got.length);
            for (int i = 0; i < got.length; i++) {
                assertEquals((int) expected[i], got[i], "row " + i);
            }
        }
        assertArrayEquals(new int[] {1, 1, 0, 1}, Targets.argmaxClasses(scores));
        assertThrows(IllegalArgumentException.class, () -> Targets.argmaxClasses(Tensor.zeros(2, 0)));
    }

    @Test
    void epochF1IsComputedFromTotalsNotAveragedOverBatches() {
        F1Score f1 = new F1Score();
        Precision precision = new Precision();
        Recall recall = new Recall();
        Tensor[][] batches = {
            {vec(1, 1, 0, 0), vec(0.9, 0.8, 0.1, 0.2)},             // TP 2, FP 0, FN 0: F1 1
            {vec(1, 1, 1, 0, 0, 0), vec(0.9, 0.1, 0.2, 0.7, 0.6, 0.8)}, // TP 1, FP 3, FN 2: F1 2/7
        };
        double batchMean = 0;
        for (Tensor[] b : batches) {
            F1Score one = new F1Score();
            one.update(b[0], b[1]);
            batchMean += one.result() / batches.length;
            for (Metric m : new Metric[] {f1, precision, recall}) {
                m.update(b[0], b[1]);
            }
        }
        // totals TP 3, FP 3, FN 2
        assertEquals(3.0 / 6, precision.result(), EPS);
        assertEquals(3.0 / 5, recall.result(), EPS);
        assertEquals(6.0 / 11, f1.result(), EPS);
        assertEquals((1 + 2.0 / 7) / 2, batchMean, EPS);
        assertNotEquals(batchMean, f1.result(), 0.05);
    }

    @Test
    void macroAveragedScoresOverClasses() {
        // true 0 0 1 1 2 2, predicted 0 1 1 1 0 2
        Tensor labels = vec(0, 0, 1, 1, 2, 2);
        Tensor scores = rows(new double[][] {{5, 1, 0}, {1, 5, 0}, {0, 5, 1}, {0, 5, 1}, {5, 0, 1}, {0, 1, 5}});
        Precision p = Precision.macro(3);
        Recall r = Recall.macro(3);
        F1Score f = F1Score.macro(3);
        ConfusionMatrix cm = new ConfusionMatrix(3);
        for (Metric m : new Metric[] {p, r, f, cm}) {
            m.update(labels.slice(0, 0, 3), scores.slice(0, 0, 3));
            m.update(labels.slice(0, 3, 6), scores.slice(0, 3, 6));
        }
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}}, cm.matrix());
        assertEquals(4.0 / 6, cm.result(), EPS);
        // per class precision 1/2, 2/3, 1; recall 1/2, 1, 1/2; F1 1/2, 4/5, 2/3
        assertEquals((0.5 + 2.0 / 3 + 1) / 3, p.result(), EPS);
        assertEquals((0.5 + 1 + 0.5) / 3, r.result(), EPS);
        assertEquals((0.5 + 0.8 + 2.0 / 3) / 3, f.result(), EPS);
        assertArrayEquals(cm.matrix(), f.matrix());
    }

    @Test
    void confusionMatrixReadsOneHotOrIndexTargetsAndChecksTheClassCount() {
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.update(rows(new double[][] {{1, 0}, {0, 1}}), rows(new double[][] {{0.2, 0.8}, {0.1, 0.9}}));
        cm.update(vec(1, 0).reshape(2, 1), rows(new double[][] {{0.6, 0.4}, {0.7, 0.3}}));
        assertArrayEquals(new long[][] {{1, 1}, {1, 1}}, cm.matrix());
        assertEquals(1, cm.truePositives(1));
        assertEquals(1, cm.falsePositives(1));
        assertEquals(1, cm.falseNegatives(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cm.update(vec(0), rows(new double[][] {{1, 2, 3}})));
        assertTrue(e.getMessage().contains("2 classes") && e.getMessage().contains("[1, 3]"), e.getMessage());
        ConfusionMatrix binary = ConfusionMatrix.binary(0.5);
        binary.update(vec(1, 0, 1, 1), vec(0.7, 0.6, 0.2, 0.9).reshape(4, 1));
        assertArrayEquals(new long[][] {{0, 1}, {1, 2}}, binary.matrix());
        binary.reset();
        assertArrayEquals(new long[][] {{0, 0}, {0, 0}}, binary.matrix());
    }

    @Test
    void errorMetricsAverageOverAllElementsOfTheEpoch() {
        MeanAbsoluteError mae = new MeanAbsoluteError();
        MeanSquaredError mse = new MeanSquaredError();
        for (Metric m : new Metric[] {mae, mse}) {
            m.update(vec(0), vec(3));          // one element, error 3
            m.update(vec(0, 0, 0), vec(1, 1, -1)); // three elements, error 1
        }
        assertEquals(6.0 / 4, mae.result(), EPS); // not the mean of batch means, (3 + 1) / 2
        assertEquals(12.0 / 4, mse.result(), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mae.update(vec(1, 2), vec(1, 2, 3)));
        assertTrue(e.getMessage().contains("mean_absolute_error") && e.getMessage().contains("[2]"), e.getMessage());
    }

    @Test
    void meanIsWeighted() {
        Mean loss = new Mean("loss");
        loss.update(1.0, 32);
        loss.update(4.0, 8);
        assertEquals((32 + 32) / 40.0, loss.result(), EPS);
        loss.update(null, vec(4, 4));
        assertEquals((64 + 8) / 42.0, loss.result(), EPS);
        assertEquals("loss", loss.name());
        assertThrows(IllegalArgumentException.class, () -> loss.update(1, -1));
    }

    @Test
    void accuracyForPicksTheAccuracyThatFitsTheLoss() {
        Metric bce = Metrics.accuracyFor(Losses.binaryCrossentropy(false));
        Metric bceLogits = Metrics.accuracyFor(Losses.binaryCrossentropy(true));
        Metric cce = Metrics.accuracyFor(Losses.categoricalCrossentropy(true));
        Metric sparse = Metrics.accuracyFor(Losses.sparseCategoricalCrossentropy(true));
        assertEquals(0.5, ((BinaryAccuracy) bce).threshold());
        assertEquals(0.0, ((BinaryAccuracy) bceLogits).threshold());
        assertTrue(cce instanceof CategoricalAccuracy);
        assertTrue(sparse instanceof SparseCategoricalAccuracy);
        for (Metric m : new Metric[] {bce, bceLogits, cce, sparse}) {
            assertEquals("accuracy", m.name());
        }
        Tensor scores = rows(new double[][] {{0.1, 0.9}, {0.8, 0.2}});
        // for other losses the shapes decide, as in Keras
        Metric sparseByShape = Metrics.accuracyFor(Losses.meanSquaredError());
        sparseByShape.update(vec(1, 1), scores);
        assertEquals(0.5, sparseByShape.result(), EPS);
        Metric categoricalByShape = Metrics.fromName("acc", null);
        categoricalByShape.update(rows(new double[][] {{0, 1}, {1, 0}}), scores);
        assertEquals(1, categoricalByShape.result(), EPS);
        Metric binaryByShape = Metrics.fromName("accuracy", Losses.meanSquaredError());
        binaryByShape.update(vec(1, 0, 0), vec(0.9, 0.7, 0.1).reshape(3, 1));
        assertEquals(2.0 / 3, binaryByShape.result(), EPS);
    }

    @Test
    void metricsByName() {
        String[][] names = {
            {"binary_accuracy", "binary_accuracy"}, {"categorical_accuracy", "categorical_accuracy"},
            {"sparse_categorical_accuracy", "sparse_categorical_accuracy"}, {"mae", "mean_absolute_error"},
            {"mse", "mean_squared_error"}, {"precision", "precision"}, {"recall", "recall"}, {"f1", "f1_score"},
        };
        for (String[] n : names) {
            assertEquals(n[1], Metrics.fromName(n[0], null).name());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.fromName("auc", null));
        assertTrue(e.getMessage().contains("auc") && e.getMessage().contains("precision"), e.getMessage());
    }
}
