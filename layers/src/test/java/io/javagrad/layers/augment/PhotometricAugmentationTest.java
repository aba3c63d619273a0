package io.javagrad.layers.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import org.junit.jupiter.api.Test;

class PhotometricAugmentationTest {
    private static final int[] SPATIAL = {2, 3};

    private static Tensor images(long seed) {
        return Tensor.uniform(new Rng(seed), DType.FLOAT64, 0.3, 0.7, 6, 3, 4, 5);
    }

    @Test
    void brightnessAddsOneDeltaFromTheRangePerImage() {
        Tensor x = images(1);
        Tensor diff = new Brightness(-0.2, 0.1).apply(x, new Rng(2)).sub(x);
        double first = Double.NaN;
        for (int n = 0; n < 6; n++) {
            Tensor d = diff.select(0, n);
            double delta = d.mean().item();
            assertEquals(0, d.amax(new int[] {0, 1, 2}, false).item() - d.amin(new int[] {0, 1, 2}, false).item(), 1e-12);
            assertTrue(delta >= -0.2 && delta <= 0.1, "delta " + delta);
            if (n == 0) {
                first = delta;
            } else {
                assertNotEquals(first, delta);
            }
        }
    }

    @Test
    void brightnessClipsToTheGivenRange() {
        Tensor x = images(3);
        Tensor y = new Brightness(0.5, 0.5, 0, 1).apply(x, new Rng(4));
        assertArrayEquals(x.add(0.5).clamp(0, 1).toDoubleArray(), y.toDoubleArray(), 0);
        assertEquals(1, y.amax(new int[] {0, 1, 2, 3}, false).item());
    }

    @Test
    void contrastKeepsEachChannelsMeanAndScalesItsSpreadByOneFactorPerImage() {
        Tensor x = images(5);
        Tensor y = new Contrast(0.5, 1.5).apply(x, new Rng(6));
        Tensor xm = x.mean(SPATIAL, true);
        Tensor ym = y.mean(SPATIAL, true);
        assertEquals(0, xm.sub(ym).abs().amax(new int[] {0, 1, 2, 3}, false).item(), 1e-12);
        Tensor ratio = y.std(SPATIAL, false).div(x.std(SPATIAL, false));
        for (int n = 0; n < 6; n++) {
            double f = ratio.get(n, 0);
            assertTrue(f >= 0.5 && f <= 1.5, "factor " + f);
            for (int c = 1; c < 3; c++) {
                assertEquals(f, ratio.get(n, c), 1e-9);
            }
            // every pixel moved along the same line: y - mean = f (x - mean)
            Tensor dev = y.select(0, n).sub(ym.select(0, n)).sub(x.select(0, n).sub(xm.select(0, n)).mul(f));
            assertEquals(0, dev.abs().amax(new int[] {0, 1, 2}, false).item(), 1e-12);
        }
    }

    @Test
    void contrastClipsToTheGivenRange() {
        Tensor y = new Contrast(10, 10, 0.2, 0.8).apply(images(7), new Rng(8));
        assertEquals(0.8, y.amax(new int[] {0, 1, 2, 3}, false).item());
        assertEquals(0.2, y.amin(new int[] {0, 1, 2, 3}, false).item());
    }

    @Test
    void gradientsFlowToTheImages() {
        Tensor x = images(9).requiresGrad(true);
        GradCheck.assertGradients(in -> new Brightness(-0.1, 0.1, 0, 1).apply(in[0], new Rng(3)), x);
        GradCheck.assertGradients(in -> new Contrast(0.8, 1.2).apply(in[0], new Rng(3)), x);
        GradCheck.assertGradients(in -> new Contrast(0.8, 1.2).apply(in[0].transpose(2, 3), new Rng(3)), x);
    }

    @Test
    void badArgumentsAreRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Contrast(-0.5, 1));
        assertTrue(e.getMessage().startsWith("Contrast: factor must lie in [0.0, Infinity]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Brightness(0.1, -0.1));
        assertTrue(e.getMessage().startsWith("Brightness: delta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Brightness(0, 0.1, 1, 1));
        assertTrue(e.getMessage().startsWith("Brightness: clip range"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Contrast(1, 1).apply(Tensor.zeros(3, 4), new Rng(1)));
        assertTrue(e.getMessage().startsWith("Contrast: expected a rank-4 input"), e.getMessage());
    }
}
