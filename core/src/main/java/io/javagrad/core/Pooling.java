package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import io.javagrad.core.kernels.Patches;
import io.javagrad.core.kernels.PoolKernels;
import java.util.Arrays;

/**
 * 2-d max and average pooling on NCHW tensors (floor mode), each with a backward that is an op with its own
 * backward, so gradients of gradients work:
 * <ul>
 *   <li>max pooling picks {@code x} at the argmax of each window; its gradient scatters {@code g} back to those
 *       positions, and the scatter's gradient gathers at the same positions;</li>
 *   <li>average pooling is linear, {@code y = A x}; its gradient is the adjoint {@code A^T g}, whose gradient
 *       is {@code A} again.</li>
 * </ul>
 * The loops are in {@link PoolKernels}, spread over the planes (each plane one thread's).
 */
final class Pooling {
    private Pooling() {}

    private static final Tensor[] NONE = new Tensor[0];

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    // y = x[argmax];  dx = scatter of g to argmax
    static Tensor maxPool2d(Tensor x, int[] kernel, int[] stride, int[] padding) {
        Patches w = windows("maxPool2d", x.shape, kernel, stride, padding);
        Tensor out = Tensor.uninitialized(x.dtype(), outputShape(x, w));
        int[] argmax = new int[out.numel()];
        Tensor xc = x.contiguousData();
        int planes = x.shape[0] * x.shape[1];
        ParallelFor.run(planes, work(w, planes), (from, to) -> {
            if (out.f != null) {
                PoolKernels.maxPool(w, from, to, xc.f, xc.offset, out.f, argmax);
            } else {
                PoolKernels.maxPool(w, from, to, xc.d, xc.offset, out.d, argmax);
            }
        });
        int[] inShape = x.shape;
        return Autograd.record("maxPool2d", out, of(x), NONE, g -> of(scatter(g, argmax, inShape)));
    }

    // z[index[i]] += g[i];  dg = gather of gz at index.  Every index of a plane of g points into the same plane of z
    // (a window lies in its plane), so the planes are spread over threads, each plane one thread's.
    static Tensor scatter(Tensor g, int[] index, int[] shape) {
        Tensor out = Tensor.zerosPooled(g.dtype(), shape);
        Tensor gc = g.contiguousData();
        int planes = shape[0] * shape[1];
        int plane = g.shape[2] * g.shape[3];
        ParallelFor.run(planes, (long) index.length * ParallelFor.ELEMENT_WORK, (from, to) -> {
            if (out.f != null) {
                PoolKernels.scatterAdd(gc.f, gc.offset, index, from * plane, to * plane, out.f);
            } else {
                PoolKernels.scatterAdd(gc.d, gc.offset, index, from * plane, to * plane, out.d);
            }
        });
        int[] gShape = g.shape;
        return Autograd.record("maxPool2dScatter", out, of(g), NONE, gz -> of(gather(gz, index, gShape)));
    }

    // y[i] = x[index[i]];  dx = scatter of g to index
    private static Tensor gather(Tensor x, int[] index, int[] shape) {
        Tensor out = Tensor.uninitialized(x.dtype(), shape);
        Tensor xc = x.contiguousData();
        ParallelFor.run(index.length, (long) index.length * ParallelFor.ELEMENT_WORK, (from, to) -> {
            if (out.f != null) {
                PoolKernels.gather(xc.f, xc.offset, index, from, to, out.f);
            } else {
                PoolKernels.gather(xc.d, xc.offset, index, from, to, out.d);
            }
        });
        int[] xShape = x.shape;
        return Autograd.record("maxPool2dGather", out, of(x), NONE, g -> of(scatter(g, index, xShape)));
    }

    static Tensor avgPool2d(Tensor x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        return average(x, windows("avgPool2d", x.shape, kernel, stride, padding), countIncludePad);
    }

