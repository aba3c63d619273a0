package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The fused in-place ops used by optimizers, on the contiguous fast path and the strided path. */
class InPlaceOpsTest {

    @Test
    void fusedOpsComputeTheirFormulas() {
        Tensor a = Tensor.of(new double[] {1, 2, 3});
        Tensor b = Tensor.of(new double[] {4, 5, 8});
        assertArrayEquals(new double[] {9, 22, 51}, Tensor.of(new double[] {1, 2, 3}).addcmulInPlace(a, b, 2).toDoubleArray(), 0);
        assertArrayEquals(new double[] {1.5, 2.8, 3.75}, Tensor.of(new double[] {1, 2, 3}).addcdivInPlace(a, b, 2).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {1.75, 2.75, 4.25}, Tensor.of(new double[] {1, 2, 3}).lerpInPlace(b, 0.25).toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, 3, 4}, Tensor.of(new double[] {4, 9, 16}).sqrtInPlace().toDoubleArray(), 0);
        assertArrayEquals(new double[] {1.5, 2.5, 3.5}, Tensor.of(new double[] {1, 2, 3}).addInPlace(0.5).toDoubleArray(), 0);
        assertArrayEquals(new double[] {4, 6, 8}, Tensor.of(new double[] {1, 6, 3}).maximumInPlace(b).toDoubleArray(), 0);
    }

    @Test
    void float32ResultsAreRoundedOnceFromDouble() {
        Tensor x = Tensor.of(new float[] {1f, 3f});
        x.addcdivInPlace(Tensor.of(new float[] {1f, 1f}), Tensor.of(new float[] {3f, 7f}), 1);
        assertArrayEquals(new float[] {(float) (1 + 1.0 / 3), (float) (3 + 1.0 / 7)}, x.toFloatArray(), 0f);
    }

    @Test
    void stridedTargetsAndOperandsMatchTheContiguousPath() {
        Tensor base = Tensor.arange(DType.FLOAT64, 1, 7, 1).reshape(2, 3);
        Tensor other = Tensor.arange(DType.FLOAT64, 10, 16, 1).reshape(3, 2);
        Tensor contiguous = Tensor.zeros(DType.FLOAT64, 3, 2).copyFrom(base.t());
        contiguous.addcmulInPlace(other, other, 0.5);
        Tensor view = base.t();
        assertTrue(!view.isContiguous());
        view.addcmulInPlace(other, other, 0.5);
        assertArrayEquals(contiguous.toDoubleArray(), view.toDoubleArray(), 0);
        Tensor target = Tensor.zeros(DType.FLOAT64, 3, 2).copyFrom(base.t());
        target.lerpInPlace(other.t().t(), 0.5);
        Tensor expected = Tensor.zeros(DType.FLOAT64, 3, 2).copyFrom(base.t()).lerpInPlace(other, 0.5);
        assertArrayEquals(expected.toDoubleArray(), target.toDoubleArray(), 0);
        Tensor transposedOperand = Tensor.zeros(DType.FLOAT64, 2, 3).addcdivInPlace(other.t(), other.t(), 1);
        assertArrayEquals(new double[] {1, 1, 1, 1, 1, 1}, transposedOperand.toDoubleArray(), 0);
    }

    @Test
    void operandsBroadcastToTheTargetShape() {
        Tensor x = Tensor.zeros(DType.FLOAT64, 2, 3);
        x.addcmulInPlace(Tensor.of(new double[] {1, 2, 3}), Tensor.of(new double[] {2}), 1);
        assertArrayEquals(new double[] {2, 4, 6, 2, 4, 6}, x.toDoubleArray(), 0);
    }

    @Test
    void overlappingViewsReadTheOldValues() {
        Tensor t = Tensor.arange(DType.FLOAT64, 0, 5, 1);
        t.slice(0, 1, 5).addInPlace(t.slice(0, 0, 4));
        assertArrayEquals(new double[] {0, 1, 3, 5, 7}, t.toDoubleArray(), 0);
        Tensor u = Tensor.arange(DType.FLOAT64, 0, 5, 1);
        u.slice(0, 0, 4).lerpInPlace(u.slice(0, 1, 5), 1);
        assertArrayEquals(new double[] {1, 2, 3, 4, 4}, u.toDoubleArray(), 0);
    }

    @Test
    void aTensorUpdatedFromItselfUsesTheFastPath() {
        Tensor g = Tensor.of(new float[] {2f, -3f});
        Tensor v = Tensor.zeros(2);
        v.addcmulInPlace(g, g, 1);
        g.addcmulInPlace(g, g, 1);
        assertArrayEquals(new float[] {4f, 9f}, v.toFloatArray(), 0f);
        assertArrayEquals(new float[] {6f, 6f}, g.toFloatArray(), 0f);
    }

    @Test
    void everyOpBumpsTheVersionOnceAndReturnsThis() {
        Tensor x = Tensor.ones(3);
        Tensor base = x.reshape(3);
        int v = base.version();
        assertSame(x, x.sqrtInPlace());
        x.addInPlace(1.0).clampInPlace(0, 1.5).mulInPlace(2.0);
        assertEquals(v + 4, base.version());
        assertArrayEquals(new float[] {3f, 3f, 3f}, base.toFloatArray(), 0f);
    }

    @Test
    void clampInPlaceLimitsAndKeepsNaN() {
        Tensor x = Tensor.of(new double[] {-5, 0.5, 5, Double.NaN}).clampInPlace(-1, 1);
        double[] v = x.toDoubleArray();
        assertArrayEquals(new double[] {-1, 0.5, 1}, java.util.Arrays.copyOf(v, 3), 0);
        assertTrue(Double.isNaN(v[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> x.clampInPlace(1, -1));
        assertTrue(e.getMessage().contains("clampInPlace"), e.getMessage());
    }

    @Test
    void aVariableCanOnlyBeChangedInsideNoGrad() {
        Tensor w = Tensor.ones(2).requiresGrad(true);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> w.addcmulInPlace(w, w, 1));
        assertTrue(e.getMessage().contains("addcmulInPlace"), e.getMessage());
        try (Autograd.Scope s = Autograd.noGrad()) {
            w.addcmulInPlace(Tensor.ones(2), Tensor.ones(2), -0.5);
        }
        assertArrayEquals(new float[] {0.5f, 0.5f}, w.toFloatArray(), 0f);
        assertTrue(w.isLeaf());
    }

    @Test
    void badOperandsNameTheOpAndShapes() {
        Tensor x = Tensor.zeros(2, 3);
        IllegalArgumentException dtype = assertThrows(IllegalArgumentException.class,
                () -> x.addcdivInPlace(Tensor.ones(DType.FLOAT64, 2, 3), Tensor.ones(2, 3), 1));
        assertTrue(dtype.getMessage().contains("addcdivInPlace") && dtype.getMessage().contains("float64"), dtype.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> x.lerpInPlace(Tensor.ones(4, 2, 3), 0.5));
        assertTrue(shape.getMessage().contains("lerpInPlace") && shape.getMessage().contains("[4, 2, 3]"), shape.getMessage());
    }

    @Test
    void fusedAdamStepsAreBitIdenticalToTheirSeparateSteps() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            Rng rng = new Rng(11);
            Tensor g = Tensor.randn(rng, dtype, 37, 5).mul(1e-3);
            Tensor v0 = Tensor.rand(rng, dtype, 37, 5).mul(1e-6);
            double beta2 = 0.999;
            double scale = 1 / Math.sqrt(1 - Math.pow(beta2, 7));
            Tensor separateV = v0.copy().mulInPlace(beta2).addcmulInPlace(g, g, 1 - beta2);
            Tensor fusedV = v0.copy().scaleAddcmulInPlace(beta2, g, g, 1 - beta2);
            assertBitIdentical(separateV, fusedV);
            Tensor separateDenominator = Tensor.zeros(dtype, 37, 5).copyFrom(separateV).sqrtInPlace()
                    .mulInPlace(scale).addInPlace(1e-8);
            Tensor fusedDenominator = Tensor.zeros(dtype, 37, 5).setSqrtAffineInPlace(fusedV, scale, 1e-8);
            assertBitIdentical(separateDenominator, fusedDenominator);
            // the strided path (transposed target and operands) gives the same bits
            Tensor stridedV = v0.copy().t().contiguous().t();
            assertTrue(!stridedV.isContiguous());
            stridedV.scaleAddcmulInPlace(beta2, g.t().contiguous().t(), g, 1 - beta2);
            assertBitIdentical(separateV, stridedV);
            Tensor stridedDenominator = Tensor.zeros(dtype, 5, 37).t().setSqrtAffineInPlace(stridedV, scale, 1e-8);
            assertBitIdentical(separateDenominator, stridedDenominator);
        }
    }

    private static void assertBitIdentical(Tensor expected, Tensor actual) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    "element " + i + ": " + e[i] + " vs " + a[i] + " (" + expected.dtype() + ")");
        }
    }
}
