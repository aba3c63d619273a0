package io.javagrad.core.kernels;

import java.util.Arrays;

/**
 * Where each sliding window of a 2-d convolution or pooling reads in one input plane.
 *
 * <p>For output position {@code p = oh * outW + ow} and kernel element {@code e = i * kW + j}, the window reads
 * input row {@code oh * strideH - padTop + i * dilationH} and column {@code ow * strideW - padLeft + j * dilationW}.
 * {@link #index(int, int)} is that element's offset {@code row * inW + col} inside the plane, or -1 when it falls
 * into the padding. The table is computed once per geometry and shared by every plane, channel and image, so
 * the float and double loops below only copy or add along it.
 */
public final class Patches {
    private final int inH;
    private final int inW;
    private final int outH;
    private final int outW;
    private final int kernelSize;
    private final int positions;
    /** {@code table[e * positions + p]}: offset in the plane, or -1 for padding. */
    private final int[] table;
    /** Number of non-padding elements of each window. */
    private final int[] validCount;
    private final int kW;
    private final int strideH;
    private final int strideW;
    private final int padTop;
    private final int padLeft;
    private final int dilationH;
    private final int dilationW;
    /** For kernel column {@code j}: the output columns {@code [firstColumn[j], endColumn[j])} that read the input. */
    private final int[] firstColumn;
    private final int[] endColumn;

    /** The table of one geometry; the output size is the caller's (floor mode, already validated). */
    public Patches(int inH, int inW, int kH, int kW, int strideH, int strideW, int padTop, int padLeft,
                   int dilationH, int dilationW, int outH, int outW) {
        this.inH = inH;
        this.inW = inW;
        this.outH = outH;
        this.outW = outW;
        this.kernelSize = kH * kW;
        this.positions = outH * outW;
        this.table = new int[kernelSize * positions];
        this.validCount = new int[positions];
        this.kW = kW;
        this.strideH = strideH;
        this.strideW = strideW;
        this.padTop = padTop;
        this.padLeft = padLeft;
        this.dilationH = dilationH;
        this.dilationW = dilationW;
        this.firstColumn = new int[kW];
        this.endColumn = new int[kW];
        for (int j = 0; j < kW; j++) {
            int shift = j * dilationW - padLeft; // input column = ow * strideW + shift
            firstColumn[j] = Math.min(outW, Math.max(0, Math.floorDiv(-shift + strideW - 1, strideW)));
            endColumn[j] = Math.max(firstColumn[j], Math.min(outW, Math.floorDiv(inW - 1 - shift, strideW) + 1));
        }
        for (int i = 0; i < kH; i++) {
            for (int j = 0; j < kW; j++) {
                int rowBase = (i * kW + j) * positions;
                for (int oh = 0; oh < outH; oh++) {
                    int r = oh * strideH - padTop + i * dilationH;
                    for (int ow = 0; ow < outW; ow++) {
                        int c = ow * strideW - padLeft + j * dilationW;
                        boolean inside = r >= 0 && r < inH && c >= 0 && c < inW;
                        table[rowBase + oh * outW + ow] = inside ? r * inW + c : -1;
                        if (inside) {
                            validCount[oh * outW + ow]++;
                        }
                    }
                }
            }
        }
    }

    /** Elements of one input plane ({@code inH * inW}). */
    public int inputPlane() {
        return inH * inW;
    }

    /** Output rows. */
    public int outH() {
        return outH;
    }

    /** Output columns. */
    public int outW() {
        return outW;
    }

    /** Output positions per plane ({@code outH * outW}). */
    public int positions() {
        return positions;
    }

    /** Elements per window ({@code kH * kW}). */
    public int kernelSize() {
        return kernelSize;
    }

    /** Input rows and columns, kernel rows and columns, strides and leading paddings, for direct loops. */
    int inH() {
        return inH;
    }

    int inW() {
        return inW;
    }

    int kH() {
        return kernelSize / kW;
    }

    int kW() {
        return kW;
    }

    int strideH() {
        return strideH;
    }

    int strideW() {
        return strideW;
    }

    int padTop() {
        return padTop;
    }

    int padLeft() {
        return padLeft;
    }

    /** Offset in the plane read by kernel element {@code e} at output position {@code p}, or -1 (padding). */
    int index(int e, int p) {
        return table[e * positions + p];
    }

    /** Non-padding elements in the window of output position {@code p}. */
    int validCount(int p) {
        return validCount[p];
    }

