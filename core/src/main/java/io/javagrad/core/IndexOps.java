package io.javagrad.core;

import io.javagrad.core.kernels.ParallelFor;
import java.util.Arrays;

/**
 * Ops driven by a tensor of indices: gather and its adjoint scatterAdd (each is the other's backward),
 * indexSelect (whole slices along one axis, copied as blocks) and oneHot. Indices are whole numbers stored in a
 * float tensor of either dtype; they are constants for autograd.
 */
final class IndexOps {
    private IndexOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    private static Tensor[] of(Tensor... t) {
        return t;
    }

    // out[p] = a[p with its axis coordinate replaced by index[p]];  d gather = g scatter-added at those places
    static Tensor gather(Tensor a, int axis, Tensor index) {
        return gather("gather", a, Shapes.axis("gather", axis, a.rank()), index);
    }

    private static Tensor gather(String op, Tensor a, int ax, Tensor index) {
        int[] from = addressed(op, a, ax, index);
        Tensor out = Tensor.empty(a.dtype(), index.shape);
        for (int i = 0; i < from.length; i++) {
            out.write(i, Loops.read(a, from[i]));
        }
        int[] inShape = a.shape;
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record(op, out, of(a), of(index),
                g -> of(scatterAdd(Tensor.zeros(g.dtype(), inShape), ax, index, g)));
    }

    // out = self, then out[p with its axis coordinate replaced by index[p]] += src[p];  d self = g, d src = gather(g)
    static Tensor scatterAdd(Tensor self, int axis, Tensor index, Tensor src) {
        self.checkSameDtype("scatterAdd", src);
        int ax = Shapes.axis("scatterAdd", axis, self.rank());
        if (!Arrays.equals(src.shape, index.shape)) {
            throw new IllegalArgumentException("scatterAdd: src of shape " + Shapes.str(src.shape)
                    + " must have the shape of index " + Shapes.str(index.shape));
        }
        Tensor out = self.copy();
        int[] to = addressed("scatterAdd", out, ax, index);
        int[] from = Loops.offsets(src);
        for (int i = 0; i < to.length; i++) {
            double sum = Loops.read(out, to[i]) + Loops.read(src, from[i]);
            if (out.f != null) {
                out.f[to[i]] = (float) sum;
            } else {
                out.d[to[i]] = sum;
            }
        }
        if (!Autograd.recording(self, src)) {
            return out;
        }
        return Autograd.record("scatterAdd", out, of(self, src), of(index),
                g -> of(g, gather("gather", g, ax, index)));
    }

    // out[.., i, ..] = a[.., index[i], ..] (slices copied whole);  d indexSelect = g scatter-added back at those slices
    /** {@code a}'s slices at {@code index} along {@code axis}; the index's axes replace that axis. */
    static Tensor indexSelect(Tensor a, int axis, Tensor index) {
        int ax = Shapes.axis("indexSelect", axis, a.rank());
        int[] at = Loops.offsets(index);
        int[] picks = new int[at.length];
        for (int i = 0; i < at.length; i++) {
            picks[i] = wholeIndex("indexSelect", index.shape, i, Loops.read(index, at[i]), a.shape[ax]);
        }
        return select(a, ax, index.shape, picks);
    }

    /** {@link #indexSelect(Tensor, int, Tensor)} with the indices given as an array (a 1-d index). */
    static Tensor indexSelect(Tensor a, int axis, int[] indices) {
        int ax = Shapes.axis("indexSelect", axis, a.rank());
        checkIndices("indexSelect", indices, a.shape[ax]);
        return select(a, ax, new int[] {indices.length}, indices);
    }

    /** Checks that each of the 1-d {@code indices} is in {@code [0, size)}. */
    private static void checkIndices(String op, int[] indices, int size) {
        int[] indexShape = {indices.length};
        for (int i = 0; i < indices.length; i++) {
            wholeIndex(op, indexShape, i, indices[i], size);
        }
    }

    /**
     * Writes {@code a.indexSelect(axis, indices)} into {@code out} (contiguous, of that shape and {@code a}'s dtype)
     * instead of a new tensor; never recorded.
     */
    static Tensor indexSelectInto(Tensor a, int axis, int[] indices, Tensor out) {
        int ax = Shapes.axis("copyFrom", axis, a.rank());
        out.checkInPlace("copyFrom");
        int[] expected = a.shape.clone();
        expected[ax] = indices.length;
        if (out.dtype() != a.dtype() || !Arrays.equals(out.shape, expected) || !out.isContiguous()) {
            throw new IllegalArgumentException("copyFrom: " + indices.length + " slices along axis " + ax + " of a "
                    + a.dtype() + " tensor of shape " + Shapes.str(a.shape) + " need a contiguous " + a.dtype()
                    + " tensor of shape " + Shapes.str(expected) + ", got a " + (out.isContiguous() ? "" : "strided ")
                    + out.dtype() + " one of shape " + Shapes.str(out.shape));
        }
        checkIndices("copyFrom", indices, a.shape[ax]);
        copySlices(a.contiguousData(), ax, indices, out);
        out.bumpVersion();
        return out;
    }

