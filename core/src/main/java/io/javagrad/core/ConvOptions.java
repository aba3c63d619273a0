package io.javagrad.core;

/**
 * Stride, zero padding, dilation and groups of a 2-d convolution, built with withers:
 * {@code ConvOptions.of().stride(2).padding(1)}. Padding may be asymmetric (top, bottom, left, right), as
 * ONNX and Keras "same" padding need; {@link #paddingSame(int, int, int, int)} sets the latter.
 *
 * @param strideH  vertical step of the window, at least 1
 * @param strideW  horizontal step of the window, at least 1
 * @param padTop   zero rows added above the input, at least 0
 * @param padBottom zero rows added below the input, at least 0
 * @param padLeft  zero columns added left of the input, at least 0
 * @param padRight zero columns added right of the input, at least 0
 * @param dilationH spacing between vertical kernel taps, at least 1 (1 = a dense kernel)
 * @param dilationW spacing between horizontal kernel taps, at least 1
 * @param groups   number of channel groups, at least 1; equal to the input channels for a depthwise convolution
 */
public record ConvOptions(int strideH, int strideW, int padTop, int padBottom, int padLeft, int padRight,
                          int dilationH, int dilationW, int groups) {

    /** Validates every field. */
    public ConvOptions {
        if (strideH < 1 || strideW < 1) {
            throw new IllegalArgumentException("ConvOptions: stride must be positive, got " + strideH + "x" + strideW);
        }
        if (dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("ConvOptions: dilation must be positive, got " + dilationH + "x" + dilationW);
        }
        if (padTop < 0 || padBottom < 0 || padLeft < 0 || padRight < 0) {
            throw new IllegalArgumentException("ConvOptions: padding must be >= 0, got (top, bottom, left, right) = ("
                    + padTop + ", " + padBottom + ", " + padLeft + ", " + padRight + ")");
        }
        if (groups < 1) {
            throw new IllegalArgumentException("ConvOptions: groups must be positive, got " + groups);
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static ConvOptions of() {
        return new ConvOptions(1, 1, 0, 0, 0, 0, 1, 1, 1);
    }

    /** The same stride along both axes. */
    public ConvOptions stride(int s) {
        return stride(s, s);
    }

    /** Vertical and horizontal stride. */
    public ConvOptions stride(int h, int w) {
        return new ConvOptions(h, w, padTop, padBottom, padLeft, padRight, dilationH, dilationW, groups);
    }

    /** The same padding on all four sides. */
    public ConvOptions padding(int p) {
        return padding(p, p, p, p);
    }

    /** {@code h} rows above and below, {@code w} columns left and right. */
    public ConvOptions padding(int h, int w) {
        return padding(h, h, w, w);
    }

    /** Padding of each side. */
    public ConvOptions padding(int top, int bottom, int left, int right) {
        return new ConvOptions(strideH, strideW, top, bottom, left, right, dilationH, dilationW, groups);
    }

    /** The same dilation along both axes. */
    public ConvOptions dilation(int d) {
        return dilation(d, d);
    }

    /** Vertical and horizontal dilation. */
    public ConvOptions dilation(int h, int w) {
        return new ConvOptions(strideH, strideW, padTop, padBottom, padLeft, padRight, h, w, groups);
    }

    /** Number of channel groups. */
    public ConvOptions groups(int g) {
        return new ConvOptions(strideH, strideW, padTop, padBottom, padLeft, padRight, dilationH, dilationW, g);
    }

    /**
     * These options with the padding that makes the output {@code ceil(in / stride)} along each axis
     * (Keras and TensorFlow "same"), for an input of {@code inH x inW} and a {@code kH x kW} kernel, using this
     * stride and dilation; see {@link #samePadding(int, int, int, int)}.
     */
    public ConvOptions paddingSame(int inH, int inW, int kH, int kW) {
        int[] h = samePadding(inH, kH, strideH, dilationH);
        int[] w = samePadding(inW, kW, strideW, dilationW);
        return padding(h[0], h[1], w[0], w[1]);
    }

    /**
     * The output height of a convolution with a kernel {@code kH} high over an input {@code inH} high:
     * {@code floor((inH + padTop + padBottom - (kH - 1) * dilationH - 1) / strideH) + 1}.
     */
    public int outputHeight(int inH, int kH) {
        return (inH + padTop + padBottom - (kH - 1) * dilationH - 1) / strideH + 1;
    }

    /** The output width, as {@link #outputHeight} along the width. */
    public int outputWidth(int inW, int kW) {
        return (inW + padLeft + padRight - (kW - 1) * dilationW - 1) / strideW + 1;
    }

    /**
     * "Same" padding along one axis, as {@code {begin, end}}: the total is
     * {@code max((ceil(in / stride) - 1) * stride + (kernel - 1) * dilation + 1 - in, 0)}, split in half with the
     * odd element at the end.
     */
    public static int[] samePadding(int in, int kernel, int stride, int dilation) {
        if (in < 1 || kernel < 1 || stride < 1 || dilation < 1) {
            throw new IllegalArgumentException("samePadding: input size, kernel, stride and dilation must be positive,"
                    + " got " + in + ", " + kernel + ", " + stride + ", " + dilation);
        }
        int outSize = (in + stride - 1) / stride;
        int total = Math.max((outSize - 1) * stride + (kernel - 1) * dilation + 1 - in, 0);
        return new int[] {total / 2, total - total / 2};
    }
}
