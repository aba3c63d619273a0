package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizationLayersTest {

    /** A [4, 2] batch: channel 0 holds 1, 2, 3, 4 (mean 2.5, biased variance 1.25); channel 1 holds 10 each. */
    private static final Tensor BATCH = Tensor.of(new double[][] {{1, 10}, {2, 10}, {3, 10}, {4, 10}});

    @Test
    void batchNormUsesBatchStatisticsInTrainingAndUpdatesTheMovingOnesAsKeras() {
        BatchNorm bn = new BatchNorm().momentum(0.9);
        Tensor y = bn.call(BATCH, true);
        double sd = Math.sqrt(1.25 + 1e-3);
        assertArrayEquals(new double[] {-1.5 / sd, 0, -0.5 / sd, 0, 0.5 / sd, 0, 1.5 / sd, 0}, y.toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0.1 * 2.5, 0.1 * 10}, bn.movingMean().value().toDoubleArray(), 1e-12);
        // biased batch variance (1.25 and 0), as Keras
        assertArrayEquals(new double[] {0.9 + 0.1 * 1.25, 0.9}, bn.movingVariance().value().toDoubleArray(), 1e-12);
        assertEquals(List.of("gamma", "beta", "moving_mean", "moving_variance"), List.copyOf(bn.namedWeights().keySet()));
        assertEquals(2 * 2, bn.countTrainableParams());
    }

    @Test
    void batchNormUsesMovingStatisticsAtInference() {
        BatchNorm bn = new BatchNorm();
        bn.call(BATCH, false);
        bn.movingMean().assign(Tensor.of(new double[] {1, 2}));
        bn.movingVariance().assign(Tensor.of(new double[] {4, 9}));
        Tensor y = bn.call(BATCH, false);
        assertEquals((3 - 1) / Math.sqrt(4 + 1e-3), y.get(2, 0), 1e-12);
        assertEquals((10 - 2) / Math.sqrt(9 + 1e-3), y.get(2, 1), 1e-12);
        assertArrayEquals(new double[] {1, 2}, bn.movingMean().value().toDoubleArray(), 0);
    }

    @Test
    void aFrozenBatchNormRunsInInferenceModeAndKeepsItsStatistics() {
        BatchNorm bn = new BatchNorm();
        bn.call(BATCH, true);
        double[] mean = bn.movingMean().value().toDoubleArray();
        bn.setTrainable(false);
        Tensor training = bn.call(BATCH, true);
        assertArrayEquals(mean, bn.movingMean().value().toDoubleArray(), 0);
        assertArrayEquals(bn.call(BATCH, false).toDoubleArray(), training.toDoubleArray(), 0);
        assertTrue(bn.trainableParameters().isEmpty());
    }

    @Test
    void batchNormOnNchwNormalisesEachChannelOverBatchAndSpace() {
        BatchNorm bn = new BatchNorm();
        Tensor x = randn(1, 3, 2, 4, 5).mul(3).add(1);
        Tensor y = bn.call(x, true);
        Tensor mean = y.mean(new int[] {0, 2, 3}, false);
        Tensor variance = y.square().mean(new int[] {0, 2, 3}, false);
        for (int c = 0; c < 2; c++) {
            assertEquals(0, mean.get(c), 1e-12);
            assertEquals(1, variance.get(c), 1e-3);
        }
    }

    @Test
    void batchNormGradientsInTrainingAndInference() {
        BatchNorm train = new BatchNorm();
        assertLayerGradients(train, true, () -> { }, randn(2, 3, 2, 2, 2));
        BatchNorm infer = new BatchNorm().axis(-1);
        infer.call(randn(3, 4, 3), true);
        assertLayerGradients(infer, randn(4, 4, 3));
        BatchNorm plain = new BatchNorm().center(false).scale(false);
        assertLayerGradients(plain, true, () -> { }, randn(5, 5, 2).transpose(0, 1).transpose(0, 1));
    }

    @Test
    void batchNormConfigRoundTripAndValidation() {
        BatchNorm bn = new BatchNorm().axis(-1).momentum(0.8).epsilon(1e-5).center(false)
                .regularizers(null, Regularizers.l2(0.1));
        bn.call(randn(6, 4, 3), true);
        assertConfigRoundTrip(bn, randn(7, 4, 3));
        Layer keras2 = LayerRegistry.create("BatchNormalization", java.util.Map.of("axis", List.of(1)));
        assertEquals(1, keras2.getConfig().get("axis"));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm().momentum(1.5));
        assertThrows(IllegalArgumentException.class, () -> new BatchNorm().epsilon(0));
        BatchNorm built = new BatchNorm();
        built.setName("bn");
        built.call(randn(8, 2, 3, 4, 4), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> built.call(Tensor.zeros(2, 4, 4, 4).to(io.javagrad.core.DType.FLOAT64), false));
        assertEquals("BatchNormalization 'bn': expected a rank-4 input with 3 channels on axis 1, got shape [2, 4, 4, 4]",
                e.getMessage());
    }

    @Test
    void layerNormNormalisesEachSampleOverTheLastAxis() {
        LayerNorm ln = new LayerNorm();
        Tensor y = ln.call(BATCH.transpose(0, 1), false);
        double sd = Math.sqrt(1.25 + 1e-3);
        assertArrayEquals(new double[] {-1.5 / sd, -0.5 / sd, 0.5 / sd, 1.5 / sd}, y.select(0, 0).toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 0}, y.select(0, 1).toDoubleArray(), 0);
        assertEquals(List.of("gamma", "beta"), List.copyOf(ln.namedWeights().keySet()));
    }

    @Test
    void layerNormGradientsAndSeveralAxes() {
        assertLayerGradients(new LayerNorm(), randn(1, 3, 2, 4));
        LayerNorm two = new LayerNorm(1, 2);
        assertLayerGradients(two, randn(2, 2, 3, 2));
        assertArrayEquals(new int[] {3, 2}, two.namedWeights().get("gamma").value().shape());
        assertConfigRoundTrip(two, randn(3, 2, 3, 2));
        assertConfigRoundTrip(new LayerNorm().epsilon(1e-5).center(false), randn(4, 2, 5));
    }

    @Test
    void layerNormValidation() {
        assertThrows(IllegalArgumentException.class, () -> new LayerNorm(1, 1));
        LayerNorm ln = new LayerNorm(0);
        ln.setName("ln");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ln.call(randn(1, 2, 3), false));
        assertEquals("LayerNormalization 'ln': axis 0 does not fit input shape [2, 3] (the batch axis cannot be"
                + " normalised)", e.getMessage());
        LayerNorm built = new LayerNorm();
        built.call(randn(1, 2, 3), false);
        assertThrows(IllegalArgumentException.class, () -> built.call(randn(1, 2, 4), false));
    }
}
