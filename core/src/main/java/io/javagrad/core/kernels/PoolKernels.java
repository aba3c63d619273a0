package io.javagrad.core.kernels;

/**
 * 2-d max and average pooling over the contiguous input planes {@code first} (inclusive) to {@code end} (exclusive)
 * of an NCHW tensor (N * C planes), with the windows of a {@link Patches} table, and the gather/scatter pair that
 * carries max-pooling gradients. Padding never wins a max and, unless counted, does not enter an average. Each
 * float32 method is followed by its float64 twin. Outputs are fresh arrays (zero-filled).
 */
public final class PoolKernels {
    private static final boolean VECTOR = VectorSupport.enabled();

    private PoolKernels() {}

    /**
     * {@code y[plane, p]} = the maximum of window {@code p} ({@link Math#max}: a NaN wins, +0 ranks above -0);
     * {@code argmax} receives the flat index of the winner in the contiguous input (the first maximum in window
     * order, or the last NaN). Every window must hold at least one input element, which padding smaller than the
     * kernel guarantees. The windows are walked directly, their rows and columns clipped to the input, with
     * selects rather than branches (the JIT turns them into conditional moves: on real data a branch on the
     * comparison mispredicts about half the time); 2x2 windows with stride 2 and no padding have their own loop.
     */
    public static void maxPool(Patches w, int first, int end, float[] x, int xOff, float[] y, int[] argmax) {
        if (isTwoByTwo(w)) {
            maxPool2x2(w, first, end, x, xOff, y, argmax, end * w.positions());
            return;
        }
        int inW = w.inW();
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int o = plane * w.positions();
            for (int oh = 0; oh < w.outH(); oh++) {
                int r0 = oh * w.strideH() - w.padTop();
                int rLo = Math.max(0, r0);
                int rHi = Math.min(w.inH(), r0 + w.kH());
                for (int ow = 0; ow < w.outW(); ow++, o++) {
                    int c0 = ow * w.strideW() - w.padLeft();
                    int cLo = Math.max(0, c0);
                    int cHi = Math.min(inW, c0 + w.kW());
                    int best = in + rLo * inW + cLo;
                    float m = x[xOff + best];
                    for (int r = rLo; r < rHi; r++) {
                        for (int t = in + r * inW + cLo; t < in + r * inW + cHi; t++) {
                            float v = x[xOff + t];
                            best = v > m | v != v ? t : best;
                            m = Math.max(m, v);
                        }
                    }
                    y[o] = m;
                    argmax[o] = best;
                }
            }
        }
    }

    /**
     * {@link #maxPool(Patches, int, int, float[], int, float[], int[])} of the one plane {@code plane}, which may also
     * write anything into {@code y} and {@code argmax} after the plane's outputs, up to {@code limit} (outputs the
     * caller writes later), so that vectors serve the plane's last rows too.
     */
    public static void maxPoolPlane(Patches w, int plane, float[] x, int xOff, float[] y, int[] argmax, int limit) {
        if (isTwoByTwo(w)) {
            maxPool2x2(w, plane, plane + 1, x, xOff, y, argmax, limit);
        } else {
            maxPool(w, plane, plane + 1, x, xOff, y, argmax);
        }
    }

    /** float64 twin of {@link #maxPool(Patches, int, int, float[], int, float[], int[])}. */
    public static void maxPool(Patches w, int first, int end, double[] x, int xOff, double[] y, int[] argmax) {
        if (isTwoByTwo(w)) {
            maxPool2x2(w, first, end, x, xOff, y, argmax);
            return;
        }
        int inW = w.inW();
        for (int plane = first; plane < end; plane++) {
            int in = plane * w.inputPlane();
            int o = plane * w.positions();
            for (int oh = 0; oh < w.outH(); oh++) {
                int r0 = oh * w.strideH() - w.padTop();
                int rLo = Math.max(0, r0);
                int rHi = Math.min(w.inH(), r0 + w.kH());
                for (int ow = 0; ow < w.outW(); ow++, o++) {
                    int c0 = ow * w.strideW() - w.padLeft();
                    int cLo = Math.max(0, c0);
                    int cHi = Math.min(inW, c0 + w.kW());
                    int best = in + rLo * inW + cLo;
                    double m = x[xOff + best];
                    for (int r = rLo; r < rHi; r++) {
                        for (int t = in + r * inW + cLo; t < in + r * inW + cHi; t++) {
                            double v = x[xOff + t];
                            best = v > m | v != v ? t : best;
                            m = Math.max(m, v);
                        }
                    }
                    y[o] = m;
                    argmax[o] = best;
                }
            }
        }
    }

    /** Whether the windows are 2x2 with stride 2 and all inside the input (no padding read). */
    private static boolean isTwoByTwo(Patches w) {
        return w.kH() == 2 && w.kW() == 2 && w.strideH() == 2 && w.strideW() == 2 && w.padTop() == 0
                && w.padLeft() == 0 && 2 * w.outH() <= w.inH() && 2 * w.outW() <= w.inW();
    }

    /**
     * {@link #maxPool(Patches, int, int, float[], int, float[], int[])} for 2x2 windows, stride 2, no padding; rows
     * take the Vector API where its vectors fit in the arrays (all but the last row or so of the range), writing
     * past a row into the outputs of the rows after it. Measured on one thread, the whole op with its output
     * allocation: 1.3-1.6x faster than the scalar loop on 26x26 planes, 1.5-2x on 11x11 ones. The vectors write
     * no further than {@code limit}.
     */
    private static void maxPool2x2(Patches w, int first, int end, float[] x, int xOff, float[] y, int[] argmax,
                                   int limit) {
        int inW = w.inW();
        for (int plane = first; plane < end; plane++) {
            int o = plane * w.positions();
            for (int oh = 0; oh < w.outH(); oh++) {
                int row = plane * w.inputPlane() + 2 * oh * inW;
                if (VECTOR && VectorPoolKernels.maxPool2x2Row(x, xOff, row, inW, w.outW(), y, argmax, o, limit)) {
                    o += w.outW();
                    continue;
                }
                for (int t = row; t < row + 2 * w.outW(); t += 2, o++) {
                    float m = x[xOff + t];
                    int best = t;
                    float v = x[xOff + t + 1];
                    best = v > m | v != v ? t + 1 : best;
                    m = Math.max(m, v);
                    v = x[xOff + t + inW];
                    best = v > m | v != v ? t + inW : best;
                    m = Math.max(m, v);
                    v = x[xOff + t + inW + 1];
                    best = v > m | v != v ? t + inW + 1 : best;
                    y[o] = Math.max(m, v);
                    argmax[o] = best;
                }
            }
        }
    }

    /**
     * float64 twin of {@link #maxPool2x2(Patches, int, int, float[], int, float[], int[], int)} (no vectors, so no
     * limit).
     */
    private static void maxPool2x2(Patches w, int first, int end, double[] x, int xOff, double[] y, int[] argmax) {
        int inW = w.inW();
        for (int plane = first; plane < end; plane++) {
            int o = plane * w.positions();
            for (int oh = 0; oh < w.outH(); oh++) {
                int row = plane * w.inputPlane() + 2 * oh * inW;
                for (int t = row; t < row + 2 * w.outW(); t += 2, o++) {
                    double m = x[xOff + t];
                    int best = t;
                    double v = x[xOff + t + 1];
                    best = v > m | v != v ? t + 1 : best;
                    m = Math.max(m, v);
                    v = x[xOff + t + inW];
                    best = v > m | v != v ? t + inW : best;
                    m = Math.max(m, v);
                    v = x[xOff + t + inW + 1];
                    best = v > m | v != v ? t + inW + 1 : best;
                    y[o] = Math.max(m, v);
                    argmax[o] = best;
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

    /** {@code y[i] = x[xOff + index[i]]} for {@code from <= i < to}. */
    public static void gather(float[] x, int xOff, int[] index, int from, int to, float[] y) {
        for (int i = from; i < to; i++) {
            y[i] = x[xOff + index[i]];
        }
    }

    /** float64 twin of {@link #gather(float[], int, int[], int, int, float[])}. */
    public static void gather(double[] x, int xOff, int[] index, int from, int to, double[] y) {
        for (int i = from; i < to; i++) {
            y[i] = x[xOff + index[i]];
        }
    }

    /**
     * The adjoint of {@code gather}: {@code x[index[i]] += g[gOff + i]} for {@code from <= i < to}, in order of
     * {@code i}.
     */
    public static void scatterAdd(float[] g, int gOff, int[] index, int from, int to, float[] x) {
        for (int i = from; i < to; i++) {
            x[index[i]] += g[gOff + i];
        }
    }

    /** float64 twin of {@link #scatterAdd(float[], int, int[], int, int, float[])}. */
    public static void scatterAdd(double[] g, int gOff, int[] index, int from, int to, double[] x) {
        for (int i = from; i < to; i++) {
            x[index[i]] += g[gOff + i];
        }
    }
}
