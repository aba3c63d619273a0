package io.javagrad.core;

import java.util.Arrays;

/**
 * Ops that give a new view of the same storage: reshape, transpose, permute, slice, squeeze, unsqueeze,
 * expand. Each backward maps the gradient back to the input's shape.
 */
final class ViewOps {
    private ViewOps() {}

    private static Tensor[] grads(Tensor... g) {
        return g;
    }

    private static final Tensor[] NONE = new Tensor[0];

    static Tensor reshape(Tensor a, int[] requested) {
        int[] newShape = resolveShape(a, requested);
        int[] oldShape = a.shape;
        Tensor out = a.isContiguous()
                ? a.view(newShape, Shapes.contiguousStrides(newShape), a.offset)
                : a.copy().view(newShape, Shapes.contiguousStrides(newShape), 0);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("reshape", out, grads(a), NONE, g -> grads(g.reshape(oldShape)));
    }

    private static int[] resolveShape(Tensor a, int[] requested) {
        int[] s = requested.clone();
        int inferred = -1;
        int known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (inferred >= 0) {
                    throw new IllegalArgumentException("reshape: only one -1 allowed in " + Arrays.toString(requested));
                }
                inferred = i;
            } else if (s[i] < 0) {
                throw new IllegalArgumentException("reshape: negative size in " + Arrays.toString(requested));
            } else {
                known *= s[i];
            }
        }
        int n = a.numel();
        if (inferred >= 0) {
            if (known == 0 || n % known != 0) {
                throw new IllegalArgumentException("reshape: cannot reshape tensor of shape " + Shapes.str(a.shape)
                        + " into " + Arrays.toString(requested));
            }
            s[inferred] = n / known;
        } else if (known != n) {
            throw new IllegalArgumentException("reshape: cannot reshape tensor of shape " + Shapes.str(a.shape)
                    + " (" + n + " elements) into " + Arrays.toString(requested) + " (" + known + " elements)");
        }
        return s;
    }

    static Tensor flatten(Tensor a, int startAxis) {
        int start = Shapes.axis("flatten", startAxis, a.rank());
        int[] s = Arrays.copyOf(a.shape, start + 1);
        s[start] = -1;
        if (a.numel() == 0) {
            s[start] = 0;
        }
        return reshape(a, s);
    }

    // a transpose is its own inverse
    static Tensor transpose(Tensor a, int axisA, int axisB) {
        int x = Shapes.axis("transpose", axisA, a.rank());
        int y = Shapes.axis("transpose", axisB, a.rank());
        Tensor out = a.view(Shapes.swapped(a.shape, x, y), Shapes.swapped(a.strides, x, y), a.offset);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("transpose", out, grads(a), NONE, g -> grads(g.transpose(x, y)));
    }

    static Tensor permute(Tensor a, int[] order) {
        int rank = a.rank();
        if (order.length != rank) {
            throw new IllegalArgumentException("permute: order " + Arrays.toString(order) + " does not match shape "
                    + Shapes.str(a.shape));
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int[] inverse = new int[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            int ax = Shapes.axis("permute", order[i], rank);
            if (seen[ax]) {
                throw new IllegalArgumentException("permute: axis " + ax + " repeated in " + Arrays.toString(order));
            }
            seen[ax] = true;
            shape[i] = a.shape[ax];
            strides[i] = a.strides[ax];
            inverse[ax] = i;
        }
        Tensor out = a.view(shape, strides, a.offset);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("permute", out, grads(a), NONE, g -> grads(g.permute(inverse)));
    }

    static Tensor slice(Tensor a, int axis, int start, int stop, int step) {
        int ax = Shapes.axis("slice", axis, a.rank());
        if (step <= 0) {
            throw new IllegalArgumentException("slice: step must be positive, got " + step);
        }
        int size = a.shape[ax];
        int from = clampIndex(start, size);
        int to = clampIndex(stop, size);
        int count = to <= from ? 0 : (to - from + step - 1) / step;
        int[] shape = a.shape.clone();
        int[] strides = a.strides.clone();
        shape[ax] = count;
        strides[ax] = a.strides[ax] * step;
        Tensor out = a.view(shape, strides, a.offset + (count == 0 ? 0 : from * a.strides[ax]));
        int[] inShape = a.shape;
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("slice", out, grads(a), NONE, g -> grads(sliceBackward(g, inShape, ax, from, step)));
    }

    private static int clampIndex(int i, int size) {
        int k = i < 0 ? i + size : i;
        return Math.max(0, Math.min(size, k));
    }

    /** Zeros of {@code inShape} with {@code g} written at the slice; its own backward slices again. */
    private static Tensor sliceBackward(Tensor g, int[] inShape, int axis, int from, int step) {
        Tensor out = Tensor.zeros(g.dtype(), inShape);
        int to = from + g.shape[axis] * step;
        try (Autograd.Scope s = Autograd.noGrad()) {
            out.slice(axis, from, to, step).copyFrom(g);
        }
        if (!Autograd.recording(g)) {
            return out;
        }
        return Autograd.record("sliceBackward", out, grads(g), NONE,
                gg -> grads(gg.slice(axis, from, to, step)));
    }

    static Tensor select(Tensor a, int axis, int index) {
        int ax = Shapes.axis("select", axis, a.rank());
        int size = a.shape[ax];
        int k = index < 0 ? index + size : index;
        if (k < 0 || k >= size) {
            throw new IndexOutOfBoundsException("select: index " + index + " out of range for axis " + ax
                    + " of shape " + Shapes.str(a.shape));
        }
        return slice(a, ax, k, k + 1, 1).squeeze(ax);
    }

    static Tensor squeeze(Tensor a) {
        int kept = 0;
        for (int s : a.shape) {
            kept += s == 1 ? 0 : 1;
        }
        int[] shape = new int[kept];
        int[] strides = new int[kept];
        int j = 0;
        for (int i = 0; i < a.rank(); i++) {
            if (a.shape[i] != 1) {
                shape[j] = a.shape[i];
                strides[j++] = a.strides[i];
            }
        }
        return restride("squeeze", a, shape, strides);
    }

    static Tensor squeeze(Tensor a, int axis) {
        int ax = Shapes.axis("squeeze", axis, a.rank());
        if (a.shape[ax] != 1) {
            throw new IllegalArgumentException("squeeze: axis " + axis + " of shape " + Shapes.str(a.shape)
                    + " has size " + a.shape[ax] + ", not 1");
        }
        int[] shape = new int[a.rank() - 1];
        int[] strides = new int[a.rank() - 1];
        for (int i = 0, j = 0; i < a.rank(); i++) {
            if (i != ax) {
                shape[j] = a.shape[i];
                strides[j++] = a.strides[i];
            }
        }
        return restride("squeeze", a, shape, strides);
    }

    static Tensor unsqueeze(Tensor a, int axis) {
        int rank = a.rank() + 1;
        int ax = Shapes.axis("unsqueeze", axis, rank);
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        for (int i = 0, j = 0; i < rank; i++) {
            if (i == ax) {
                shape[i] = 1;
                strides[i] = j < a.rank() ? a.strides[j] * a.shape[j] : 1;
            } else {
                shape[i] = a.shape[j];
                strides[i] = a.strides[j++];
            }
        }
        return restride("unsqueeze", a, shape, strides);
    }

    /** A view with a shape that differs from the input's only by size-1 axes; backward reshapes back. */
    private static Tensor restride(String op, Tensor a, int[] shape, int[] strides) {
        int[] inShape = a.shape;
        Tensor out = a.view(shape, strides, a.offset);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record(op, out, grads(a), NONE, g -> grads(g.reshape(inShape)));
    }

    static Tensor expand(Tensor a, int[] requested) {
        int rank = requested.length;
        if (rank < a.rank()) {
            throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.str(a.shape) + " to "
                    + Arrays.toString(requested) + " (fewer axes)");
        }
        int[] shape = new int[rank];
        int[] strides = new int[rank];
        int shift = rank - a.rank();
        for (int i = 0; i < rank; i++) {
            int have = i < shift ? 1 : a.shape[i - shift];
            int want = requested[i] == -1 ? have : requested[i];
            if (i < shift && requested[i] == -1) {
                throw new IllegalArgumentException("expand: -1 is not allowed for new leading axes in "
                        + Arrays.toString(requested));
            }
            if (have != want && have != 1) {
                throw new IllegalArgumentException("expand: cannot expand shape " + Shapes.str(a.shape) + " to "
                        + Arrays.toString(requested) + " (axis " + i + ": " + have + " vs " + want + ")");
            }
            shape[i] = want;
            strides[i] = i < shift || have != want ? 0 : a.strides[i - shift];
        }
        int[] inShape = a.shape;
        Tensor out = a.view(shape, strides, a.offset);
        if (!Autograd.recording(a)) {
            return out;
        }
        return Autograd.record("expand", out, grads(a), NONE, g -> grads(g.sumToShape(inShape)));
    }

    static Tensor sumToShape(Tensor g, int[] target) {
        if (Arrays.equals(g.shape, target)) {
            return g;
        }
        int shift = g.rank() - target.length;
        if (shift < 0) {
            throw new IllegalArgumentException("sumToShape: cannot reduce shape " + Shapes.str(g.shape) + " to "
                    + Shapes.str(target));
        }
        int[] axes = new int[g.rank()];
        int n = 0;
        for (int i = 0; i < g.rank(); i++) {
            if (i < shift) {
                axes[n++] = i;
            } else if (target[i - shift] == 1 && g.shape[i] != 1) {
                axes[n++] = i;
            } else if (target[i - shift] != g.shape[i]) {
                throw new IllegalArgumentException("sumToShape: cannot reduce shape " + Shapes.str(g.shape) + " to "
                        + Shapes.str(target));
            }
        }
        Tensor summed = n == 0 ? g : g.sum(Arrays.copyOf(axes, n), true);
        return summed.reshape(target);
    }
}
