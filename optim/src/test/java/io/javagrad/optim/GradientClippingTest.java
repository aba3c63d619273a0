package io.javagrad.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClippingTest {

    private static Tensor withGrad(double[] value, double[] grad) {
        Tensor p = Tensor.of(value).requiresGrad(true);
        p.setGrad(Tensor.of(grad));
        return p;
    }

    @Test
    void clipByNormScalesAllGradientsByTheGlobalNorm() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {3, 4});
        Tensor b = withGrad(new double[] {0}, new double[] {12});
        Tensor none = Tensor.zeros(2).requiresGrad(true);
        double norm = GradientClipping.clipByNorm(List.of(a, none, b), 6.5);
        assertEquals(13, norm, 1e-12);
        double scale = 6.5 / (13 + 1e-6);
        assertArrayEquals(new double[] {3 * scale, 4 * scale}, a.grad().toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {12 * scale}, b.grad().toDoubleArray(), 1e-15);
        assertNull(none.grad());
    }

    @Test
    void clipByNormLeavesSmallGradientsAlone() {
        Tensor a = withGrad(new double[] {0, 0}, new double[] {0.3, 0.4});
        assertEquals(0.5, GradientClipping.clipByNorm(List.of(a), 1), 1e-15);
        assertArrayEquals(new double[] {0.3, 0.4}, a.grad().toDoubleArray(), 0);
    }

    @Test
    void clipByValueClampsEveryElement() {
        Tensor a = withGrad(new double[] {0, 0, 0}, new double[] {-3, 0.2, 7});
        GradientClipping.clipByValue(List.of(a), 1);
        assertArrayEquals(new double[] {-1, 0.2, 1}, a.grad().toDoubleArray(), 0);
    }

    @Test
    void limitsMustBePositive() {
        List<Tensor> none = List.of();
        String m = assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByNorm(none, 0)).getMessage();
        assertEquals("clipByNorm: maxNorm must be a finite number > 0, got 0.0", m);
        m = assertThrows(IllegalArgumentException.class, () -> GradientClipping.clipByValue(none, Double.NaN)).getMessage();
        assertTrue(m.startsWith("clipByValue: clip"), m);
    }

    @Test
    void optimizerClipsBeforeUpdatingAndZeroTurnsItOff() {
        Tensor p = withGrad(new double[] {0, 0}, new double[] {3, 4});
        Optimizer sgd = new SGD(1).setParameters(List.of(p)).setClipNorm(1);
        sgd.step();
        assertArrayEquals(new double[] {-0.6, -0.8}, p.toDoubleArray(), 1e-6);
        sgd.setClipNorm(0).setClipValue(0.5);
        p.setGrad(Tensor.of(new double[] {3, -0.25}));
        sgd.step();
        assertArrayEquals(new double[] {-1.1, -0.55}, p.toDoubleArray(), 1e-6);
        sgd.setClipValue(0);
        p.setGrad(Tensor.of(new double[] {3, 4}));
        sgd.step();
        assertArrayEquals(new double[] {-4.1, -4.55}, p.toDoubleArray(), 1e-6);
    }
}
