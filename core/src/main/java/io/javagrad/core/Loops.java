package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise;
import io.javagrad.core.kernels.Elementwise.Binary;
import io.javagrad.core.kernels.Elementwise.Unary;
import io.javagrad.core.kernels.ParallelFor;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * Element-wise loops over strided tensors: the tensor-level drivers of {@link Elementwise}. Each walks its
 * operands in {@link Runs} and hands every run to a kernel. Values are computed in double and stored in the
 * output's dtype (for +, -, *, / and sqrt this rounds exactly as float arithmetic would). Outputs are always
 * contiguous. Large contiguous operands are cut into chunks spread over {@link ParallelFor}'s threads (each element
 * is computed alone, so the cut changes nothing).
 */
final class Loops {
    private Loops() {}

    /** Whether a contiguous pass over {@code n} elements is split across threads (see {@link ParallelFor#splits}). */
    private static boolean splits(int n) {
        return ParallelFor.splits(n, n * ParallelFor.ELEMENT_WORK);
    }

    static double read(Tensor t, int offset) {
        return t.f != null ? t.f[offset] : t.d[offset];
    }

    /** {@code out[i] = op(a[i])} over a's logical order; {@code out} is a new contiguous tensor. */
    static Tensor map(Tensor a, Unary op) {
        Tensor out = Tensor.uninitialized(a.dtype(), a.shape);
        if (a.isContiguous()) {
            int n = out.numel();
            if (splits(n)) {
                ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> unary(op, a, a.offset + from, 1, out,
                        from, to - from));
            } else {
                unary(op, a, a.offset, 1, out, 0, n);
            }
            return out;
        }
        Runs runs = new Runs(a.shape, a.strides, out.strides);
        runs.forEach(new int[] {a.offset, 0}, (at, n) -> unary(op, a, at[0], runs.step(0), out, at[1], n));
        return out;
    }

    private static void unary(Unary op, Tensor a, int ao, int as, Tensor out, int oo, int n) {
        if (a.f != null) {
            Elementwise.unary(op, a.f, ao, as, out.f, oo, n);
        } else {
            Elementwise.unary(op, a.d, ao, as, out.d, oo, n);
        }
    }

    /** {@code out[i] = op(a[i], c)}, computed in double. */
    static Tensor withScalar(Tensor a, Binary op, double c) {
        Tensor out = Tensor.uninitialized(a.dtype(), a.shape);
        if (a.isContiguous()) {
            int n = out.numel();
            if (splits(n)) {
                ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> withScalar(op, a, a.offset + from, 1, c,
                        out, from, to - from));
            } else {
                withScalar(op, a, a.offset, 1, c, out, 0, n);
            }
            return out;
        }
        Runs runs = new Runs(a.shape, a.strides, out.strides);
        runs.forEach(new int[] {a.offset, 0}, (at, n) -> withScalar(op, a, at[0], runs.step(0), c, out, at[1], n));
        return out;
    }

    private static void withScalar(Binary op, Tensor a, int ao, int as, double c, Tensor out, int oo, int n) {
        if (a.f != null) {
            Elementwise.withScalar(op, a.f, ao, as, c, out.f, oo, n);
        } else {
            Elementwise.withScalar(op, a.d, ao, as, c, out.d, oo, n);
        }
    }

    /** {@code out[i] = op(a[i])} for the ops without a kernel of their own (one call per element). */
    static Tensor map(Tensor a, DoubleUnaryOperator op) {
        Tensor out = Tensor.uninitialized(a.dtype(), a.shape);
        Runs runs = new Runs(a.shape, a.strides, out.strides);
        runs.forEach(new int[] {a.offset, 0}, (at, n) -> {
            int step = runs.step(0);
            for (int i = 0; i < n; i++) {
                out.write(at[1] + i, op.applyAsDouble(read(a, at[0] + i * step)));
            }
        });
        return out;
    }

    /** {@code out = op(a, b)} with NumPy broadcasting; the caller has checked the dtypes. */
    static Tensor zip(String opName, Tensor a, Tensor b, Binary op) {
        if (Arrays.equals(a.shape, b.shape) && a.isContiguous() && b.isContiguous()) {
            Tensor out = Tensor.uninitialized(a.dtype(), a.shape);
            zipContiguous(a, b, op, out, 0);
            return out;
        }
        int[] shape = Shapes.broadcast(opName, a.shape, b.shape);
        Tensor out = Tensor.uninitialized(a.dtype(), shape);
        Runs runs = new Runs(shape, broadcastStrides(a, shape), broadcastStrides(b, shape), out.strides);
        runs.forEach(new int[] {a.offset, b.offset, 0},
                (at, n) -> binary(op, a, at[0], runs.step(0), b, at[1], runs.step(1), out, at[2], n));
        return out;
    }

    /**
     * {@code a = op(a, b)} in place, for {@code a} and {@code b} of the same shape, both contiguous; returns {@code a}.
     * Only for a tensor nothing else can read (see {@link Tensor#overwritable}).
     */
    static Tensor zipInPlace(Tensor a, Tensor b, Binary op) {
        zipContiguous(a, b, op, a, a.offset);
        return a;
    }

    /** {@code out[outOffset + i] = op(a[i], b[i])} over contiguous operands of one shape. */
    private static void zipContiguous(Tensor a, Tensor b, Binary op, Tensor out, int outOffset) {
        int n = a.numel();
        if (splits(n)) {
            ParallelFor.run(n, n * ParallelFor.ELEMENT_WORK, (from, to) -> binary(op, a, a.offset + from, 1, b,
                    b.offset + from, 1, out, outOffset + from, to - from));
        } else {
            binary(op, a, a.offset, 1, b, b.offset, 1, out, outOffset, n);
        }
    }

    private static void binary(Binary op, Tensor a, int ao, int as, Tensor b, int bo, int bs, Tensor out, int oo,
                               int n) {
        if (a.f != null) {
            Elementwise.binary(op, a.f, ao, as, b.f, bo, bs, out.f, oo, n);
        } else {
            Elementwise.binary(op, a.d, ao, as, b.d, bo, bs, out.d, oo, n);
        }
    }

    /** Copies {@code src} (already of {@code dst}'s shape, any strides and dtype) into {@code dst}'s elements. */
    static void copy(Tensor src, Tensor dst) {
        if (src.isContiguous() && dst.isContiguous()) {
            copyRun(src, src.offset, 1, dst, dst.offset, 1, dst.numel());
            return;
        }
        Runs runs = new Runs(dst.shape, src.strides, dst.strides);
        runs.forEach(new int[] {src.offset, dst.offset}, (at, n) -> copyRun(src, at[0], runs.step(0), dst, at[1],
                runs.step(1), n));
    }

    private static void copyRun(Tensor src, int so, int ss, Tensor dst, int dO, int ds, int n) {
        if ((src.f != null) == (dst.f != null) && ss == 1 && ds == 1) {
            System.arraycopy(src.f != null ? src.f : src.d, so, dst.f != null ? dst.f : dst.d, dO, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            double v = read(src, so + i * ss);
            if (dst.f != null) {
                dst.f[dO + i * ds] = (float) v;
            } else {
                dst.d[dO + i * ds] = v;
            }
        }
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

    /** Storage offsets of every element of {@code t} in logical (row-major) order. */
    static int[] offsets(Tensor t) {
        int[] out = new int[t.numel()];
        if (t.isContiguous()) {
            for (int i = 0; i < out.length; i++) {
                out[i] = t.offset + i;
            }
            return out;
        }
        Runs runs = new Runs(t.shape, t.strides);
        int[] next = {0};
        runs.forEach(new int[] {t.offset}, (at, n) -> {
            for (int i = 0; i < n; i++) {
                out[next[0]++] = at[0] + i * runs.step(0);
            }
        });
        return out;
    }
}
