package io.javagrad.core.kernels;

import java.util.Arrays;

/**
 * 2-d max and average pooling over the contiguous input planes {@code first} (inclusive) to {@code end} (exclusive)
 * of an NCHW tensor (N * C planes), with the windows of a {@link Patches} table, and the gather/scatter pair that carries max-pooling gradients.
 * Padding never wins a max and, unless counted, does not enter an average. Each float32 method is followed by
 * its float64 twin. Outputs are fresh arrays (zero-filled).
 */
public final class PoolKernels {
    private PoolKernels() {}

    /**
     * {@code y[plane, p]} = the maximum of window {@code p}; {@code argmax} receives the flat index of the winner
     * in the contiguous input (the first maximum in window order; a NaN wins). Every window must hold at least one
     * input element, which padding smaller than the kernel guarantees.
     */
    public static void maxPool(Patches w, int first, int end, float[] x, int xOff, float[] y, int[] argmax) {
        int positions = w.positions();
        Arrays.fill(argmax, first * positions, end * positions, -1);
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int out = plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        float v = x[xOff + in + t];
                        int o = out + p;
                        if (argmax[o] < 0 || v > y[o] || v != v) {
                            y[o] = v;
                            argmax[o] = in + t;
                        }
                    }
                }
            }
        }
    }

    /** float64 twin of {@link #maxPool(Patches, int, int, float[], int, float[], int[])}. */
    public static void maxPool(Patches w, int first, int end, double[] x, int xOff, double[] y, int[] argmax) {
        int positions = w.positions();
        Arrays.fill(argmax, first * positions, end * positions, -1);
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int out = plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        double v = x[xOff + in + t];
                        int o = out + p;
                        if (argmax[o] < 0 || v > y[o] || v != v) {
                            y[o] = v;
                            argmax[o] = in + t;
                        }
                    }
                }
            }
        }
    }

    /** Divisor of window {@code p}: the full window size, or only its non-padding elements. */
    private static int divisor(Patches w, int p, boolean countIncludePad) {
        return countIncludePad ? w.kernelSize() : w.validCount(p);
    }

    /** {@code y[plane, p]} = the sum of window {@code p} divided by its {@link #divisor}. */
    public static void avgPool(Patches w, int first, int end, float[] x, int xOff, float[] y,
                               boolean countIncludePad) {
        int positions = w.positions();
        for (int plane = first; plane < end; plane++) {
            int in = xOff + plane * w.inputPlane();
            int out = plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        y[out + p] += x[in + t];
                    }
                }
            }
            for (int p = 0; p < positions; p++) {
                y[out + p] /= divisor(w, p, countIncludePad);
            }
        }
    }

    /** float64 twin of {@link #avgPool(Patches, int, int, float[], int, float[], boolean)}. */
    public static void avgPool(Patches w, int first, int end, double[] x, int xOff, double[] y,
                               boolean countIncludePad) {
        int positions = w.positions();
        for (int plane = first; plane < end; plane++) {
            int in = xOff + plane * w.inputPlane();
            int out = plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        y[out + p] += x[in + t];
                    }
                }
            }
            for (int p = 0; p < positions; p++) {
                y[out + p] /= divisor(w, p, countIncludePad);
            }
        }
    }

    /** The adjoint of {@code avgPool}: each {@code g[plane, p] / divisor} is added to every element of its window. */
    public static void avgPoolAdjoint(Patches w, int first, int end, float[] g, int gOff, float[] x,
                                      boolean countIncludePad) {
        int positions = w.positions();
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int out = gOff + plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        x[in + t] += g[out + p] / divisor(w, p, countIncludePad);
                    }
                }
            }
        }
    }

    /** float64 twin of {@link #avgPoolAdjoint(Patches, int, int, float[], int, float[], boolean)}. */
    public static void avgPoolAdjoint(Patches w, int first, int end, double[] g, int gOff, double[] x,
                                      boolean countIncludePad) {
        int positions = w.positions();
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int out = gOff + plane * positions;
            for (int e = 0; e < w.kernelSize(); e++) {
                for (int p = 0; p < positions; p++) {
                    int t = w.index(e, p);
                    if (t >= 0) {
                        x[in + t] += g[out + p] / divisor(w, p, countIncludePad);
                    }
                }
            }
        }
    }

    /** {@code y[i] = x[xOff + index[i]]}. */
    public static void gather(float[] x, int xOff, int[] index, float[] y) {
        for (int i = 0; i < index.length; i++) {
            y[i] = x[xOff + index[i]];
        }
    }

    /** float64 twin of {@link #gather(float[], int, int[], float[])}. */
    public static void gather(double[] x, int xOff, int[] index, double[] y) {
        for (int i = 0; i < index.length; i++) {
            y[i] = x[xOff + index[i]];
        }
    }

    /** The adjoint of {@code gather}: {@code x[index[i]] += g[gOff + i]}. */
    public static void scatterAdd(float[] g, int gOff, int[] index, float[] x) {
        for (int i = 0; i < index.length; i++) {
            x[index[i]] += g[gOff + i];
        }
    }

    /** float64 twin of {@link #scatterAdd(float[], int, int[], float[])}. */
    public static void scatterAdd(double[] g, int gOff, int[] index, double[] x) {
        for (int i = 0; i < index.length; i++) {
            x[index[i]] += g[gOff + i];
        }
    }
}
