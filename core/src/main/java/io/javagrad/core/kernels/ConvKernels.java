package io.javagrad.core.kernels;

/**
 * Grouped 2-d convolution by im2col + GEMM, on contiguous NCHW arrays. For each image and group, the input
 * planes are unfolded into a column matrix {@code col [groupIn * kH * kW, outH * outW]}; then
 * <ul>
 *   <li>forward: {@code y = W col} (+ bias),</li>
 *   <li>transposed (the input gradient): {@code col = W^T dy}, folded back with col2im,</li>
 *   <li>weight gradient: {@code dW += dy col^T}, summed over the images in fixed groups
 *       ({@link #IMAGES_PER_PARTIAL}).</li>
 * </ul>
 * Images are spread over {@link ParallelFor}'s threads; each image's output is computed by one thread, so the
 * results are the same whatever the thread count.
 * Each float32 method is followed by its float64 twin; they differ only in the element type.
 * Outputs are fresh arrays (zero-filled) that the methods fill completely.
 */
public final class ConvKernels {
    /**
     * The weight gradient sums the images in fixed groups of this many, each group into its own partial sum
     * (in parallel), then adds the partial sums in group order: the same result whatever the thread count.
     */
    static final int IMAGES_PER_PARTIAL = 8;

    private ConvKernels() {}

