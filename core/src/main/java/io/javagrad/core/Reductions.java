package io.javagrad.core;

import java.util.function.DoubleBinaryOperator;

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
     * Folds every element of {@code a} into its output slot with {@code combine}, starting from {@code init};
     * returns the result with reduced axes kept as size 1.
     */
    static Tensor fold(Tensor a, int[] axes, double init, DoubleBinaryOperator combine) {
        int[] keptShape = reducedShape(a.shape, axes, true);
        int outN = Shapes.numel(keptShape);
        double[] acc = new double[outN];
        java.util.Arrays.fill(acc, init);
        int[] outStrides = Shapes.contiguousStrides(keptShape);
        for (int ax : axes) {
            outStrides[ax] = 0;
        }
        int rank = a.rank();
        int n = a.numel();
        int[] idx = new int[rank];
        int in = a.offset;
        int o = 0;
        for (int i = 0; i < n; i++) {
            acc[o] = combine.applyAsDouble(acc[o], Loops.read(a, in));
            for (int dim = rank - 1; dim >= 0; dim--) {
                idx[dim]++;
                in += a.strides[dim];
                o += outStrides[dim];
                if (idx[dim] < a.shape[dim]) {
                    break;
                }
                in -= a.strides[dim] * a.shape[dim];
                o -= outStrides[dim] * a.shape[dim];
                idx[dim] = 0;
            }
        }
        Tensor out = Tensor.empty(a.dtype(), keptShape);
        for (int i = 0; i < outN; i++) {
            out.write(i, acc[i]);
        }
        return out;
    }

    // d sum(a) = g broadcast back over the reduced axes
    static Tensor sum(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("sum", axesIn, a.rank());
        Tensor kept = fold(a, axes, 0, Double::sum);
        Tensor out = keepDims ? kept : kept.detach().reshape(reducedShape(a.shape, axes, false));
        int[] keptShape = kept.shape;
        int[] inShape = a.shape;
        return Autograd.record("sum", out, of(a), NONE, g -> of(g.reshape(keptShape).expand(inShape)));
    }

    // mean = sum / count
    static Tensor mean(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("mean", axesIn, a.rank());
        int count = 1;
        for (int ax : axes) {
            count *= a.shape[ax];
        }
        return sum(a, axes, keepDims).div(count);
    }

    // d max(a) = g at the maxima, split evenly among ties
    static Tensor amax(Tensor a, int[] axesIn, boolean keepDims) {
        int[] axes = Shapes.axes("amax", axesIn, a.rank());
        if (a.numel() == 0) {
            throw new IllegalArgumentException("amax: empty tensor of shape " + Shapes.str(a.shape));
        }
        Tensor kept = fold(a, axes, Double.NEGATIVE_INFINITY, (m, x) -> x > m || Double.isNaN(x) ? x : m);
        Tensor out = keepDims ? kept : kept.detach().reshape(reducedShape(a.shape, axes, false));
        int[] keptShape = kept.shape;
        return Autograd.record("amax", out, of(a), of(a, kept), g -> {
            Tensor mask = a.eq(kept);
            Tensor share = mask.div(mask.sum(axes, true));
            return of(g.reshape(keptShape).mul(share));
        });
    }
}
