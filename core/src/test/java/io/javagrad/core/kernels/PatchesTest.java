package io.javagrad.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * im2col against the window table it abbreviates ({@link Patches#index}), with several images side by side as the
 * convolution kernels unfold them; the matrix must be exact and nothing after it written.
 */
@Tag("kernels")
class PatchesTest {
    private static final int CHANNELS = 3;
    private static final int IMAGES = 3;
    private static final double SENTINEL = -7;

    /** {inH, inW, kH, kW, stride, pad}: dense rows of 3, 8, 11, 16 and 26 entries, then padded and strided. */
    private static final int[][] GEOMETRIES = {
        {5, 5, 3, 3, 1, 0}, {10, 10, 3, 3, 1, 0}, {13, 13, 3, 3, 1, 0}, {6, 18, 3, 3, 1, 0}, {28, 28, 3, 3, 1, 0},
        {13, 13, 3, 3, 1, 1}, {11, 12, 3, 2, 2, 1}, {9, 30, 1, 5, 1, 2},
    };

    @Test
    void im2colMatchesTheWindowTableInFloat32() {
        for (int[] geometry : GEOMETRIES) {
            Patches p = patches(geometry);
            int plane = p.inputPlane();
            float[] x = new float[IMAGES * CHANNELS * plane];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            int ld = IMAGES * p.positions();
            int rows = CHANNELS * p.kernelSize();
            float[] col = new float[rows * ld + 20];
            Arrays.fill(col, (float) SENTINEL);
            for (int n = 0; n < IMAGES; n++) {
                p.im2col(x, n * CHANNELS * plane, CHANNELS, col, n * p.positions(), ld);
            }
            double[] widened = new double[col.length];
            for (int i = 0; i < col.length; i++) {
                widened[i] = col[i];
            }
            check(p, Arrays.toString(geometry), widened, ld);
        }
    }

    @Test
    void im2colMatchesTheWindowTableInFloat64() {
        for (int[] geometry : GEOMETRIES) {
            Patches p = patches(geometry);
            int plane = p.inputPlane();
            double[] x = new double[IMAGES * CHANNELS * plane];
            for (int i = 0; i < x.length; i++) {
                x[i] = i + 1;
            }
            int ld = IMAGES * p.positions();
            double[] col = new double[CHANNELS * p.kernelSize() * ld + 20];
            Arrays.fill(col, SENTINEL);
            for (int n = 0; n < IMAGES; n++) {
                p.im2col(x, n * CHANNELS * plane, CHANNELS, col, n * p.positions(), ld);
            }
            check(p, Arrays.toString(geometry), col, ld);
        }
    }

    private static Patches patches(int[] g) {
        int inH = g[0], inW = g[1], kH = g[2], kW = g[3], stride = g[4], pad = g[5];
        int outH = (inH + 2 * pad - kH) / stride + 1;
        int outW = (inW + 2 * pad - kW) / stride + 1;
        return new Patches(inH, inW, kH, kW, stride, stride, pad, pad, 1, 1, outH, outW);
    }

    /** Input element {@code t} of image n, channel c holds its flat index + 1; padding reads as 0. */
    private static void check(Patches p, String what, double[] col, int ld) {
        int plane = p.inputPlane();
        for (int c = 0; c < CHANNELS; c++) {
            for (int e = 0; e < p.kernelSize(); e++) {
                for (int n = 0; n < IMAGES; n++) {
                    for (int q = 0; q < p.positions(); q++) {
                        int t = p.index(e, q);
                        double expected = t < 0 ? 0 : (n * CHANNELS + c) * plane + t + 1;
                        assertEquals(expected, col[(c * p.kernelSize() + e) * ld + n * p.positions() + q],
                                what + " channel " + c + ", element " + e + ", image " + n + ", position " + q);
                    }
                }
            }
        }
        for (int i = CHANNELS * p.kernelSize() * ld; i < col.length; i++) {
            assertEquals(SENTINEL, col[i], what + ": written after the matrix at " + i);
        }
    }
}