    /** {@code y = conv(x, w) + bias}; {@code bias} may be null. */
    public static void conv2d(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                              float[] y) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        if (bias != null) {
            addChannelBias(y, g.batch(), g.outChannels(), cols, bias, bOff);
        }
        ParallelFor.run(g.batch(), g.work(), (from, to) -> {
            float[] col = new float[rows * cols];
            for (int n = from; n < to; n++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col);
                    Gemm.gemm(false, false, g.groupOut(), cols, rows, w, wOff + g.weightOffset(grp), rows,
                            col, 0, cols, y, g.outputOffset(n, grp), cols, bias != null);
                }
            }
        });
    }

    /** float64 twin of {@link #conv2d(ConvGeometry, float[], int, float[], int, float[], int, float[])}. */
    public static void conv2d(ConvGeometry g, double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff,
                              double[] y) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        if (bias != null) {
            addChannelBias(y, g.batch(), g.outChannels(), cols, bias, bOff);
        }
        ParallelFor.run(g.batch(), g.work(), (from, to) -> {
            double[] col = new double[rows * cols];
            for (int n = from; n < to; n++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col);
                    Gemm.gemm(false, false, g.groupOut(), cols, rows, w, wOff + g.weightOffset(grp), rows,
                            col, 0, cols, y, g.outputOffset(n, grp), cols, bias != null);
                }
            }
        });
    }

    /**
     * The adjoint of {@code conv2d} in its input: {@code x = conv^T(dy, w)}, shaped like the convolution's
     * input. This is the input gradient of {@code conv2d}, and the forward of a transposed convolution.
     */
    public static void convTranspose2d(ConvGeometry g, float[] dy, int dyOff, float[] w, int wOff, float[] x) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        ParallelFor.run(g.batch(), g.work(), (from, to) -> {
            float[] col = new float[rows * cols];
            for (int n = from; n < to; n++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    Gemm.gemm(true, false, rows, cols, g.groupOut(), w, wOff + g.weightOffset(grp), rows,
                            dy, dyOff + g.outputOffset(n, grp), cols, col, 0, cols, false);
                    g.patches().col2im(col, g.groupIn(), x, g.inputOffset(n, grp));
                }
            }
        });
    }

    /** float64 twin of {@link #convTranspose2d(ConvGeometry, float[], int, float[], int, float[])}. */
    public static void convTranspose2d(ConvGeometry g, double[] dy, int dyOff, double[] w, int wOff, double[] x) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        ParallelFor.run(g.batch(), g.work(), (from, to) -> {
            double[] col = new double[rows * cols];
            for (int n = from; n < to; n++) {
                for (int grp = 0; grp < g.groups(); grp++) {
                    Gemm.gemm(true, false, rows, cols, g.groupOut(), w, wOff + g.weightOffset(grp), rows,
                            dy, dyOff + g.outputOffset(n, grp), cols, col, 0, cols, false);
                    g.patches().col2im(col, g.groupIn(), x, g.inputOffset(n, grp));
                }
            }
        });
    }

    /** The gradient of {@code conv2d} in its weight: {@code dw = sum over images of dy col(x)^T}. */
    public static void conv2dWeightGrad(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        int size = dw.length;
        int chunks = (g.batch() + IMAGES_PER_PARTIAL - 1) / IMAGES_PER_PARTIAL;
        float[] partials = new float[chunks * size];
        ParallelFor.run(chunks, g.work(), (from, to) -> {
            float[] col = new float[rows * cols];
            for (int chunk = from; chunk < to; chunk++) {
                int first = chunk * IMAGES_PER_PARTIAL;
                for (int n = first; n < Math.min(g.batch(), first + IMAGES_PER_PARTIAL); n++) {
                    for (int grp = 0; grp < g.groups(); grp++) {
                        g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col);
                        Gemm.gemm(false, true, g.groupOut(), rows, cols, dy, dyOff + g.outputOffset(n, grp), cols,
                                col, 0, cols, partials, chunk * size + g.weightOffset(grp), rows, n > first);
                    }
                }
            }
        });
        System.arraycopy(partials, 0, dw, 0, size);
        for (int chunk = 1; chunk < chunks; chunk++) {
            for (int i = 0; i < size; i++) {
                dw[i] += partials[chunk * size + i];
            }
        }
    }

    /** float64 twin of {@link #conv2dWeightGrad(ConvGeometry, float[], int, float[], int, float[])}. */
    public static void conv2dWeightGrad(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, double[] dw) {
        int rows = g.colRows();
        int cols = g.patches().positions();
        int size = dw.length;
        int chunks = (g.batch() + IMAGES_PER_PARTIAL - 1) / IMAGES_PER_PARTIAL;
        double[] partials = new double[chunks * size];
        ParallelFor.run(chunks, g.work(), (from, to) -> {
            double[] col = new double[rows * cols];
            for (int chunk = from; chunk < to; chunk++) {
                int first = chunk * IMAGES_PER_PARTIAL;
                for (int n = first; n < Math.min(g.batch(), first + IMAGES_PER_PARTIAL); n++) {
                    for (int grp = 0; grp < g.groups(); grp++) {
                        g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col);
                        Gemm.gemm(false, true, g.groupOut(), rows, cols, dy, dyOff + g.outputOffset(n, grp), cols,
                                col, 0, cols, partials, chunk * size + g.weightOffset(grp), rows, n > first);
                    }
                }
            }
        });
        System.arraycopy(partials, 0, dw, 0, size);
        for (int chunk = 1; chunk < chunks; chunk++) {
            for (int i = 0; i < size; i++) {
                dw[i] += partials[chunk * size + i];
            }
        }
    }

    /** Adds {@code bias[bOff + c]} to every element of channel {@code c} of contiguous NCHW {@code data}. */
    public static void addChannelBias(float[] data, int batch, int channels, int plane, float[] bias, int bOff) {
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int start = (n * channels + c) * plane;
                float b = bias[bOff + c];
                for (int i = start; i < start + plane; i++) {
                    data[i] += b;
                }
            }
        }
    }

    /** float64 twin of {@link #addChannelBias(float[], int, int, int, float[], int)}. */
    public static void addChannelBias(double[] data, int batch, int channels, int plane, double[] bias, int bOff) {
        for (int n = 0; n < batch; n++) {
            for (int c = 0; c < channels; c++) {
                int start = (n * channels + c) * plane;
                double b = bias[bOff + c];
                for (int i = start; i < start + plane; i++) {
                    data[i] += b;
                }
            }
        }
    }
}