    // y = A x (window means);  dx = A^T g
    private static Tensor average(Tensor x, Patches w, boolean countIncludePad) {
        Tensor out = Tensor.zerosPooled(x.dtype(), outputShape(x, w));
        Tensor xc = x.contiguousData();
        int planes = x.shape[0] * x.shape[1];
        ParallelFor.run(planes, work(w, planes), (from, to) -> {
            if (out.f != null) {
                PoolKernels.avgPool(w, from, to, xc.f, xc.offset, out.f, countIncludePad);
            } else {
                PoolKernels.avgPool(w, from, to, xc.d, xc.offset, out.d, countIncludePad);
            }
        });
        int[] inShape = x.shape;
        return Autograd.record("avgPool2d", out, of(x), NONE, g -> of(averageAdjoint(g, w, inShape, countIncludePad)));
    }

    // z = A^T g (each g spread over its window);  dg = A gz
    private static Tensor averageAdjoint(Tensor g, Patches w, int[] inShape, boolean countIncludePad) {
        Tensor out = Tensor.zerosPooled(g.dtype(), inShape);
        Tensor gc = g.contiguousData();
        int planes = inShape[0] * inShape[1];
        ParallelFor.run(planes, work(w, planes), (from, to) -> {
            if (out.f != null) {
                PoolKernels.avgPoolAdjoint(w, from, to, gc.f, gc.offset, out.f, countIncludePad);
            } else {
                PoolKernels.avgPoolAdjoint(w, from, to, gc.d, gc.offset, out.d, countIncludePad);
            }
        });
        return Autograd.record("avgPool2dAdjoint", out, of(g), NONE, gz -> of(average(gz, w, countIncludePad)));
    }

    /**
     * Work of a pass over {@code planes} planes, for {@link ParallelFor}: each window read counted as an element of
     * a memory-bound pass. Each plane is one thread's.
     */
    private static long work(Patches w, int planes) {
        return (long) planes * w.positions() * w.kernelSize() * ParallelFor.ELEMENT_WORK;
    }

    private static int[] outputShape(Tensor x, Patches w) {
        return new int[] {x.shape[0], x.shape[1], w.outH(), w.outW()};
    }

    /**
     * Validates the arguments for an input of {@code shape} and builds the window table; the output size is floor
     * mode.
     */
    static Patches windows(String op, int[] shape, int[] kernel, int[] stride, int[] padding) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(op + ": input must be 4-d [N, C, H, W], got shape " + Shapes.str(shape));
        }
        if (kernel == null || kernel.length != 2 || stride == null || stride.length != 2 || padding == null
                || padding.length != 4) {
            throw new IllegalArgumentException(op + ": expected kernel {kH, kW}, stride {sH, sW} and padding"
                    + " {top, bottom, left, right}, got kernel " + Arrays.toString(kernel) + ", stride "
                    + Arrays.toString(stride) + ", padding " + Arrays.toString(padding));
        }
        if (kernel[0] < 1 || kernel[1] < 1 || stride[0] < 1 || stride[1] < 1) {
            throw new IllegalArgumentException(op + ": kernel and stride must be positive, got kernel "
                    + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride));
        }
        for (int side = 0; side < 4; side++) {
            int k = kernel[side / 2];
            if (padding[side] < 0 || padding[side] >= k) {
                throw new IllegalArgumentException(op + ": padding {top, bottom, left, right} = "
                        + Arrays.toString(padding) + " must be >= 0 and smaller than the kernel " + Arrays.toString(kernel));
            }
        }
        int paddedH = shape[2] + padding[0] + padding[1];
        int paddedW = shape[3] + padding[2] + padding[3];
        if (kernel[0] > paddedH || kernel[1] > paddedW) {
            throw new IllegalArgumentException(op + ": kernel " + kernel[0] + "x" + kernel[1] + " is larger than the"
                    + " padded input " + paddedH + "x" + paddedW + " (input " + Shapes.str(shape) + ", padding "
                    + Arrays.toString(padding) + ")");
        }
        int outH = (paddedH - kernel[0]) / stride[0] + 1;
        int outW = (paddedW - kernel[1]) / stride[1] + 1;
        return new Patches(shape[2], shape[3], kernel[0], kernel[1], stride[0], stride[1], padding[0], padding[2],
                1, 1, outH, outW);
    }
}
