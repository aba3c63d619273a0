package io.javagrad.layers.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Loss;
import io.javagrad.layers.Loss.Reduction;
import io.javagrad.layers.Losses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed values, numerical stability, shape errors and configs of the losses. */
class LossBehaviourTest {

    private static void assertContains(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + e.getMessage() + "' should mention '" + p + "'");
        }
    }

    @Test
    void handComputedValues() {
        Tensor t = Tensor.of(new double[][] {{0, 1}, {2, 3}});
        Tensor p = Tensor.of(new double[][] {{1, 1}, {2, 0}});
        // per-sample MSE (1 + 0) / 2 = 0.5 and (0 + 9) / 2 = 4.5
        assertEquals(2.5, new MeanSquaredError().compute(t, p).item(), 1e-15);
        assertEquals(5.0, new MeanSquaredError(Reduction.SUM).compute(t, p).item(), 1e-15);
        // weights 2 and 0: (2 * 0.5 + 0 * 4.5) / batch 2 = 0.5 (divided by the batch, not by the weights)
        assertEquals(0.5, new MeanSquaredError().compute(t, p, Tensor.of(new double[] {2, 0})).item(), 1e-15);
        assertEquals(1.0, new MeanAbsoluteError().compute(t, p).item(), 1e-15);
        // Huber delta 1: errors 1 -> 0.5, 0 -> 0, 0 -> 0, 3 -> 1 * (3 - 0.5) = 2.5; per sample 0.25 and 1.25
        assertEquals(0.75, new Huber().compute(t, p).item(), 1e-15);
        // BCE of p = 0.8 for y = 1 and p = 0.4 for y = 0: -(log 0.8 + log 0.6) / 2
        double bce = -(Math.log(0.8) + Math.log(0.6)) / 2;
        assertEquals(bce, new BinaryCrossentropy().compute(Tensor.of(new double[] {1, 0}), Tensor.of(new double[] {0.8, 0.4}))
                .item(), 1e-12);
        // CCE from probabilities normalises them: [2, 6] -> [0.25, 0.75]
        assertEquals(-Math.log(0.75), new CategoricalCrossentropy().compute(Tensor.of(new double[][] {{0, 1}}),
                Tensor.of(new double[][] {{2, 6}})).item(), 1e-12);
        // sparse CCE from logits [0, ln 3]: softmax [0.25, 0.75]
        assertEquals(-Math.log(0.25), new SparseCategoricalCrossentropy(true).compute(Tensor.of(new double[] {0}),
                Tensor.of(new double[][] {{0, Math.log(3)}})).item(), 1e-12);
    }

    @Test
    void logitsOfPlusMinusThousandGiveFiniteLossesAndGradients() {
        for (DType dtype : DType.values()) {
            Tensor logits = Tensor.of(new double[][] {{1000, -1000}, {-1000, 1000}}).to(dtype).requiresGrad(true);
            Tensor bits = Tensor.of(new double[][] {{0, 1}, {0, 1}});
            List<Loss> losses = List.of(new BinaryCrossentropy(true), new CategoricalCrossentropy(true),
                    new CategoricalCrossentropy(true, 0.1, Reduction.MEAN));
            for (Loss loss : losses) {
                logits.zeroGrad();
                Tensor out = loss.compute(bits, logits);
                out.backward();
                assertTrue(Double.isFinite(out.item()), loss + " " + dtype);
                for (double g : logits.grad().toDoubleArray()) {
                    assertTrue(Double.isFinite(g), loss + " gradient " + dtype);
                }
            }
            logits.zeroGrad();
            Tensor sparse = new SparseCategoricalCrossentropy(true).compute(Tensor.of(new double[] {1, 1}), logits);
            sparse.backward();
            // sample 0 is wrong by 2000 in logit, sample 1 right: (2000 + 0) / 2
            assertEquals(1000, sparse.item(), 1e-3);
            assertTrue(Double.isFinite(logits.grad().sum().item()));
        }
    }

    @Test
    void fusedUnweightedMeanFromLogitsMatchesThePerSamplePath() {
        Tensor logits = Tensor.randn(new Rng(3), DType.FLOAT64, 2, 3, 4);
        Tensor indices = Tensor.of(new double[] {0, 3, 1, 2, 2, 0}, 2, 3);
        Tensor oneHot = Tensor.oneHot(indices, 4);
        Tensor ones = Tensor.ones(DType.FLOAT64, 2);
        Loss[] fused = {new CategoricalCrossentropy(true), new CategoricalCrossentropy(true, 0.1, Reduction.MEAN)};
        for (Loss loss : fused) {
            // with weights of 1 the loss goes through the per-sample path; without, through the fused op
            assertEquals(loss.compute(oneHot, logits, ones).item(), loss.compute(oneHot, logits).item(), 1e-14);
        }
        Loss sparse = new SparseCategoricalCrossentropy(true);
        assertEquals(sparse.compute(indices, logits, ones).item(), sparse.compute(indices, logits).item(), 1e-14);
        assertEquals(new CategoricalCrossentropy(true).compute(oneHot, logits).item(), sparse.compute(indices, logits)
                .item(), 1e-14);
    }

    @Test
    void probabilitiesOfExactlyZeroAndOneAreClipped() {
        Tensor p = Tensor.of(new double[][] {{0, 1}, {1, 0}}).requiresGrad(true);
        Tensor y = Tensor.of(new double[][] {{1, 0}, {1, 0}});
        for (Loss loss : List.of(new BinaryCrossentropy(), new CategoricalCrossentropy())) {
            Tensor out = loss.compute(y, p);
            // clipped at 1e-7: a fully wrong sample costs -log(1e-7) per element, not infinity
            assertTrue(Double.isFinite(out.item()) && out.item() > 0, loss.toString());
            assertTrue(out.item() < -Math.log(1e-7) + 1e-6, loss.toString());
        }
    }

    @Test
    void batchTargetsFitColumnPredictionsAndDtypesAreConverted() {
        Tensor yPred = Tensor.of(new float[] {0.5f, 2f}, 2, 1);
        Tensor yTrue = Tensor.of(new double[] {1, 1});
        Tensor out = new MeanSquaredError().compute(yTrue, yPred);
        assertEquals(DType.FLOAT32, out.dtype());
        assertEquals(0.625, out.item(), 1e-7);
    }

    @Test
    void shapeMismatchNamesTheLossAndBothShapes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(4, 3), Tensor.zeros(4, 2)));
        assertContains(e, "mean_squared_error", "[4, 3]", "[4, 2]");
        e = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy(true).compute(Tensor.zeros(4), Tensor.zeros(4, 3)));
        assertContains(e, "categorical_crossentropy", "[4]", "[4, 3]");
        e = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalCrossentropy(true).compute(Tensor.zeros(4, 3), Tensor.zeros(4, 3)));
        assertContains(e, "sparse_categorical_crossentropy", "[4, 3]", "class indices of shape [4]");
        e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(Tensor.zeros(4, 3), Tensor.zeros(4, 3), Tensor.ones(3)));
        assertContains(e, "mean_squared_error", "sampleWeight shape [3]", "[4, 3]");
        e = assertThrows(IllegalArgumentException.class,
                () -> new BinaryCrossentropy().compute(Tensor.zeros(0, 1), Tensor.zeros(0, 1)));
        assertContains(e, "binary_crossentropy", "empty batch");
    }

    @Test
    void sparseTargetsOutsideTheClassesAreRejected() {
        Tensor logits = Tensor.zeros(3, 5);
        for (double bad : new double[] {5, -1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new SparseCategoricalCrossentropy(true).compute(Tensor.of(new float[] {0, (float) bad, 4}), logits));
            assertContains(e, "sparse_categorical_crossentropy", String.valueOf((double) (float) bad), "5 classes",
                    "position 1");
        }
    }

    @Test
    void invalidHyperparametersAreRejected() {
        assertContains(assertThrows(IllegalArgumentException.class, () -> new Huber(0, Reduction.MEAN)), "delta");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> new CategoricalCrossentropy(false, 1.5, Reduction.MEAN)), "label_smoothing");
    }

    @Test
    void kerasNamesAndConfigsRoundTrip() {
        assertEquals("mean_squared_error", Losses.fromConfig("mse").name());
        assertEquals("mean_squared_error", Losses.fromConfig("mean_squared_error").name());
        assertEquals("mean_absolute_error", Losses.fromConfig("mae").name());
        assertEquals("huber_loss", Losses.fromConfig("huber").name());
        assertTrue(Losses.fromConfig("binary_crossentropy") instanceof BinaryCrossentropy);
        assertTrue(Losses.fromConfig("categorical_crossentropy") instanceof CategoricalCrossentropy);
        assertTrue(Losses.fromConfig("SparseCategoricalCrossentropy") instanceof SparseCategoricalCrossentropy);
        List<Loss> all = List.of(new MeanSquaredError(Reduction.SUM), new MeanAbsoluteError(), new Huber(0.3, Reduction.SUM),
                new BinaryCrossentropy(true, 0.1, Reduction.MEAN), new CategoricalCrossentropy(false, 0.2, Reduction.SUM),
                new SparseCategoricalCrossentropy(true));
        for (Loss loss : all) {
            Map<String, Object> nested = Losses.toConfig(loss);
            assertEquals(loss.getClass().getSimpleName(), nested.get("class_name"));
            assertEquals(loss.getConfig(), Losses.fromConfig(nested).getConfig());
            assertEquals(loss.getConfig(), Losses.fromConfig(loss.getConfig()).getConfig());
        }
        assertEquals(Map.of("name", "huber_loss", "reduction", "sum", "delta", 0.3), new Huber(0.3, Reduction.SUM).getConfig());
        assertContains(assertThrows(IllegalArgumentException.class, () -> Losses.fromConfig("hinge")), "hinge", "mse");
        assertContains(assertThrows(IllegalArgumentException.class,
                () -> Losses.fromConfig(Map.of("name", "mse", "reduction", "none"))), "reduction", "none");
    }
}
