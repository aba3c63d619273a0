package io.javagrad.core.kernels;

import io.javagrad.core.kernels.Scratch.Role;

import java.util.Arrays;

/**
 * Grouped 2-d convolution by im2col + GEMM, on contiguous NCHW arrays. The batch is cut into blocks of
 * {@link #IMAGES_PER_BLOCK} images; for each block and group, the images' input planes are unfolded side by side
 * into one column matrix {@code col [groupIn * kH * kW, images * outH * outW]}, so that one GEMM serves the block:
 * <ul>
 *   <li>forward: {@code y = W col} (+ bias, then optionally relu, while the result is copied to NCHW, or
 *       max-pooled into it),</li>
 *   <li>transposed (the input gradient): {@code col = W^T dy}, folded back with col2im; for a dense geometry
 *       (stride 1, no dilation or padding) dy's rows are spread to the input's row stride first, zeros between,
 *       so that each row of col adds to the input in one contiguous run (the zeros add nothing),</li>
 *   <li>weight gradient: {@code dW = dy col^T}, computed as such when there are fewer patch rows than output
 *       channels and as {@code (col dy^T)^T} otherwise (whichever GEMM output is narrower packs less), one partial
 *       sum per block, the partials added in block order (each element's sum one thread's).</li>
 * </ul>
 * Blocks are spread over {@link ParallelFor}'s threads; each output element is computed by one thread, and the
 * GEMM sums each element in a fixed order, so the results are the same whatever the thread count (and the same as
 * image by image: a block's GEMM continues one multiply-add chain across its images).
 * Each float32 method is followed by its float64 twin; they differ only in the element type.
 * Outputs are fresh arrays (zero-filled); the column matrices and other working arrays are each thread's
 * {@link Scratch}, kept from call to call and written in full before they are read.
 */
public final class ConvKernels {
    /**
     * Images per block. The weight gradient sums each block into its own partial sum (in parallel), then adds the
     * partial sums in block order: the same result whatever the thread count.
     */
    static final int IMAGES_PER_BLOCK = 8;

    private ConvKernels() {}

    /** Number of blocks of {@code batch} images. */
    private static int blocks(int batch) {
        return (batch + IMAGES_PER_BLOCK - 1) / IMAGES_PER_BLOCK;
    }

    /** Images in block {@code block}. */
    private static int imagesIn(int block, int batch) {
        return Math.min(IMAGES_PER_BLOCK, batch - block * IMAGES_PER_BLOCK);
    }

