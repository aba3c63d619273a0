package io.javagrad.layers.augment;

import io.javagrad.core.Function;
import io.javagrad.core.FunctionContext;
import io.javagrad.core.Tensor;

/**
 * Resamples a batch of NCHW images through one affine map per image: output pixel {@code (x, y)} reads the input
 * at {@code M (x, y, 1)}, with {@code M} a 2x3 matrix in JOML's column-major order {@code m00 m01 m10 m11 m20 m21}
 * (pixel centres at whole coordinates, x along the width). Positions between pixels are interpolated, positions
 * outside the image resolved by the fill mode.
 *
 * <p>For fixed matrices the warp is linear in the image plus, for a constant fill, a constant: its derivative with
 * respect to the image is the linear part, and the backward is its adjoint, which scatters each output gradient
 * back to the input pixels it was read from with the same weights. The adjoint is differentiable in turn (its
 * derivative is the linear warp again), so gradients of gradients work. The matrices themselves are not
 * differentiated: they are random draws, not parameters.
 */
final class ImageWarp extends Function {
    /** Source positions this close to a whole pixel (rounding error of the composed map) read that pixel alone. */
    private static final double SNAP = 1e-9;

    private final double[] matrices;
    private final FillMode fillMode;
    private final double fillValue;
    private final Interpolation interpolation;
    private final boolean adjoint;

    private ImageWarp(double[] matrices, FillMode fillMode, double fillValue, Interpolation interpolation,
                      boolean adjoint) {
        this.matrices = matrices;
        this.fillMode = fillMode;
        this.fillValue = fillValue;
        this.interpolation = interpolation;
        this.adjoint = adjoint;
    }

    /** The warped images; {@code matrices} holds 6 numbers per image. Differentiable with respect to the images. */
    static Tensor warp(Tensor images, double[] matrices, FillMode fillMode, double fillValue,
                       Interpolation interpolation) {
        return new ImageWarp(matrices, fillMode, fillValue, interpolation, false).apply(images);
    }

    @Override
    protected String name() {
        return adjoint ? "ImageWarpAdjoint" : "ImageWarp";
    }

    @Override
    protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
        Tensor images = inputs[0];
        int[] shape = images.shape();
        int channels = shape[1];
        int plane = shape[2] * shape[3];
        double[] src = images.toDoubleArray();
        double[] dst = new double[src.length];
        int taps = interpolation.taps();
        int[] index = new int[plane * taps];
        double[] weight = new double[plane * taps];
        for (int n = 0; n < shape[0]; n++) {
            fillTable(n, shape[2], shape[3], index, weight);
            for (int c = 0; c < channels; c++) {
                int base = (n * channels + c) * plane;
                if (adjoint) {
                    scatter(src, dst, base, plane, index, weight);
                } else {
                    gather(src, dst, base, plane, index, weight);
                }
            }
        }
        return Tensor.of(dst, shape).to(images.dtype());
    }

    // d warp(x) / dx = W (the linear part), so the backward is W^T g; d (W^T g) / dg = W, the warp with fill 0.
    @Override
    protected Tensor[] backward(FunctionContext ctx, Tensor gradOutput) {
        return new Tensor[] {new ImageWarp(matrices, fillMode, 0, interpolation, !adjoint).apply(gradOutput)};
    }

    /** For each output pixel of image {@code n}: the taps' input pixel indices (-1 for the fill value) and weights. */
    private void fillTable(int n, int height, int width, int[] index, double[] weight) {
        int m = 6 * n;
        double m00 = matrices[m];
        double m01 = matrices[m + 1];
        double m10 = matrices[m + 2];
        double m11 = matrices[m + 3];
        double m20 = matrices[m + 4];
        double m21 = matrices[m + 5];
        int t = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double sx = snap(m00 * x + m10 * y + m20);
                double sy = snap(m01 * x + m11 * y + m21);
                if (interpolation == Interpolation.NEAREST) {
                    index[t] = pixel((int) Math.floor(sx + 0.5), (int) Math.floor(sy + 0.5), height, width);
                    weight[t++] = 1;
                    continue;
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                double fx = sx - x0;
                double fy = sy - y0;
                index[t] = pixel(x0, y0, height, width);
                weight[t++] = (1 - fx) * (1 - fy);
                index[t] = pixel(x0 + 1, y0, height, width);
                weight[t++] = fx * (1 - fy);
                index[t] = pixel(x0, y0 + 1, height, width);
                weight[t++] = (1 - fx) * fy;
                index[t] = pixel(x0 + 1, y0 + 1, height, width);
                weight[t++] = fx * fy;
            }
        }
    }

    /** {@code v} rounded to a whole number when within {@link #SNAP} of it: quarter turns then move pixels exactly. */
    private static double snap(double v) {
        double r = Math.rint(v);
        return Math.abs(v - r) < SNAP ? r : v;
    }

    /** The flat index of input pixel {@code (x, y)} after the fill mode, or -1 for the constant. */
    private int pixel(int x, int y, int height, int width) {
        int rx = fillMode.resolve(x, width);
        int ry = fillMode.resolve(y, height);
        return rx < 0 || ry < 0 ? -1 : ry * width + rx;
    }

    /** out[p] = sum over taps of weight * (input pixel, or the fill value). */
    private void gather(double[] src, double[] dst, int base, int plane, int[] index, double[] weight) {
        int taps = interpolation.taps();
        for (int p = 0, t = 0; p < plane; p++, t += taps) {
            double acc = weight[t] * read(src, base, index[t]);
            for (int k = t + 1; k < t + taps; k++) {
                acc += weight[k] * read(src, base, index[k]);
            }
            dst[base + p] = acc;
        }
    }

    private double read(double[] src, int base, int i) {
        return i < 0 ? fillValue : src[base + i];
    }

    /** The adjoint of {@link #gather}'s linear part: each tap adds weight * g[p] to the input pixel it read. */
    private void scatter(double[] src, double[] dst, int base, int plane, int[] index, double[] weight) {
        int taps = interpolation.taps();
        for (int p = 0, t = 0; p < plane; p++, t += taps) {
            double g = src[base + p];
            for (int k = t; k < t + taps; k++) {
                if (index[k] >= 0) {
                    dst[base + index[k]] += weight[k] * g;
                }
            }
        }
    }
}