    /**
     * Unfolds {@code channels} consecutive planes starting at {@code x[xOff]} into rows of a column matrix with
     * leading dimension {@code ld}: {@code col[colOff + (c * kernelSize + e) * ld + p]}; padding reads as 0. With
     * {@code ld} a multiple of {@link #positions()}, several images' columns sit side by side in one matrix. Each
     * output row of a kernel element is a run of input columns (a plain copy for stride 1) between padding, so this
     * copies rows instead of reading the table element by element.
     */
    public void im2col(float[] x, int xOff, int channels, float[] col, int colOff, int ld) {
        if (isDense()) {
            im2colDense(x, xOff, channels, col, colOff, ld);
            return;
        }
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * inputPlane();
            for (int e = 0; e < kernelSize; e++) {
                int i = e / kW;
                int j = e % kW;
                int lo = firstColumn[j];
                int hi = endColumn[j];
                int rowStart = colOff + (c * kernelSize + e) * ld;
                // this image's part of the row: later output rows and fills overwrite what a copy writes past its run
                int segmentEnd = rowStart + positions;
                for (int oh = 0; oh < outH; oh++) {
                    int dst = rowStart + oh * outW;
                    int r = oh * strideH - padTop + i * dilationH;
                    if (r < 0 || r >= inH) {
                        Arrays.fill(col, dst, dst + outW, 0f);
                        continue;
                    }
                    int src = plane + r * inW + j * dilationW - padLeft;
                    if (lo > 0) {
                        Arrays.fill(col, dst, dst + lo, 0f);
                    }
                    if (strideW == 1 && hi > lo) {
                        Copies.run(x, src + lo, col, dst + lo, hi - lo, segmentEnd);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            col[dst + ow] = x[src + ow * strideW];
                        }
                    }
                    if (hi < outW) {
                        Arrays.fill(col, dst + hi, dst + outW, 0f);
                    }
                }
            }
        }
    }

    /** float64 twin of {@link #im2col(float[], int, int, float[], int, int)}. */
    public void im2col(double[] x, int xOff, int channels, double[] col, int colOff, int ld) {
        if (isDense()) {
            im2colDense(x, xOff, channels, col, colOff, ld);
            return;
        }
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * inputPlane();
            for (int e = 0; e < kernelSize; e++) {
                int i = e / kW;
                int j = e % kW;
                int lo = firstColumn[j];
                int hi = endColumn[j];
                int rowStart = colOff + (c * kernelSize + e) * ld;
                // this image's part of the row: later output rows and fills overwrite what a copy writes past its run
                int segmentEnd = rowStart + positions;
                for (int oh = 0; oh < outH; oh++) {
                    int dst = rowStart + oh * outW;
                    int r = oh * strideH - padTop + i * dilationH;
                    if (r < 0 || r >= inH) {
                        Arrays.fill(col, dst, dst + outW, 0.0);
                        continue;
                    }
                    int src = plane + r * inW + j * dilationW - padLeft;
                    if (lo > 0) {
                        Arrays.fill(col, dst, dst + lo, 0.0);
                    }
                    if (strideW == 1 && hi > lo) {
                        Copies.run(x, src + lo, col, dst + lo, hi - lo, segmentEnd);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            col[dst + ow] = x[src + ow * strideW];
                        }
                    }
                    if (hi < outW) {
                        Arrays.fill(col, dst + hi, dst + outW, 0.0);
                    }
                }
            }
        }
    }

    /**
     * {@link #im2col(float[], int, int, float[], int, int)} for a {@link #isDense() dense} geometry: every output row
     * of kernel element {@code (i, j)} copies input row {@code oh + i} from column {@code j}, {@code outW} long. A
     * copy may write past its run into this image's later entries of the same column row, which later copies
     * overwrite (see {@link Copies}).
     */
    private void im2colDense(float[] x, int xOff, int channels, float[] col, int colOff, int ld) {
        for (int c = 0; c < channels; c++) {
            for (int e = 0; e < kernelSize; e++) {
                int src = xOff + denseRunStart(c, e);
                int dst = colOff + (c * kernelSize + e) * ld;
                int segmentEnd = dst + positions;
                for (int oh = 0; oh < outH; oh++, src += inW, dst += outW) {
                    Copies.run(x, src, col, dst, outW, segmentEnd);
                }
            }
        }
    }

    /** float64 twin of {@link #im2colDense(float[], int, int, float[], int, int)}. */
    private void im2colDense(double[] x, int xOff, int channels, double[] col, int colOff, int ld) {
        for (int c = 0; c < channels; c++) {
            for (int e = 0; e < kernelSize; e++) {
                int src = xOff + denseRunStart(c, e);
                int dst = colOff + (c * kernelSize + e) * ld;
                int segmentEnd = dst + positions;
                for (int oh = 0; oh < outH; oh++, src += inW, dst += outW) {
                    Copies.run(x, src, col, dst, outW, segmentEnd);
                }
            }
        }
    }

    /**
     * The adjoint of {@link #im2col(float[], int, int, float[], int, int)}: adds every column entry that was read
     * from the input back into its plane element; entries read from padding are dropped. Kernel elements are added
     * in order, so each input element's sum has a fixed order.
     */
    public void col2im(float[] col, int colOff, int ld, int channels, float[] x, int xOff) {
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * inputPlane();
            for (int e = 0; e < kernelSize; e++) {
                int i = e / kW;
                int j = e % kW;
                int lo = firstColumn[j];
                int hi = endColumn[j];
                for (int oh = 0; oh < outH; oh++) {
                    int r = oh * strideH - padTop + i * dilationH;
                    if (r < 0 || r >= inH) {
                        continue;
                    }
                    int from = colOff + (c * kernelSize + e) * ld + oh * outW;
                    int dst = plane + r * inW + j * dilationW - padLeft;
                    if (strideW == 1) {
                        Elementwise.addInto(col, from + lo, x, dst + lo, hi - lo);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            x[dst + ow * strideW] += col[from + ow];
                        }
                    }
                }
            }
        }
    }

    /** float64 twin of {@link #col2im(float[], int, int, int, float[], int)}. */
    public void col2im(double[] col, int colOff, int ld, int channels, double[] x, int xOff) {
        for (int c = 0; c < channels; c++) {
            int plane = xOff + c * inputPlane();
            for (int e = 0; e < kernelSize; e++) {
                int i = e / kW;
                int j = e % kW;
                int lo = firstColumn[j];
                int hi = endColumn[j];
                for (int oh = 0; oh < outH; oh++) {
                    int r = oh * strideH - padTop + i * dilationH;
                    if (r < 0 || r >= inH) {
                        continue;
                    }
                    int from = colOff + (c * kernelSize + e) * ld + oh * outW;
                    int dst = plane + r * inW + j * dilationW - padLeft;
                    if (strideW == 1) {
                        Elementwise.addInto(col, from + lo, x, dst + lo, hi - lo);
                    } else {
                        for (int ow = lo; ow < hi; ow++) {
                            x[dst + ow * strideW] += col[from + ow];
                        }
                    }
                }
            }
        }
    }

    /**
     * In a {@link #isDense() dense} geometry, the input element (from the start of the image) where the first output
     * row of channel {@code c}, kernel element {@code e} begins: row {@code e / kW}, column {@code e % kW}.
     */
    private int denseRunStart(int c, int e) {
        return c * inputPlane() + (e / kW) * inW + e % kW;
    }

    /** Whether windows move by 1 and read a dense, unpadded block: stride 1, dilation 1, no padding. */
    boolean isDense() {
        return strideH == 1 && strideW == 1 && dilationH == 1 && dilationW == 1 && padTop == 0 && padLeft == 0
                && outH == inH - kH() + 1 && outW == inW - kW + 1;
    }

    /**
     * {@link #col2im(float[], int, int, int, float[], int)} for a {@link #isDense() dense} geometry whose column
     * rows hold {@code outH * inW} entries, output rows at the stride of input rows: row {@code (c, i, j)} then adds
     * to the input in one contiguous run from {@code (i, j)}. The entries between the output rows (columns past
     * {@code outW}) land on neighbouring input elements, so they must be zero.
     */
    public void col2imDense(float[] col, int colOff, int ld, int channels, float[] x, int xOff) {
        int run = (outH - 1) * inW + outW;
        for (int c = 0; c < channels; c++) {
            for (int e = 0; e < kernelSize; e++) {
                int dst = xOff + denseRunStart(c, e);
                Elementwise.addInto(col, colOff + (c * kernelSize + e) * ld, x, dst, run);
            }
        }
    }

    /** float64 twin of {@link #col2imDense(float[], int, int, int, float[], int)}. */
    public void col2imDense(double[] col, int colOff, int ld, int channels, double[] x, int xOff) {
        int run = (outH - 1) * inW + outW;
        for (int c = 0; c < channels; c++) {
            for (int e = 0; e < kernelSize; e++) {
                int dst = xOff + denseRunStart(c, e);
                Elementwise.addInto(col, colOff + (c * kernelSize + e) * ld, x, dst, run);
            }
        }
    }
}