    /**
     * The slices {@code picks} (checked) along {@code ax} of {@code a}, shaped by {@code indexShape}. The backward
     * scatters along a float64 copy of the picks (exact for any index), whatever the caller's index tensor.
     */
    private static Tensor select(Tensor a, int ax, int[] indexShape, int[] picks) {
        int k = picks.length;
        int[] outShape = new int[a.rank() - 1 + indexShape.length];
        System.arraycopy(a.shape, 0, outShape, 0, ax);
        System.arraycopy(indexShape, 0, outShape, ax, indexShape.length);
        System.arraycopy(a.shape, ax + 1, outShape, ax + indexShape.length, a.rank() - ax - 1);
        Tensor out = Tensor.empty(a.dtype(), outShape);
        copySlices(a.contiguousData(), ax, picks, out);
        if (!Autograd.recording(a)) {
            return out;
        }
        int[] line = new int[a.rank()];
        Arrays.fill(line, 1);
        line[ax] = k;
        int[] spread = a.shape.clone();
        spread[ax] = k;
        int[] inShape = a.shape;
        Tensor constant = Tensor.empty(DType.FLOAT64, new int[] {k});
        for (int i = 0; i < k; i++) {
            constant.write(i, picks[i]);
        }
        return Autograd.record("indexSelect", out, of(a), of(),
                g -> of(scatterAdd(Tensor.zeros(g.dtype(), inShape), ax, constant.reshape(line).expand(spread),
                        g.reshape(spread))));
    }

    /**
     * Copies the slices {@code picks} along {@code ax} of the contiguous {@code src} into the contiguous {@code out}, in
     * order.
     */
    private static void copySlices(Tensor src, int ax, int[] picks, Tensor out) {
        int outer = 1;
        for (int d = 0; d < ax; d++) {
            outer *= src.shape[d];
        }
        int inner = 1;
        for (int d = ax + 1; d < src.rank(); d++) {
            inner *= src.shape[d];
        }
        Object from = src.f != null ? src.f : src.d;
        Object to = out.f != null ? out.f : out.d;
        int size = src.shape[ax];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < picks.length; i++) {
                ParallelFor.yieldToLoop(); // a batch copied ahead in the background lets the step's loops go first
                System.arraycopy(from, src.offset + (o * size + picks[i]) * inner, to,
                        out.offset + (o * picks.length + i) * inner, inner);
            }
        }
    }

    /** Rows of one-hot vectors: shape {@code indices.shape + [numClasses]}, dtype of {@code indices}. */
    static Tensor oneHot(Tensor indices, int numClasses) {
        if (numClasses <= 0) {
            throw new IllegalArgumentException("oneHot: numClasses must be positive, got " + numClasses);
        }
        int[] shape = Arrays.copyOf(indices.shape, indices.rank() + 1);
        shape[indices.rank()] = numClasses;
        Tensor out = Tensor.empty(indices.dtype(), shape);
        int[] at = Loops.offsets(indices);
        for (int i = 0; i < at.length; i++) {
            out.write(i * numClasses + wholeIndex("oneHot", indices.shape, i, Loops.read(indices, at[i]), numClasses), 1);
        }
        return out;
    }

    /**
     * For each element p of {@code index} (row-major), the storage offset in {@code t} of the element whose
     * coordinates are p's with the {@code ax} coordinate replaced by {@code index[p]}.
     */
    private static int[] addressed(String op, Tensor t, int ax, Tensor index) {
        if (index.rank() != t.rank()) {
            throw new IllegalArgumentException(op + ": index of shape " + Shapes.str(index.shape)
                    + " must have the rank of the input of shape " + Shapes.str(t.shape));
        }
        int[] strides = t.strides.clone();
        strides[ax] = 0;
        for (int d = 0; d < t.rank(); d++) {
            if (d != ax && index.shape[d] > t.shape[d]) {
                throw new IllegalArgumentException(op + ": index of shape " + Shapes.str(index.shape)
                        + " is larger than the input of shape " + Shapes.str(t.shape) + " along axis " + d);
            }
        }
        int[] base = Loops.offsets(t.view(index.shape, strides, t.offset));
        int[] at = Loops.offsets(index);
        for (int i = 0; i < base.length; i++) {
            base[i] += wholeIndex(op, index.shape, i, Loops.read(index, at[i]), t.shape[ax]) * t.strides[ax];
        }
        return base;
    }

    /** {@code value} as an int in [0, size), or an exception naming the op and the position in {@code index}. */
    private static int wholeIndex(String op, int[] indexShape, int position, double value, int size) {
        int k = (int) value;
        if (k != value || k < 0 || k >= size) {
            throw new IllegalArgumentException(op + ": index " + value + " at position " + position
                    + " of the index tensor of shape " + Shapes.str(indexShape) + " is not a whole number in [0, "
                    + size + ")");
        }
        return k;
    }
}
