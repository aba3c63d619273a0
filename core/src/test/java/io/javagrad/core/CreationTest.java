package io.javagrad.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CreationTest {

    @Test
    void constantTensors() {
        Tensor z = Tensor.zeros(2, 3);
        assertEquals(DType.FLOAT32, z.dtype());
        assertArrayEquals(new int[] {2, 3}, z.shape());
        assertArrayEquals(new float[6], z.toFloatArray(), 0);
        assertArrayEquals(new double[] {1, 1}, Tensor.ones(DType.FLOAT64, 2).toDoubleArray(), 0);
        assertArrayEquals(new float[] {1, 1, 1}, Tensor.ones(3).toFloatArray(), 0);
        assertArrayEquals(new double[] {2.5, 2.5}, Tensor.full(DType.FLOAT64, 2.5, 1, 2).toDoubleArray(), 0);
        Tensor s = Tensor.scalar(DType.FLOAT64, 4);
        assertEquals(0, s.rank());
        assertEquals(1, s.numel());
        assertEquals(4, s.item(), 0);
        assertEquals(0, Tensor.zeros(DType.FLOAT64, 3, 0).numel());
        assertTrue(Tensor.zeros(2, 3).isContiguous());
        assertFalse(z.requiresGrad());
    }

    @Test
    void arangeCountsUpOrDownAndExcludesTheStop() {
        assertArrayEquals(new float[] {0, 1, 2, 3}, Tensor.arange(4).toFloatArray(), 0);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5}, Tensor.arange(DType.FLOAT64, 1, 3, 0.5).toDoubleArray(), 0);
        assertArrayEquals(new double[] {3, 1}, Tensor.arange(DType.FLOAT64, 3, 0, -2).toDoubleArray(), 0);
        assertEquals(10, Tensor.arange(DType.FLOAT64, 0, 1, 0.1).numel());
        assertEquals(0, Tensor.arange(DType.FLOAT64, 2, 1, 1).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.arange(DType.FLOAT64, 0, 1, 0));
    }

    @Test
    void linspaceIncludesBothEnds() {
        assertArrayEquals(new double[] {0, 0.25, 0.5, 0.75, 1}, Tensor.linspace(DType.FLOAT64, 0, 1, 5).toDoubleArray(), 0);
        assertArrayEquals(new double[] {2, -2}, Tensor.linspace(DType.FLOAT64, 2, -2, 2).toDoubleArray(), 0);
        assertArrayEquals(new double[] {7}, Tensor.linspace(DType.FLOAT64, 7, 9, 1).toDoubleArray(), 0);
        assertEquals(0, Tensor.linspace(DType.FLOAT32, 0, 1, 0).numel());
        assertThrows(IllegalArgumentException.class, () -> Tensor.linspace(DType.FLOAT32, 0, 1, -1));
    }

    @Test
    void eyeIsTheIdentity() {
        Tensor i = Tensor.eye(DType.FLOAT64, 3);
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, i.toDoubleArray(), 0);
        Tensor m = Tensor.randn(new Rng(1), DType.FLOAT64, 3, 3);
        assertArrayEquals(m.toDoubleArray(), m.matmul(i).toDoubleArray(), 0);
        assertArrayEquals(new int[] {0, 0}, Tensor.eye(DType.FLOAT32, 0).shape());
    }

    @Test
    void ofFlatArraysWithAndWithoutShape() {
        Tensor v = Tensor.of(new float[] {1, 2, 3});
        assertArrayEquals(new int[] {3}, v.shape());
        Tensor m = Tensor.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        assertEquals(4, m.get(1, 1), 0);
        assertEquals(6, m.get(-1, -1), 0);
        double[] data = {1, 2};
        Tensor copy = Tensor.of(data);
        data[0] = 9;
        assertEquals(1, copy.get(0), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[] {1, 2, 3}, 2, 2));
        assertTrue(e.getMessage().contains("3 values") && e.getMessage().contains("[2, 2]"), e.getMessage());
    }

    @Test
    void ofNestedArrays() {
        Tensor m = Tensor.of(new double[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[] {2, 3}, m.shape());
        assertEquals(DType.FLOAT64, m.dtype());
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, m.toDoubleArray(), 0);
        Tensor c = Tensor.of(new float[][][] {{{1, 2}}, {{3, 4}}});
        assertArrayEquals(new int[] {2, 1, 2}, c.shape());
        assertEquals(DType.FLOAT32, c.dtype());
        assertEquals(3, c.get(1, 0, 0), 0);
        Tensor h = Tensor.of(new double[][][][] {{{{1}, {2}}}, {{{3}, {4}}}});
        assertArrayEquals(new int[] {2, 1, 2, 1}, h.shape());
        assertArrayEquals(new double[] {1, 2, 3, 4}, h.toDoubleArray(), 0);
        assertArrayEquals(new int[] {2, 2, 1, 1}, Tensor.of(new float[][][][] {{{{1}}, {{2}}}, {{{3}}, {{4}}}}).shape());
        assertArrayEquals(new int[] {2, 1, 1}, Tensor.of(new double[][][] {{{1}}, {{2}}}).shape());
        assertArrayEquals(new int[] {1, 2}, Tensor.of(new float[][] {{1, 2}}).shape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Tensor.of(new double[][] {{1, 2}, {3}}));
        assertTrue(e.getMessage().contains("ragged"), e.getMessage());
    }

    @Test
    void randomTensorsAreDeterminedByTheSeed() {
        assertArrayEquals(Tensor.randn(42, 3, 4).toFloatArray(), Tensor.randn(42, 3, 4).toFloatArray(), 0);
        assertArrayEquals(Tensor.rand(42, 5).toFloatArray(), Tensor.rand(42, 5).toFloatArray(), 0);
        assertFalse(Arrays.equals(Tensor.randn(42, 5).toFloatArray(), Tensor.randn(43, 5).toFloatArray()));
        Rng a = new Rng(7);
        Rng b = new Rng(7);
        Tensor first = Tensor.randn(a, DType.FLOAT64, 4);
        assertArrayEquals(first.toDoubleArray(), Tensor.randn(b, DType.FLOAT64, 4).toDoubleArray(), 0);
        assertFalse(Arrays.equals(first.toDoubleArray(), Tensor.randn(a, DType.FLOAT64, 4).toDoubleArray()),
                "a generator moves on after each draw");
    }

    @Test
    void dropoutKeepsExactlyTheDrawsThatReachTheRateAfterRounding() {
        for (DType dtype : DType.values()) {
            for (double rate : new double[] {0, 0.1, 0.5, 1 - 1e-12}) {
                long least = RandomMasks.leastKeptBits(rate, dtype);
                assertTrue(reaches(Rng.unit(least), rate, dtype), dtype + " " + rate);
                assertTrue(least == 0 || !reaches(Rng.unit(least - 1), rate, dtype), dtype + " " + rate);
            }
        }
    }

    private static boolean reaches(double u, double rate, DType dtype) {
        return dtype == DType.FLOAT32 ? (float) u >= (float) rate : u >= rate;
    }

    @Test
    void dropoutMaskEqualsTheTensorOpCompositionFromTheSameDraws() {
        for (DType dtype : DType.values()) {
            for (double rate : new double[] {0, 0.1, 0.3, 0.5, 0.7, 1e-9, 0.9999999}) {
                Rng composed = new Rng(5);
                Tensor expected = Tensor.rand(composed, dtype, 30, 7).ge(rate).mul(1 / (1 - rate));
                Rng drawn = new Rng(5);
                Tensor mask = Tensor.dropoutMask(drawn, dtype, rate, 30, 7);
                assertEquals(dtype, mask.dtype());
                assertArrayEquals(expected.toDoubleArray(), mask.toDoubleArray(), 0);
                assertEquals(composed.nextLong(), drawn.nextLong(), "the generator advances past the mask's draws");
            }
        }
        for (double rate : new double[] {-0.1, 1, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Tensor.dropoutMask(new Rng(1), DType.FLOAT32, rate, 2));
            assertEquals("dropoutMask: rate must be in [0, 1), got " + rate, e.getMessage());
        }
    }

    @Test
    void uniformValuesStayInRange() {
        for (float v : Tensor.rand(3, 1000).toFloatArray()) {
            assertTrue(v >= 0 && v < 1, "rand gave " + v);
        }
        for (double v : Tensor.uniform(new Rng(4), DType.FLOAT64, -2, -1, 500).toDoubleArray()) {
            assertTrue(v >= -2 && v < -1, "uniform gave " + v);
        }
        assertThrows(IllegalArgumentException.class, () -> Tensor.uniform(new Rng(1), DType.FLOAT64, 1, 0, 2));
    }

    @Test
    void toStringOfSmallTensorsShowsEveryValue() {
        assertEquals("tensor([[1., 2.5],\n        [3., 4.]], shape=[2, 2], dtype=float64)",
                Tensor.of(new double[][] {{1, 2.5}, {3, 4}}).toString());
        assertEquals("tensor(3., shape=[], dtype=float32)", Tensor.scalar(3).toString());
        assertEquals("tensor([0.1, -2.], shape=[2], dtype=float32, requiresGrad=true)",
                Tensor.of(new float[] {0.1f, -2}).requiresGrad(true).toString());
        assertEquals("tensor([2., 4.], shape=[2], dtype=float64, gradFn=mulScalarBackward)",
                Tensor.of(new double[] {1, 2}).requiresGrad(true).mul(2).toString());
        assertEquals("tensor([], shape=[0, 3], dtype=float32)", Tensor.zeros(0, 3).toString());
        assertEquals("tensor([0., 2.], shape=[2], dtype=float32)", Tensor.arange(4).slice(0, 0, 4, 2).toString());
    }

    @Test
    void toStringOfLargeTensorsIsSummarized() {
        String s = Tensor.arange(DType.FLOAT32, 0, 2000, 1).reshape(2, 1000).toString();
        assertEquals("tensor([[0., 1., 2., ..., 997., 998., 999.],\n"
                + "        [1000., 1001., 1002., ..., 1997., 1998., 1999.]], shape=[2, 1000], dtype=float32)", s);
        String big = Tensor.zeros(20, 20, 20).toString();
        assertTrue(big.length() < 2000, "summary has " + big.length() + " characters");
        assertTrue(big.endsWith("shape=[20, 20, 20], dtype=float32)"), big);
    }
}
