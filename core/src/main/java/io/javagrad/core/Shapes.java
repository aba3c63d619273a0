package io.javagrad.core;

import java.util.Arrays;

/** Shape arithmetic shared by the ops: sizes, strides, broadcasting and axis normalisation. */
public final class Shapes {
    private Shapes() {}

    /** Number of elements of a shape (1 for the 0-d shape {@code []}). */
    public static int numel(int[] shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31-1 elements");
            }
        }
        return (int) n;
    }

    private static final int[] SCALAR_STRIDES = {};
    private static final int[] VECTOR_STRIDES = {1};

    /** A copy of {@code values} (a shape or strides) with entries {@code x} and {@code y} swapped. */
    static int[] swapped(int[] values, int x, int y) {
        int[] out = values.clone();
        out[x] = values[y];
        out[y] = values[x];
        return out;
    }

    /** Row-major (C order) strides of a contiguous tensor; shared for ranks 0 and 1, so never write into them. */
    static int[] contiguousStrides(int[] shape) {
        if (shape.length <= 1) {
            return shape.length == 0 ? SCALAR_STRIDES : VECTOR_STRIDES;
        }
        int[] strides = new int[shape.length];
        int s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    /** The NumPy broadcast of two shapes; throws naming {@code op} when they are incompatible. */
    public static int[] broadcast(String op, int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(op + ": shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast (axis " + i + ": " + da + " vs " + db + ")");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /** Normalises a possibly negative axis against {@code rank}; throws naming {@code op} when out of range. */
    public static int axis(String op, int axis, int rank) {
        int a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.max(rank, 1) || (rank == 0)) {
            throw new IllegalArgumentException(op + ": axis " + axis + " is out of range for a tensor of rank " + rank);
        }
        return a;
    }

    /** Normalised, sorted, distinct axes; an empty array means all axes. */
    static int[] axes(String op, int[] axes, int rank) {
        if (axes.length == 0) {
            int[] all = new int[rank];
            for (int i = 0; i < rank; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(op, axes[i], rank);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new IllegalArgumentException(op + ": axis " + out[i] + " given twice in " + Arrays.toString(axes));
            }
        }
        return out;
    }

    /** The multi-index of element {@code flat} of a row-major tensor of {@code shape}. */
    public static int[] unravel(int flat, int[] shape) {
        int[] index = new int[shape.length];
        for (int i = shape.length - 1; i >= 0; i--) {
            index[i] = flat % shape[i];
            flat /= shape[i];
        }
        return index;
    }

    /** {@code [2, 3]} style text of a shape. */
    public static String str(int[] shape) {
        return Arrays.toString(shape);
    }
}
