package io.javagrad.core;

import io.javagrad.core.kernels.Elementwise.Unary;
import io.javagrad.core.kernels.Folds;
import io.javagrad.core.kernels.Folds.Fold;
import io.javagrad.core.kernels.ParallelFor;

/**
 * Reductions over one or several axes. Sums accumulate in double, in the input's logical order, so results
 * do not depend on the layout or the thread count.
 */
final class Reductions {
    private Reductions() {}

    private static final Tensor[] NONE = new Tensor[0];

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    /** Shape of a reduction's result: reduced axes become 1 ({@code keepDims}) or disappear. */
    static int[] reducedShape(int[] shape, int[] axes, boolean keepDims) {
        boolean[] reduced = new boolean[shape.length];
        for (int ax : axes) {
            reduced[ax] = true;
        }
        int n = 0;
        int[] out = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            if (!reduced[i]) {
                out[n++] = shape[i];
            } else if (keepDims) {
                out[n++] = 1;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * Folds every element of {@code a} into its output slot with {@code op}, starting from {@code init};
     * returns the result with reduced axes kept as size 1.
     */
    static Tensor fold(Tensor a, int[] axes, double init, Fold op) {
        return fold(a, axes, init, op, true);
    }

    /** {@link #fold(Tensor, int[], double, Fold)} with the reduced axes kept (as size 1) or dropped. */
    private static Tensor fold(Tensor a, int[] axes, double init, Fold op, boolean keepDims) {
        int[] keptShape = reducedShape(a.shape, axes, true);
        int[] outShape = keepDims ? keptShape : reducedShape(a.shape, axes, false);
        int outN = Shapes.numel(keptShape);
        double[] acc = new double[outN];
        java.util.Arrays.fill(acc, init);
        if (outN == 1 && a.isContiguous()) {
            foldRun(op, a, a.offset, 1, acc, 0, 0, a.numel());
        } else if (axes.length == 1 && a.isContiguous()) {
            foldOneAxis(op, a, axes[0], acc);
        } else {
            int blockInner = a.isContiguous() && a.numel() > 0 ? keptBlockInner(a.shape, axes) : 0;
            if (blockInner > 1) {
                foldAroundKeptBlock(op, a, blockInner, acc);
            } else {
                int[] outStrides = Shapes.contiguousStrides(keptShape).clone();
                for (int ax : axes) {
                    outStrides[ax] = 0;
                }
                Runs runs = new Runs(a.shape, a.strides, outStrides);
                runs.forEach(new int[] {a.offset, 0}, (at, n) -> foldRun(op, a, at[0], runs.step(0), acc, at[1],
                        runs.step(1), n));
            }
        }
        if (a.dtype() == DType.FLOAT64) {
            return Tensor.over(outShape, acc);
        }
        Tensor out = Tensor.empty(a.dtype(), outShape);
        for (int i = 0; i < outN; i++) {
            out.f[i] = (float) acc[i];
        }
        return out;
    }

    /**
     * The fold of a contiguous {@code a} along axis {@code ax} without {@link Runs}: for each index before the axis,
     * the slices along it in order, each folded into the slots of the indices after it (every slot still sees its
     * elements in logical order).
     */
    private static void foldOneAxis(Fold op, Tensor a, int ax, double[] acc) {
        int len = a.shape[ax];
        int inner = 1;
        for (int i = ax + 1; i < a.rank(); i++) {
            inner *= a.shape[i];
        }
        int outer = acc.length / Math.max(inner, 1);
        for (int o = 0; o < outer; o++) {
            if (inner == 1) {
                foldRun(op, a, a.offset + o * len, 1, acc, o, 0, len);
                continue;
            }
            for (int k = 0; k < len; k++) {
                foldRun(op, a, a.offset + (o * len + k) * inner, 1, acc, o * inner, 1, inner);
            }
        }
    }

    /**
     * When the axes {@code a} keeps (not in {@code axes}) are consecutive, the number of elements after them, else 0:
     * a bias gradient's sum of {@code [N, C, H, W]} over N, H and W keeps C with H * W elements after it.
     */
    private static int keptBlockInner(int[] shape, int[] axes) {
        boolean[] reduced = new boolean[shape.length];
        for (int ax : axes) {
            reduced[ax] = true;
        }
        int first = 0;
        while (first < shape.length && reduced[first]) {
            first++;
        }
        int end = first;
        while (end < shape.length && !reduced[end]) {
            end++;
        }
        int inner = 1;
        for (int i = end; i < shape.length; i++) {
            if (!reduced[i]) {
                return 0;
            }
            inner *= shape[i];
        }
        return inner;
    }

    /**
     * The fold of a contiguous {@code a} whose kept axes are consecutive, with {@code inner} elements after them:
     * slot by slot, each slot's runs of {@code inner} elements in order (its logical order), so the slots can be
     * spread over threads, each slot one thread's.
     */
    private static void foldAroundKeptBlock(Fold op, Tensor a, int inner, double[] acc) {
        int slots = acc.length;
        int outer = a.numel() / (slots * inner);
        ParallelFor.run(slots, (long) a.numel() * ParallelFor.ELEMENT_WORK, (from, to) -> {
            int c = from;
            for (; c + 4 <= to; c += 4) { // four slots' chains interleaved; each slot's order unchanged
                for (int o = 0; o < outer; o++) {
                    int at = a.offset + (o * slots + c) * inner;
                    if (a.f != null) {
                        Folds.fold4(op, a.f, at, inner, acc, c, inner);
                    } else {
                        Folds.fold4(op, a.d, at, inner, acc, c, inner);
                    }
                }
            }
            for (; c < to; c++) {
                for (int o = 0; o < outer; o++) {
                    foldRun(op, a, a.offset + (o * slots + c) * inner, 1, acc, c, 0, inner);
                }
            }
        });
    }

    private static void foldRun(Fold op, Tensor a, int ao, int as, double[] acc, int oo, int os, int n) {
        if (a.f != null) {
            Folds.fold(op, a.f, ao, as, acc, oo, os, n);
        } else {
            Folds.fold(op, a.d, ao, as, acc, oo, os, n);
        }
    }

    // d sum(a) = g broadcast back over the reduced axes
    static Tensor sum(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("sum", axesIn, a.rank());
        Tensor out = fold(a, axes, 0, Fold.SUM, keepDims);
        if (!Autograd.recording(a)) {
            return out;
        }
        int[] keptShape = keepDims ? out.shape : reducedShape(a.shape, axes, true);
        int[] inShape = a.shape;
        return Autograd.record("sum", out, of(a), NONE, g -> of(g.reshape(keptShape).expand(inShape)));
    }

    /** Number of elements folded into each output slot. */
    private static int count(int[] shape, int[] axes) {
        int count = 1;
        for (int ax : axes) {
            count *= shape[ax];
        }
        return count;
    }

    // mean = sum / count
    static Tensor mean(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("mean", axesIn, a.rank());
        return sum(a, axes, keepDims).div(count(a.shape, axes));
    }

    // var = sum((a - mean)^2) / (count - correction);  d var = 2 (a - mean) / (count - correction) da
    static Tensor var(Tensor a, int[] axesIn, int correction, boolean keepDims) {
        int[] axes = Shapes.axes("var", axesIn, a.rank());
        int count = count(a.shape, axes);
        int dof = count - correction;
        if (correction < 0 || dof <= 0) {
            throw new IllegalArgumentException("var: correction " + correction + " needs more than " + correction
                    + " elements per reduction, got " + count + " (shape " + Shapes.str(a.shape) + ", axes "
                    + java.util.Arrays.toString(axes) + ")");
        }
        Tensor out;
        try (Autograd.Scope s = Autograd.noGrad()) {
            out = a.sub(a.mean(axes, true)).square().sum(axes, keepDims).div(dof);
        }
        int[] keptShape = reducedShape(a.shape, axes, true);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("var", out, of(a), of(a),
                g -> of(g.reshape(keptShape).mul(a.sub(a.mean(axes, true))).mul(2.0 / dof)));
    }

    // lse = m + log(sum(e^(a - m))) with m the (finite) maximum;  d lse = e^(a - lse) da, the softmax
    static Tensor logSumExp(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("logSumExp", axesIn, a.rank());
        Tensor kept;
        try (Autograd.Scope s = Autograd.noGrad()) {
            Tensor max = fold(a, axes, Double.NEGATIVE_INFINITY, Fold.MAX);
            Tensor shift = Loops.map(max, m -> Double.isInfinite(m) ? 0 : m);
            kept = a.sub(shift).exp().sum(axes, true).log().add(shift);
        }
        Tensor out = keepDims ? kept : kept.reshape(reducedShape(a.shape, axes, false));
        int[] keptShape = kept.shape;
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("logSumExp", out, of(a), of(a, out),
                g -> of(g.reshape(keptShape).mul(a.sub(out.reshape(keptShape)).exp())));
    }

    // |a|_1 = sum |a|;  |a|_2 = sqrt(sum a^2), d |a|_2 = a / |a|_2 da, taken as 0 where the norm is 0
    static Tensor norm(Tensor a, double p, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("norm", axesIn, a.rank());
        if (p == 1) {
            return sum(a.abs(), axes, keepDims);
        }
        if (p != 2) {
            throw new IllegalArgumentException("norm: p must be 1 or 2, got " + p);
        }
        Tensor out = Loops.map(fold(a, axes, 0, Fold.SUM_SQUARES, keepDims), Unary.SQRT);
        if (!Autograd.recording(a)) {
            return out;
        }
        int[] keptShape = keepDims ? out.shape : reducedShape(a.shape, axes, true);
        return Autograd.record("norm", out, of(a), of(a, out), g -> {
            Tensor norm = out.reshape(keptShape);
            Tensor safeNorm = norm.add(norm.eq(0)); // a is all zeros where its norm is 0
            return of(g.reshape(keptShape).mul(a.div(safeNorm)));
        });
    }

    // d max(a) = g at the maxima, split evenly among ties
    static Tensor amax(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("amax", axesIn, a.rank());
        if (a.numel() == 0) {
            throw new IllegalArgumentException("amax: empty tensor of shape " + Shapes.str(a.shape));
        }
        Tensor out = fold(a, axes, Double.NEGATIVE_INFINITY, Fold.MAX, keepDims);
        if (!Autograd.recording(a)) {
            return out;
        }
        int[] keptShape = keepDims ? out.shape : reducedShape(a.shape, axes, true);
        return Autograd.record("amax", out, of(a), of(a, out), g -> {
            Tensor mask = a.eq(out.reshape(keptShape));
            Tensor share = mask.div(mask.sum(axes, true));
            return of(g.reshape(keptShape).mul(share));
        });
    }
}
