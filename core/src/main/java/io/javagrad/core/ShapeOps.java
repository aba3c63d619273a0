package io.javagrad.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Ops that join, cut or grow tensors along axes: concat, stack, split, chunk and constant padding. Split and
 * chunk return slices (views); concat and pad copy. Each backward hands every input its part of the gradient.
 */
final class ShapeOps {
    private ShapeOps() {}

    private static final Tensor[] NONE = new Tensor[0];

    // concat: input i's gradient is g's slice where input i was written
    static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat: needs at least one tensor");
        }
        Tensor first = parts.get(0);
        int ax = Shapes.axis("concat", axis, first.rank());
        int[] shape = first.shape.clone();
        int[] starts = new int[parts.size() + 1];
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            first.checkSameDtype("concat", t);
            if (!sameOutside(first.shape, t.shape, ax)) {
                throw new IllegalArgumentException("concat: tensor " + i + " of shape " + Shapes.str(t.shape)
                        + " does not match tensor 0 of shape " + Shapes.str(first.shape) + " outside axis " + ax);
            }
            starts[i + 1] = starts[i] + t.shape[ax];
        }
        shape[ax] = starts[parts.size()];
        Tensor out = Tensor.empty(first.dtype(), shape);
        try (Autograd.Scope s = Autograd.noGrad()) {
            for (int i = 0; i < parts.size(); i++) {
                out.slice(ax, starts[i], starts[i + 1]).copyFrom(parts.get(i));
            }
        }
        return Autograd.record("concat", out, parts.toArray(new Tensor[0]), NONE, g -> {
            Tensor[] grads = new Tensor[starts.length - 1];
            for (int i = 0; i < grads.length; i++) {
                grads[i] = g.slice(ax, starts[i], starts[i + 1]);
            }
            return grads;
        });
    }

    private static boolean sameOutside(int[] a, int[] b, int axis) {
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (i != axis && a[i] != b[i]) {
                return false;
            }
        }
        return true;
    }

    /** Joins equally shaped tensors along a new axis (unsqueeze each, then concat). */
    static Tensor stack(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("stack: needs at least one tensor");
        }
        int[] shape = parts.get(0).shape;
        int ax = Shapes.axis("stack", axis, shape.length + 1);
        List<Tensor> lifted = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            Tensor t = parts.get(i);
            parts.get(0).checkSameDtype("stack", t);
            if (!Arrays.equals(t.shape, shape)) {
                throw new IllegalArgumentException("stack: tensor " + i + " of shape " + Shapes.str(t.shape)
                        + " differs from tensor 0 of shape " + Shapes.str(shape));
            }
            lifted.add(t.unsqueeze(ax));
        }
        return concat(lifted, ax);
    }

    /** Slices of {@code sizes[i]} elements along {@code axis}; the sizes must add up to the axis size. */
    static List<Tensor> split(Tensor a, int[] sizes, int axis) {
        int ax = Shapes.axis("split", axis, a.rank());
        int total = 0;
        for (int size : sizes) {
            if (size < 0) {
                throw new IllegalArgumentException("split: negative size in " + Arrays.toString(sizes));
            }
            total += size;
        }
        if (total != a.shape[ax]) {
            throw new IllegalArgumentException("split: sizes " + Arrays.toString(sizes) + " add up to " + total
                    + " but axis " + ax + " of shape " + Shapes.str(a.shape) + " has size " + a.shape[ax]);
        }
        List<Tensor> pieces = new ArrayList<>(sizes.length);
        int start = 0;
        for (int size : sizes) {
            pieces.add(a.slice(ax, start, start + size));
            start += size;
        }
        return pieces;
    }

    /**
     * Splits {@code axis} into pieces of {@code ceil(size / chunks)} elements, the last one possibly smaller,
     * as PyTorch does: fewer than {@code chunks} pieces come back when the size does not allow that many.
     */
    static List<Tensor> chunk(Tensor a, int chunks, int axis) {
        if (chunks <= 0) {
            throw new IllegalArgumentException("chunk: chunks must be positive, got " + chunks);
        }
        int ax = Shapes.axis("chunk", axis, a.rank());
        int size = a.shape[ax];
        int step = Math.max(1, (size + chunks - 1) / chunks);
        int count = Math.max(1, (size + step - 1) / step);
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            sizes[i] = Math.min(step, size - i * step);
        }
        return split(a, sizes, ax);
    }

    // pad: out is value everywhere with a written inside;  d pad = g padded by the negated amounts (a crop)
    static Tensor pad(Tensor a, int[] padding, double value) {
        int padded = padding.length / 2;
        if (padding.length % 2 != 0 || padded > a.rank()) {
            throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " must hold a (before,"
                    + " after) pair for each of the last axes of shape " + Shapes.str(a.shape));
        }
        int first = a.rank() - padded;
        int[] shape = a.shape.clone();
        for (int i = 0; i < padded; i++) {
            shape[first + i] += padding[2 * i] + padding[2 * i + 1];
            if (shape[first + i] < 0) {
                throw new IllegalArgumentException("pad: padding " + Arrays.toString(padding) + " crops axis "
                        + (first + i) + " of shape " + Shapes.str(a.shape) + " below size 0");
            }
        }
        Tensor out = Tensor.full(a.dtype(), value, shape);
        Tensor inside = out;
        Tensor source = a.detach();
        for (int i = 0; i < padded; i++) {
            int ax = first + i;
            int before = padding[2 * i];
            int lo = Math.max(0, before);
            int hi = Math.max(lo, Math.min(shape[ax], before + a.shape[ax]));
            inside = inside.slice(ax, lo, hi);
            source = source.slice(ax, lo - before, hi - before);
        }
        try (Autograd.Scope s = Autograd.noGrad()) {
            inside.copyFrom(source);
        }
        int[] inverse = new int[padding.length];
        for (int i = 0; i < padding.length; i++) {
            inverse[i] = -padding[i];
        }
        return Autograd.record("pad", out, new Tensor[] {a}, NONE, g -> new Tensor[] {pad(g, inverse, 0)});
    }
}
