package io.javagrad.core.kernels;

import io.javagrad.core.Parallelism;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gemm against reference triple loops, for every transpose combination, with and without
 * accumulation, offsets and padded leading dimensions. Runs with and without the Vector API.
 */
@Tag("kernels")
class GemmTest {

    /**
     * {m, n, k}: tiny, primes, edges of the micro-tiles (4, 6, 8 rows; 4, 16, 32 columns), of kc and of nc,
     * C at most 16 wide (the narrow path, with several kc blocks), C with few rows, a multiple of the
     * micro-tile width, C one or two packed micro-panels tall and wider (with B transposed, computed as its transpose
     * where n is not a whole number of micro-tiles or k >= 2m, as 32x45x777, 64x100x300, 32x96x70 and 64x128x130 are
     * with the Vector API on AVX-512, and 16x64x1030 in float64; 32x4200x70, and 8x1100x20 with the plain kernels,
     * in several blocks of B's rows), and C one or two micro-tiles wide (A read in place), over several row blocks
     * with a partial last row panel. Without transposes, those no taller than wide and at least max(256, 2n) deep are
     * split in two halves of their depth (see {@link BlockedGemm#depthSplit}), such as 5x15x300, 8x32x385, 64x100x300
     * and 16x64x1030.
     */
    static List<int[]> shapes() {
        return List.of(
                new int[] {1, 1, 1}, new int[] {4, 8, 2}, new int[] {1, 1, 0}, new int[] {0, 3, 5}, new int[] {2, 3, 7},
                new int[] {7, 13, 31}, new int[] {37, 41, 43}, new int[] {61, 97, 127},
                new int[] {5, 15, 300}, new int[] {6, 16, 256}, new int[] {7, 17, 257}, new int[] {3, 31, 511},
                new int[] {12, 32, 100}, new int[] {13, 33, 100}, new int[] {23, 47, 64}, new int[] {64, 64, 64},
                new int[] {130, 67, 300}, new int[] {300, 5, 40}, new int[] {1, 300, 80}, new int[] {300, 1, 80},
                new int[] {7, 4200, 3}, new int[] {200, 150, 600}, new int[] {8, 32, 385}, new int[] {9, 31, 769},
                new int[] {17, 65, 50}, new int[] {33, 9, 700}, new int[] {16, 16, 400},
                new int[] {64, 100, 300}, new int[] {32, 45, 777}, new int[] {16, 40, 50}, new int[] {8, 21, 30},
                new int[] {300, 32, 90}, new int[] {203, 64, 20}, new int[] {16, 64, 1030}, new int[] {40, 100, 600},
                new int[] {32, 96, 70}, new int[] {64, 128, 130}, new int[] {32, 4200, 70}, new int[] {8, 1100, 20});
    }

    static List<Object[]> cases() {
        List<Object[]> cases = new ArrayList<>();
        for (int[] s : shapes()) {
            for (int t = 0; t < 4; t++) {
                cases.add(new Object[] {s[0], s[1], s[2], (t & 1) != 0, (t & 2) != 0});
            }
        }
        return cases;
    }

    /** A row-major matrix stored at an offset with a padded leading dimension, padding filled too. */
    private record Stored(int rows, int cols, int off, int ld, int length) {
        static Stored of(int rows, int cols, int off, int pad) {
            int ld = Math.max(1, cols + pad);
            return new Stored(rows, cols, off, ld, off + rows * ld + pad);
        }
    }