    /**
     * {@code y = conv(x, w) + bias}, then {@code max(y, 0)} if {@code relu}; {@code bias} may be null. With a
     * {@code pool} window table (else null), each block's output planes are max-pooled into {@code y} and
     * {@code argmax} instead, as {@link PoolKernels#maxPool} would pool the whole output, argmax indexing it.
     */
    public static void conv2d(ConvGeometry g, float[] x, int xOff, float[] w, int wOff, float[] bias, int bOff,
                              boolean relu, Patches pool, float[] y, int[] argmax) {
        int rows = g.colRows();
        int positions = g.patches().positions();
        int outG = g.groupOut();
        ParallelFor.run(blocks(g.batch()), g.work(), (from, to) -> {
            float[] col = Scratch.mine().floats(Role.COL, rows * IMAGES_PER_BLOCK * positions);
            float[] out = Scratch.mine().floats(Role.BLOCK, outG * IMAGES_PER_BLOCK * positions);
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * positions;
                for (int grp = 0; grp < g.groups(); grp++) {
                    unfoldBlock(g, x, xOff, first, images, grp, col);
                    if (bias != null) {
                        for (int o = 0; o < outG; o++) {
                            Arrays.fill(out, o * ld, (o + 1) * ld, bias[bOff + grp * outG + o]);
                        }
                    }
                    Gemm.gemm(false, false, outG, ld, rows, w, wOff + g.weightOffset(grp), rows, col, 0, ld,
                            out, 0, ld, bias != null);
                    if (relu) {
                        Elementwise.unary(Elementwise.Unary.RELU, out, 0, 1, out, 0, outG * ld);
                    }
                    for (int n = first; n < first + images; n++) {
                        for (int o = 0; o < outG; o++) {
                            int src = o * ld + (n - first) * positions;
                            int dst = g.outputOffset(n, grp) + o * positions;
                            if (pool == null) {
                                System.arraycopy(out, src, y, dst, positions);
                            } else {
                                int plane = dst / positions;
                                int groupEnd = (g.outputOffset(n, grp) / positions + outG) * pool.positions();
                                PoolKernels.maxPoolPlane(pool, plane, out, src - dst, y, argmax, groupEnd);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * float64 twin of
     * {@link #conv2d(ConvGeometry, float[], int, float[], int, float[], int, boolean, Patches, float[], int[])}.
     */
    public static void conv2d(ConvGeometry g, double[] x, int xOff, double[] w, int wOff, double[] bias, int bOff,
                              boolean relu, Patches pool, double[] y, int[] argmax) {
        int rows = g.colRows();
        int positions = g.patches().positions();
        int outG = g.groupOut();
        ParallelFor.run(blocks(g.batch()), g.work(), (from, to) -> {
            double[] col = Scratch.mine().doubles(Role.COL, rows * IMAGES_PER_BLOCK * positions);
            double[] out = Scratch.mine().doubles(Role.BLOCK, outG * IMAGES_PER_BLOCK * positions);
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * positions;
                for (int grp = 0; grp < g.groups(); grp++) {
                    unfoldBlock(g, x, xOff, first, images, grp, col);
                    if (bias != null) {
                        for (int o = 0; o < outG; o++) {
                            Arrays.fill(out, o * ld, (o + 1) * ld, bias[bOff + grp * outG + o]);
                        }
                    }
                    Gemm.gemm(false, false, outG, ld, rows, w, wOff + g.weightOffset(grp), rows, col, 0, ld,
                            out, 0, ld, bias != null);
                    if (relu) {
                        Elementwise.unary(Elementwise.Unary.RELU, out, 0, 1, out, 0, outG * ld);
                    }
                    for (int n = first; n < first + images; n++) {
                        for (int o = 0; o < outG; o++) {
                            int src = o * ld + (n - first) * positions;
                            int dst = g.outputOffset(n, grp) + o * positions;
                            if (pool == null) {
                                System.arraycopy(out, src, y, dst, positions);
                            } else {
                                int plane = dst / positions;
                                PoolKernels.maxPool(pool, plane, plane + 1, out, src - dst, y, argmax);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * im2col of group {@code grp} of {@code images} images from {@code first} into {@code col [colRows, images *
     * positions]}, side by side.
     */
    private static void unfoldBlock(ConvGeometry g, float[] x, int xOff, int first, int images, int grp,
                                    float[] col) {
        int positions = g.patches().positions();
        int ld = images * positions;
        for (int n = first; n < first + images; n++) {
            g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col, (n - first) * positions, ld);
        }
    }

    /** float64 twin of {@link #unfoldBlock(ConvGeometry, float[], int, int, int, int, float[])}. */
    private static void unfoldBlock(ConvGeometry g, double[] x, int xOff, int first, int images, int grp,
                                    double[] col) {
        int positions = g.patches().positions();
        int ld = images * positions;
        for (int n = first; n < first + images; n++) {
            g.patches().im2col(x, xOff + g.inputOffset(n, grp), g.groupIn(), col, (n - first) * positions, ld);
        }
    }

    /**
     * Copies group {@code grp} of the output-shaped planes of {@code images} images from {@code first} ({@code
     * dy[dyOff + outputOffset(n, grp)]}) into the matrix {@code [groupOut, images * span]}, side by side, {@code span}
     * columns each: {@code outH * outW}, or {@code outH * inW} with each output row at the stride of an input row and
     * zeros in the columns after it.
     */
    private static void gatherBlock(ConvGeometry g, float[] dy, int dyOff, int first, int images, int grp,
                                    int span, float[] block) {
        Patches p = g.patches();
        int ld = images * span;
        for (int n = first; n < first + images; n++) {
            for (int o = 0; o < g.groupOut(); o++) {
                int src = dyOff + g.outputOffset(n, grp) + o * p.positions();
                int dst = o * ld + (n - first) * span;
                if (span == p.positions()) {
                    System.arraycopy(dy, src, block, dst, span);
                } else {
                    for (int oh = 0; oh < p.outH(); oh++) {
                        int row = dst + oh * p.inW();
                        Copies.run(dy, src + oh * p.outW(), block, row, p.outW(), dst + span);
                        Arrays.fill(block, row + p.outW(), row + p.inW(), 0f);
                    }
                }
            }
        }
    }

    /** float64 twin of {@link #gatherBlock(ConvGeometry, float[], int, int, int, int, int, float[])}. */
    private static void gatherBlock(ConvGeometry g, double[] dy, int dyOff, int first, int images, int grp,
                                    int span, double[] block) {
        Patches p = g.patches();
        int ld = images * span;
        for (int n = first; n < first + images; n++) {
            for (int o = 0; o < g.groupOut(); o++) {
                int src = dyOff + g.outputOffset(n, grp) + o * p.positions();
                int dst = o * ld + (n - first) * span;
                if (span == p.positions()) {
                    System.arraycopy(dy, src, block, dst, span);
                } else {
                    for (int oh = 0; oh < p.outH(); oh++) {
                        int row = dst + oh * p.inW();
                        Copies.run(dy, src + oh * p.outW(), block, row, p.outW(), dst + span);
                        Arrays.fill(block, row + p.outW(), row + p.inW(), 0.0);
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@code conv2d} in its input: {@code x = conv^T(dy, w)}, shaped like the convolution's
     * input. This is the input gradient of {@code conv2d}, and the forward of a transposed convolution.
     */
    public static void convTranspose2d(ConvGeometry g, float[] dy, int dyOff, float[] w, int wOff, float[] x) {
        int rows = g.colRows();
        Patches p = g.patches();
        int span = p.isDense() ? p.outH() * p.inW() : p.positions();
        ParallelFor.run(blocks(g.batch()), g.work(), (from, to) -> {
            float[] col = Scratch.mine().floats(Role.COL, rows * IMAGES_PER_BLOCK * span);
            float[] dyBlock = Scratch.mine().floats(Role.BLOCK, g.groupOut() * IMAGES_PER_BLOCK * span);
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * span;
                for (int grp = 0; grp < g.groups(); grp++) {
                    gatherBlock(g, dy, dyOff, first, images, grp, span, dyBlock);
                    Gemm.gemm(true, false, rows, ld, g.groupOut(), w, wOff + g.weightOffset(grp), rows,
                            dyBlock, 0, ld, col, 0, ld, false);
                    for (int n = first; n < first + images; n++) {
                        if (span == p.positions()) {
                            p.col2im(col, (n - first) * span, ld, g.groupIn(), x, g.inputOffset(n, grp));
                        } else {
                            p.col2imDense(col, (n - first) * span, ld, g.groupIn(), x, g.inputOffset(n, grp));
                        }
                    }
                }
            }
        });
    }

    /** float64 twin of {@link #convTranspose2d(ConvGeometry, float[], int, float[], int, float[])}. */
    public static void convTranspose2d(ConvGeometry g, double[] dy, int dyOff, double[] w, int wOff, double[] x) {
        int rows = g.colRows();
        Patches p = g.patches();
        int span = p.isDense() ? p.outH() * p.inW() : p.positions();
        ParallelFor.run(blocks(g.batch()), g.work(), (from, to) -> {
            double[] col = Scratch.mine().doubles(Role.COL, rows * IMAGES_PER_BLOCK * span);
            double[] dyBlock = Scratch.mine().doubles(Role.BLOCK, g.groupOut() * IMAGES_PER_BLOCK * span);
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * span;
                for (int grp = 0; grp < g.groups(); grp++) {
                    gatherBlock(g, dy, dyOff, first, images, grp, span, dyBlock);
                    Gemm.gemm(true, false, rows, ld, g.groupOut(), w, wOff + g.weightOffset(grp), rows,
                            dyBlock, 0, ld, col, 0, ld, false);
                    for (int n = first; n < first + images; n++) {
                        if (span == p.positions()) {
                            p.col2im(col, (n - first) * span, ld, g.groupIn(), x, g.inputOffset(n, grp));
                        } else {
                            p.col2imDense(col, (n - first) * span, ld, g.groupIn(), x, g.inputOffset(n, grp));
                        }
                    }
                }
            }
        });
    }

    /**
     * Whether a block's weight gradient is computed as {@code dW = dy col^T} (C is out channels x patch rows) rather
     * than as its transpose {@code dW^T = col dy^T}: whichever makes C narrower. Both operands lie along the depth, so
     * packing transposes both, unless C is narrow enough for the GEMM to read A in place (a first layer's few patch
     * rows, such as 9 for one input channel and a 3x3 kernel: 4x less to transpose). Each element is the same fma
     * chain either way.
     */
    private static boolean directWeightGrad(int rows, int outChannels) {
        return rows < outChannels;
    }

    /** The gradient of {@code conv2d} in its weight: {@code dw = sum over images of dy col(x)^T}. */
    public static void conv2dWeightGrad(ConvGeometry g, float[] x, int xOff, float[] dy, int dyOff, float[] dw) {
        int rows = g.colRows();
        int positions = g.patches().positions();
        int size = dw.length;
        int blocks = blocks(g.batch());
        float[] partials = Scratch.mine().floats(Role.PARTIALS, blocks * size);
        boolean direct = directWeightGrad(rows, g.groupOut());
        ParallelFor.run(blocks, g.work(), (from, to) -> {
            float[] col = Scratch.mine().floats(Role.COL, rows * IMAGES_PER_BLOCK * positions);
            float[] dyBlock = Scratch.mine().floats(Role.BLOCK, g.groupOut() * IMAGES_PER_BLOCK * positions);
            float[] dwT = direct ? null : Scratch.mine().floats(Role.TRANSPOSED, rows * g.groupOut());
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * positions;
                for (int grp = 0; grp < g.groups(); grp++) {
                    unfoldBlock(g, x, xOff, first, images, grp, col);
                    gatherBlock(g, dy, dyOff, first, images, grp, positions, dyBlock);
                    int at = block * size + g.weightOffset(grp);
                    if (direct) {
                        Gemm.gemm(false, true, g.groupOut(), rows, ld, dyBlock, 0, ld, col, 0, ld,
                                partials, at, rows, false);
                        continue;
                    }
                    Gemm.gemm(false, true, rows, g.groupOut(), ld, col, 0, ld, dyBlock, 0, ld,
                            dwT, 0, g.groupOut(), false);
                    for (int o = 0; o < g.groupOut(); o++) {
                        for (int r = 0; r < rows; r++) {
                            partials[at + o * rows + r] = dwT[r * g.groupOut() + o];
                        }
                    }
                }
            }
        });
        ParallelFor.run(size, (long) blocks * size * ParallelFor.ELEMENT_WORK, (from, to) -> {
            System.arraycopy(partials, from, dw, from, to - from);
            for (int block = 1; block < blocks; block++) {
                for (int i = from; i < to; i++) {
                    dw[i] += partials[block * size + i];
                }
            }
        });
    }

    /** float64 twin of {@link #conv2dWeightGrad(ConvGeometry, float[], int, float[], int, float[])}. */
    public static void conv2dWeightGrad(ConvGeometry g, double[] x, int xOff, double[] dy, int dyOff, double[] dw) {
        int rows = g.colRows();
        int positions = g.patches().positions();
        int size = dw.length;
        int blocks = blocks(g.batch());
        double[] partials = Scratch.mine().doubles(Role.PARTIALS, blocks * size);
        boolean direct = directWeightGrad(rows, g.groupOut());
        ParallelFor.run(blocks, g.work(), (from, to) -> {
            double[] col = Scratch.mine().doubles(Role.COL, rows * IMAGES_PER_BLOCK * positions);
            double[] dyBlock = Scratch.mine().doubles(Role.BLOCK, g.groupOut() * IMAGES_PER_BLOCK * positions);
            double[] dwT = direct ? null : Scratch.mine().doubles(Role.TRANSPOSED, rows * g.groupOut());
            for (int block = from; block < to; block++) {
                int first = block * IMAGES_PER_BLOCK;
                int images = imagesIn(block, g.batch());
                int ld = images * positions;
                for (int grp = 0; grp < g.groups(); grp++) {
                    unfoldBlock(g, x, xOff, first, images, grp, col);
                    gatherBlock(g, dy, dyOff, first, images, grp, positions, dyBlock);
                    int at = block * size + g.weightOffset(grp);
                    if (direct) {
                        Gemm.gemm(false, true, g.groupOut(), rows, ld, dyBlock, 0, ld, col, 0, ld,
                                partials, at, rows, false);
                        continue;
                    }
                    Gemm.gemm(false, true, rows, g.groupOut(), ld, col, 0, ld, dyBlock, 0, ld,
                            dwT, 0, g.groupOut(), false);
                    for (int o = 0; o < g.groupOut(); o++) {
                        for (int r = 0; r < rows; r++) {
                            partials[at + o * rows + r] = dwT[r * g.groupOut() + o];
                        }
                    }
                }
            }
        });
        ParallelFor.run(size, (long) blocks * size * ParallelFor.ELEMENT_WORK, (from, to) -> {
            System.arraycopy(partials, from, dw, from, to - from);
            for (int block = 1; block < blocks; block++) {
                for (int i = from; i < to; i++) {
                    dw[i] += partials[block * size + i];
                }
            }
        });
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
