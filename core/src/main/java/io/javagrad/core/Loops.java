package io.javagrad.core;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise loops over strided tensors. Values are computed in double and stored in the output's dtype
 * (for +, -, *, / and sqrt this rounds exactly as float arithmetic would). Outputs are always contiguous.
 */
final class Loops {
    private Loops() {}

    static double read(Tensor t, int offset) {
        return t.f != null ? t.f[offset] : t.d[offset];
    }

    /** {@code out[i] = op(a[i])} over a's logical order; {@code out} is a new contiguous tensor. */
    static Tensor map(Tensor a, DoubleUnaryOperator op) {
        Tensor out = Tensor.empty(a.dtype(), a.shape);
        int n = out.numel();
        if (a.isContiguous()) {
            int off = a.offset;
            if (a.f != null) {
                float[] src = a.f;
                float[] dst = out.f;
                for (int i = 0; i < n; i++) {
                    dst[i] = (float) op.applyAsDouble(src[off + i]);
                }
            } else {
                double[] src = a.d;
                double[] dst = out.d;
                for (int i = 0; i < n; i++) {
                    dst[i] = op.applyAsDouble(src[off + i]);
                }
            }
            return out;
        }
        return zip(a.shape, a, a.strides, a, new int[a.rank()], (x, unused) -> op.applyAsDouble(x), a.dtype());
    }

    /** {@code out = op(a, b)} with NumPy broadcasting; the caller has checked the dtypes. */
    static Tensor zip(String opName, Tensor a, Tensor b, DoubleBinaryOperator op) {
        if (a.numel() == b.numel() && java.util.Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
            return zipContiguous(a, b, op);
        }
        int[] shape = Shapes.broadcast(opName, a.shape, b.shape);
        return zip(shape, a, broadcastStrides(a, shape), b, broadcastStrides(b, shape), op, a.dtype());
    }

    private static Tensor zipContiguous(Tensor a, Tensor b, DoubleBinaryOperator op) {
        Tensor out = Tensor.empty(a.dtype(), a.shape);
        int n = out.numel();
        int ao = a.offset;
        int bo = b.offset;
        if (a.f != null) {
            float[] x = a.f;
            float[] y = b.f;
            float[] dst = out.f;
            for (int i = 0; i < n; i++) {
                dst[i] = (float) op.applyAsDouble(x[ao + i], y[bo + i]);
            }
        } else {
            double[] x = a.d;
            double[] y = b.d;
            double[] dst = out.d;
            for (int i = 0; i < n; i++) {
                dst[i] = op.applyAsDouble(x[ao + i], y[bo + i]);
            }
        }
        return out;
    }

    /** Strides of {@code t} read as a tensor of the (broadcast) {@code shape}: 0 along broadcast axes. */
    static int[] broadcastStrides(Tensor t, int[] shape) {
        int[] s = new int[shape.length];
        int shift = shape.length - t.rank();
        for (int i = 0; i < t.rank(); i++) {
            s[i + shift] = t.shape[i] == 1 ? 0 : t.strides[i];
        }
        return s;
    }

    /** The general strided loop: odometer over {@code shape}, inner loop over the last axis. */
    static Tensor zip(int[] shape, Tensor a, int[] as, Tensor b, int[] bs, DoubleBinaryOperator op, DType dtype) {
        Tensor out = Tensor.empty(dtype, shape);
        int rank = shape.length;
        int n = out.numel();
        if (n == 0) {
            return out;
        }
        int inner = rank == 0 ? 1 : shape[rank - 1];
        int ai = rank == 0 ? 0 : as[rank - 1];
        int bi = rank == 0 ? 0 : bs[rank - 1];
        int[] idx = new int[rank];
        int ao = a.offset;
        int bo = b.offset;
        int o = 0;
        while (o < n) {
            if (out.f != null) {
                for (int j = 0; j < inner; j++) {
                    out.f[o++] = (float) op.applyAsDouble(read(a, ao + j * ai), read(b, bo + j * bi));
                }
            } else {
                for (int j = 0; j < inner; j++) {
                    out.d[o++] = op.applyAsDouble(read(a, ao + j * ai), read(b, bo + j * bi));
                }
            }
            for (int dim = rank - 2; dim >= 0; dim--) {
                idx[dim]++;
                ao += as[dim];
                bo += bs[dim];
                if (idx[dim] < shape[dim]) {
                    break;
                }
                ao -= as[dim] * shape[dim];
                bo -= bs[dim] * shape[dim];
                idx[dim] = 0;
            }
        }
        return out;
    }

    /** Storage offsets of every element of {@code t} in logical (row-major) order. */
    static int[] offsets(Tensor t) {
        int n = t.numel();
        int[] out = new int[n];
        int rank = t.rank();
        int[] idx = new int[rank];
        int off = t.offset;
        for (int i = 0; i < n; i++) {
            out[i] = off;
            for (int dim = rank - 1; dim >= 0; dim--) {
                idx[dim]++;
                off += t.strides[dim];
                if (idx[dim] < t.shape[dim]) {
                    break;
                }
                off -= t.strides[dim] * t.shape[dim];
                idx[dim] = 0;
            }
        }
        return out;
    }
}
