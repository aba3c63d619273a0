package io.javagrad.layers;

import static io.javagrad.layers.LayerChecks.assertConfigRoundTrip;
import static io.javagrad.layers.LayerChecks.assertLayerGradients;
import static io.javagrad.layers.LayerChecks.randn;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.javagrad.core.Tensor;
import org.junit.jupiter.api.Test;

class ShapeLayersTest {

    @Test
    void flattenKeepsTheBatchAxisAndRowMajorOrder() {
        Tensor x = randn(1, 2, 3, 2, 2);
        Tensor y = new Flatten().call(x, false);
        assertArrayEquals(new int[] {2, 12}, y.shape());
        assertArrayEquals(x.toDoubleArray(), y.toDoubleArray(), 0);
        assertArrayEquals(new int[] {0, 12}, new Flatten().call(Tensor.zeros(0, 3, 4), false).shape());
        assertLayerGradients(new Flatten(), randn(2, 3, 2, 2).transpose(1, 2));
        assertConfigRoundTrip(new Flatten(), x);
    }

    @Test
    void reshapeInfersOneSizeAndExplainsMismatches() {
        Tensor x = randn(3, 2, 12);
        assertArrayEquals(new int[] {2, 3, 4}, new Reshape(3, 4).call(x, false).shape());
        assertArrayEquals(new int[] {2, 2, 3, 2}, new Reshape(2, -1, 2).call(x, false).shape());
        assertLayerGradients(new Reshape(4, 3), randn(4, 2, 12));
        assertConfigRoundTrip(new Reshape(-1, 6), x);
        Reshape r = new Reshape(5, -1);
        r.setName("reshape_1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.call(x, false));
        assertEquals("Reshape 'reshape_1': cannot reshape input of shape [2, 12] to target shape [5, -1] per sample"
                + " (12 values per sample)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Reshape(-1, -1));
        assertThrows(IllegalArgumentException.class, () -> new Reshape(0, 3));
    }

    @Test
    void dropoutKeepsTheMeanAndDropsAboutRateOfTheElements() {
        Dropout d = new Dropout(0.3);
        d.setSeed(42);
        Tensor x = Tensor.ones(200, 100);
        Tensor y = d.call(x, true);
        double zeros = y.eq(0).sum().item() / y.numel();
        assertEquals(0.3, zeros, 0.01);
        assertEquals(1.0, y.mean().item(), 0.02);
        double kept = y.sum().item() / (y.numel() - y.eq(0).sum().item());
        assertEquals(1 / 0.7, kept, 1e-6);
    }

    @Test
    void dropoutIsTheIdentityAtInferenceAndReproducibleWithASeed() {
        Dropout d = new Dropout(0.5);
        Tensor x = randn(1, 8, 8);
        assertArrayEquals(x.toDoubleArray(), d.call(x, false).toDoubleArray(), 0);
        d.setSeed(7);
        double[] first = d.call(x, true).toDoubleArray();
        double[] second = d.call(x, true).toDoubleArray();
        d.setSeed(7);
        assertArrayEquals(first, d.call(x, true).toDoubleArray(), 0);
        assertEquals(false, java.util.Arrays.equals(first, second));
        assertArrayEquals(x.toDoubleArray(), new Dropout(0).call(x, true).toDoubleArray(), 0);
    }

    @Test
    void dropoutGradientsUseTheMask() {
        Dropout d = new Dropout(0.4);
        assertLayerGradients(d, true, () -> d.setSeed(3), randn(2, 4, 5));
        assertConfigRoundTrip(new Dropout(0.25), randn(3, 2, 2));
    }

    @Test
    void dropoutRateOutsideTheUnitIntervalIsRefused() {
        for (double rate : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(rate));
            assertEquals("Dropout: rate must be in [0, 1), got " + rate, e.getMessage());
        }
    }
}