    @ParameterizedTest(name = "float32 m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("cases")
    void float32MatchesReference(int m, int n, int k, boolean transA, boolean transB) {
        Random rnd = new Random(31L * m + 17L * n + k + (transA ? 7 : 0) + (transB ? 3 : 0));
        Stored sa = transA ? Stored.of(k, m, 3, 2) : Stored.of(m, k, 3, 2);
        Stored sb = transB ? Stored.of(n, k, 1, 5) : Stored.of(k, n, 1, 5);
        Stored sc = Stored.of(m, n, 2, 3);
        float[] a = randomFloats(rnd, sa.length);
        float[] b = randomFloats(rnd, sb.length);
        float[] c0 = randomFloats(rnd, sc.length);
        int half = BlockedGemm.depthSplit(transA, transB, m, n, k);
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] c = c0.clone();
            Gemm.gemm(transA, transB, m, n, k, a, sa.off, sa.ld, b, sb.off, sb.ld, c, sc.off, sc.ld, accumulate);
            for (int idx = 0; idx < c.length; idx++) {
                int i = (idx - sc.off) / sc.ld, j = (idx - sc.off) % sc.ld;
                boolean inside = idx >= sc.off && i < m && j < n;
                if (!inside) {
                    assertEquals(c0[idx], c[idx], "element outside C changed at " + idx);
                    continue;
                }
                float fma = accumulate ? c0[idx] : 0f, firstHalf = 0f;
                double ref = accumulate ? c0[idx] : 0.0, mag = Math.abs(ref);
                for (int p = 0; p < k; p++) {
                    if (p == half) {
                        firstHalf = fma;
                        fma = 0f;
                    }
                    float av = a[sa.off + (transA ? p * sa.ld + i : i * sa.ld + p)];
                    float bv = b[sb.off + (transB ? j * sb.ld + p : p * sb.ld + j)];
                    fma = Math.fma(av, bv, fma);
                    ref += (double) av * bv;
                    mag += Math.abs((double) av * bv);
                }
                fma = half < k ? firstHalf + fma : fma;
                String at = "C(" + i + ", " + j + ") accumulate=" + accumulate;
                assertEquals(ref, c[idx], 1e-6 * (k + 1) * mag + 1e-30, at);
                assertEquals(Float.floatToRawIntBits(fma), Float.floatToRawIntBits(c[idx]), at + " not the fma chains");
            }
        }
    }

    @ParameterizedTest(name = "float64 m={0} n={1} k={2} transA={3} transB={4}")
    @MethodSource("cases")
    void float64MatchesReference(int m, int n, int k, boolean transA, boolean transB) {
        Random rnd = new Random(29L * m + 13L * n + k + (transA ? 7 : 0) + (transB ? 3 : 0));
        Stored sa = transA ? Stored.of(k, m, 1, 3) : Stored.of(m, k, 1, 3);
        Stored sb = transB ? Stored.of(n, k, 4, 1) : Stored.of(k, n, 4, 1);
        Stored sc = Stored.of(m, n, 5, 2);
        double[] a = randomDoubles(rnd, sa.length);
        double[] b = randomDoubles(rnd, sb.length);
        double[] c0 = randomDoubles(rnd, sc.length);
        int half = BlockedGemm.depthSplit(transA, transB, m, n, k);
        for (boolean accumulate : new boolean[] {false, true}) {
            double[] c = c0.clone();
            Gemm.gemm(transA, transB, m, n, k, a, sa.off, sa.ld, b, sb.off, sb.ld, c, sc.off, sc.ld, accumulate);
            for (int idx = 0; idx < c.length; idx++) {
                int i = (idx - sc.off) / sc.ld, j = (idx - sc.off) % sc.ld;
                boolean inside = idx >= sc.off && i < m && j < n;
                if (!inside) {
                    assertEquals(c0[idx], c[idx], "element outside C changed at " + idx);
                    continue;
                }
                double fma = accumulate ? c0[idx] : 0.0, firstHalf = 0.0;
                double ref = fma, mag = Math.abs(ref);
                for (int p = 0; p < k; p++) {
                    if (p == half) {
                        firstHalf = fma;
                        fma = 0.0;
                    }
                    double av = a[sa.off + (transA ? p * sa.ld + i : i * sa.ld + p)];
                    double bv = b[sb.off + (transB ? j * sb.ld + p : p * sb.ld + j)];
                    fma = Math.fma(av, bv, fma);
                    ref += av * bv;
                    mag += Math.abs(av * bv);
                }
                fma = half < k ? firstHalf + fma : fma;
                String at = "C(" + i + ", " + j + ") accumulate=" + accumulate;
                assertEquals(ref, c[idx], 1e-15 * (k + 1) * mag + 1e-300, at);
                assertEquals(Double.doubleToRawLongBits(fma), Double.doubleToRawLongBits(c[idx]),
                        at + " not the fma chains");
            }
        }
    }

    @Test
    void oldContentsOfCAreIgnoredWithoutAccumulate() {
        float[] c = {Float.NaN, Float.POSITIVE_INFINITY};
        Gemm.gemm(false, false, 1, 2, 1, new float[] {2f}, 0, 1, new float[] {3f, 4f}, 0, 2, c, 0, 2, false);
        assertArrayEquals(new float[] {6f, 8f}, c);
        double[] d = new double[300 * 300];
        java.util.Arrays.fill(d, Double.NaN);
        Gemm.gemm(false, false, 300, 300, 0, new double[0], 0, 1, new double[300], 0, 300, d, 0, 300, false);
        for (double v : d) {
            assertEquals(0.0, v);
        }
    }

    /** Each micro-kernel (packed, A read in place, narrow; see BlockedGemm) starts from zeros, not from C's NaNs. */
    @ParameterizedTest(name = "m={0} n={1} k={2} transB={3}")
    @CsvSource({"64, 96, 16, false", "64, 64, 16, false", "64, 10, 16, false", "8, 96, 16, true", "64, 96, 400, false"})
    void microKernelsIgnoreOldContentsOfCWithoutAccumulate(int m, int n, int k, boolean transB) {
        Random rnd = new Random(m + n + k);
        float[] af = randomFloats(rnd, m * k), bf = randomFloats(rnd, k * n);
        float[] fromZeros = new float[m * n], fromNaNs = new float[m * n];
        java.util.Arrays.fill(fromNaNs, Float.NaN);
        int ldb = transB ? k : n;
        Gemm.gemm(false, transB, m, n, k, af, 0, k, bf, 0, ldb, fromZeros, 0, n, false);
        Gemm.gemm(false, transB, m, n, k, af, 0, k, bf, 0, ldb, fromNaNs, 0, n, false);
        assertArrayEquals(fromZeros, fromNaNs);
        double[] ad = randomDoubles(rnd, m * k), bd = randomDoubles(rnd, k * n);
        double[] dFromZeros = new double[m * n], dFromNaNs = new double[m * n];
        java.util.Arrays.fill(dFromNaNs, Double.NaN);
        Gemm.gemm(false, transB, m, n, k, ad, 0, k, bd, 0, ldb, dFromZeros, 0, n, false);
        Gemm.gemm(false, transB, m, n, k, ad, 0, k, bd, 0, ldb, dFromNaNs, 0, n, false);
        assertArrayEquals(dFromZeros, dFromNaNs);
    }

    @Test
    void onlyDeepUntransposedProductsAreSplitByDepth() {
        assertEquals(392, BlockedGemm.depthSplit(false, false, 64, 256, 784)); // a Dense layer's forward pass
        assertEquals(256, BlockedGemm.depthSplit(false, false, 256, 256, 512));
        assertEquals(784, BlockedGemm.depthSplit(true, false, 64, 256, 784));
        assertEquals(784, BlockedGemm.depthSplit(false, true, 64, 256, 784));
        assertEquals(784, BlockedGemm.depthSplit(false, false, 300, 256, 784)); // taller than wide
        assertEquals(128, BlockedGemm.depthSplit(false, false, 64, 128, 256));
        assertEquals(255, BlockedGemm.depthSplit(false, false, 8, 16, 255)); // shallow
        assertEquals(784, BlockedGemm.depthSplit(false, false, 64, 393, 784)); // depth under twice the width
    }

    /**
     * Every way of splitting the work (by columns, by rows, by depth), above the parallel work threshold; three threads
     * give a depth-split product a chunk that spans both halves.
     */
    @ParameterizedTest(name = "m={0} n={1} k={2}")
    @MethodSource("parallelShapes")
    void bitIdenticalWithOneTwoAndThreeThreads(int m, int n, int k) {
        assertTrue((long) m * n * k >= ParallelFor.MIN_PARALLEL_WORK);
        Random rnd = new Random(7);
        float[] af = randomFloats(rnd, m * k), bf = randomFloats(rnd, k * n);
        double[] ad = randomDoubles(rnd, m * k), bd = randomDoubles(rnd, k * n);
        int saved = Parallelism.threads();
        try {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 1) != 0, transB = (t & 2) != 0;
                int lda = transA ? m : k, ldb = transB ? k : n;
                float[][] cf = new float[3][m * n];
                double[][] cd = new double[3][m * n];
                for (int threads = 1; threads <= 3; threads++) {
                    Parallelism.setThreads(threads);
                    Gemm.gemm(transA, transB, m, n, k, af, 0, lda, bf, 0, ldb, cf[threads - 1], 0, n, false);
                    Gemm.gemm(transA, transB, m, n, k, ad, 0, lda, bd, 0, ldb, cd[threads - 1], 0, n, false);
                }
                for (int r = 1; r < 3; r++) {
                    String at = (r + 1) + " threads, transA=" + transA + " transB=" + transB;
                    assertArrayEquals(cf[0], cf[r], "float32 " + at);
                    assertArrayEquals(cd[0], cd[r], "float64 " + at);
                }
            }
        } finally {
            Parallelism.setThreads(saved);
        }
    }

    static List<Object[]> parallelShapes() {
        return List.of(new Object[] {97, 301, 257}, new Object[] {301, 37, 200}, new Object[] {64, 256, 784},
                new Object[] {40, 100, 600});
    }

    @Test
    void rejectsBadArguments() {
        float[] x = new float[12];
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 4, x, 0, 4, x, 0, 4, new float[12], 0, 4, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, 3, 4, 4, x, 0, 3, new float[16], 0, 4, new float[12], 0, 4, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(false, false, -1, 4, 4, x, 0, 4, x, 0, 4, x, 0, 4, false));
        assertThrows(IllegalArgumentException.class,
                () -> Gemm.gemm(true, false, 2, 2, 2, new double[4], 1, 2, new double[4], 0, 2,
                        new double[4], 0, 2, false));
    }

    private static float[] randomFloats(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextFloat() * 2 - 1;
        }
        return x;
    }

    private static double[] randomDoubles(Random rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 2 - 1;
        }
        return x;
    }
}
