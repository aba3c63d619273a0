package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * {@link Tensor#adamStepInPlace} against the chain of in-place steps it fuses, bit for bit: on the fused kernel
 * (vectorized or plain, with tails of every length) and on the strided fallback.
 */
@Tag("kernels")
class AdamStepInPlaceTest {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    /** The moments and parameter of one parameter tensor. */
    private record State(Tensor p, Tensor m, Tensor v) {
        State copy() {
            return new State(p.copy(), m.copy(), v.copy());
        }
    }

    private static State state(Rng rng, DType dtype, int... shape) {
        return new State(Tensor.randn(rng, dtype, shape), Tensor.randn(rng, dtype, shape).mul(1e-2),
                Tensor.rand(rng, dtype, shape).mul(1e-4));
    }

    private static double scale(int t) {
        return 1 / Math.sqrt(1 - Math.pow(BETA2, t));
    }

    private static double step(int t) {
        return -1e-3 / (1 - Math.pow(BETA1, t));
    }

    private static void chain(State s, Tensor g, int t) {
        s.m.lerpInPlace(g, 1 - BETA1);
        s.v.scaleAddcmulInPlace(BETA2, g, g, 1 - BETA2);
        Tensor denominator = Tensor.zeros(s.p.dtype(), s.p.shape()).setSqrtAffineInPlace(s.v, scale(t), EPS);
        s.p.addcdivInPlace(s.m, denominator, step(t));
    }

    @Test
    void fusedStepsAreBitIdenticalToTheChainForEveryLength() {
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int n : new int[] {1, 7, 15, 16, 17, 33, 1000, 4099}) {
                Rng rng = new Rng(n);
                State fused = state(rng, dtype, n);
                State separate = fused.copy();
                for (int t = 1; t <= 3; t++) {
                    Tensor g = Tensor.randn(rng, dtype, n).mul(t == 2 ? 0 : 1e-3); // t = 2: all-zero gradient
                    chain(separate, g, t);
                    fused.p.adamStepInPlace(g, fused.m, fused.v, BETA1, BETA2, scale(t), EPS, step(t));
                    String what = dtype + ", n=" + n + ", step " + t;
                    assertBitIdentical(separate.m, fused.m, what + ", m");
                    assertBitIdentical(separate.v, fused.v, what + ", v");
                    assertBitIdentical(separate.p, fused.p, what + ", p");
                }
            }
        }
    }

    @Test
    void stridedOperandsTakeTheChainWithTheSameBits() {
        Rng rng = new Rng(3);
        State contiguous = state(rng, DType.FLOAT32, 6, 5);
        Tensor g = Tensor.randn(rng, DType.FLOAT32, 6, 5);
        State strided = new State(transposedCopy(contiguous.p), transposedCopy(contiguous.m),
                transposedCopy(contiguous.v));
        assertTrue(!strided.p.isContiguous());
        int before = strided.p.version();
        contiguous.p.adamStepInPlace(g, contiguous.m, contiguous.v, BETA1, BETA2, scale(1), EPS, step(1));
        strided.p.adamStepInPlace(transposedCopy(g), strided.m, strided.v, BETA1, BETA2, scale(1), EPS, step(1));
        assertBitIdentical(contiguous.m, strided.m, "m");
        assertBitIdentical(contiguous.v, strided.v, "v");
        assertBitIdentical(contiguous.p, strided.p, "p");
        assertTrue(strided.p.version() > before);
    }

    @Test
    void everyUpdatedTensorGetsANewVersion() {
        State s = state(new Rng(4), DType.FLOAT64, 9);
        int[] before = {s.p.version(), s.m.version(), s.v.version()};
        Tensor g = Tensor.ones(DType.FLOAT64, 9);
        int gVersion = g.version();
        assertEquals(s.p, s.p.adamStepInPlace(g, s.m, s.v, BETA1, BETA2, 1, EPS, -1e-3));
        assertEquals(before[0] + 1, s.p.version());
        assertEquals(before[1] + 1, s.m.version());
        assertEquals(before[2] + 1, s.v.version());
        assertEquals(gVersion, g.version());
    }

    @Test
    void mixedDtypesAreRejectedByName() {
        State s = state(new Rng(5), DType.FLOAT32, 4);
        Tensor g = Tensor.ones(DType.FLOAT64, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.p.adamStepInPlace(g, s.m, s.v, BETA1, BETA2, 1, EPS, -1e-3));
        assertTrue(e.getMessage().contains("adamStepInPlace"), e.getMessage());
    }

    private static Tensor transposedCopy(Tensor t) {
        return t.t().contiguous().t();
    }

    private static void assertBitIdentical(Tensor expected, Tensor actual, String what) {
        double[] e = expected.toDoubleArray();
        double[] a = actual.toDoubleArray();
        assertEquals(e.length, a.length);
        for (int i = 0; i < e.length; i++) {
            assertEquals(Double.doubleToRawLongBits(e[i]), Double.doubleToRawLongBits(a[i]),
                    what + ", element " + i + ": " + e[i] + " vs " + a[i]);
        }
    }
}
