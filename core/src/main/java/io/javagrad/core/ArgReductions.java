package io.javagrad.core;

/**
 * Reductions that find a position along one axis: argmax, argmin, and max/min with their indices. Indices are
 * whole numbers stored in the input's dtype. The values of {@code max}/{@code min} are gathered at those
 * indices, so their gradient is gather's: it goes to the chosen element only (the first one among ties).
 */
final class ArgReductions {
    private ArgReductions() {}

    /** Whether {@code x} beats the best so far; NaN beats every number, as in PyTorch. */
    @FunctionalInterface
    private interface Beats {
        boolean test(double x, double best);
    }

    private static final Beats GREATER = (x, best) -> x > best || (Double.isNaN(x) && !Double.isNaN(best));
    private static final Beats LESS = (x, best) -> x < best || (Double.isNaN(x) && !Double.isNaN(best));

    static Tensor argmax(Tensor a, int axis, boolean keepDims) {
        return indices("argmax", a, axis, keepDims, GREATER);
    }

    static Tensor argmin(Tensor a, int axis, boolean keepDims) {
        return indices("argmin", a, axis, keepDims, LESS);
    }

    static Tensor.ValuesAndIndices max(Tensor a, int axis, boolean keepDims) {
        return valuesAndIndices("max", a, axis, keepDims, GREATER);
    }

    static Tensor.ValuesAndIndices min(Tensor a, int axis, boolean keepDims) {
        return valuesAndIndices("min", a, axis, keepDims, LESS);
    }

    private static Tensor.ValuesAndIndices valuesAndIndices(String op, Tensor a, int axis, boolean keepDims, Beats beats) {
        int ax = Shapes.axis(op, axis, a.rank());
        Tensor kept = indices(op, a, ax, true, beats);
        Tensor values = a.gather(ax, kept);
        return keepDims
                ? new Tensor.ValuesAndIndices(values, kept)
                : new Tensor.ValuesAndIndices(values.squeeze(ax), kept.squeeze(ax));
    }

    /** Index of the winning element of each line along {@code axis} (the first one among ties). */
    private static Tensor indices(String op, Tensor a, int axis, boolean keepDims, Beats beats) {
        int ax = Shapes.axis(op, axis, a.rank());
        int size = a.shape[ax];
        if (size == 0) {
            throw new IllegalArgumentException(op + ": axis " + ax + " of shape " + Shapes.str(a.shape) + " is empty");
        }
        int[] order = new int[a.rank()];
        for (int i = 0, j = 0; i < a.rank(); i++) {
            if (i != ax) {
                order[j++] = i;
            }
        }
        order[a.rank() - 1] = ax;
        int[] offsets = Loops.offsets(a.detach().permute(order)); // each line along axis is now a run of size
        Tensor out = Tensor.empty(a.dtype(), Reductions.reducedShape(a.shape, new int[] {ax}, keepDims));
        for (int line = 0, start = 0; start < offsets.length; line++, start += size) {
            int best = 0;
            double bestValue = Loops.read(a, offsets[start]);
            for (int j = 1; j < size; j++) {
                double x = Loops.read(a, offsets[start + j]);
                if (beats.test(x, bestValue)) {
                    best = j;
                    bestValue = x;
                }
            }
            out.write(line, best);
        }
        return out;
    }
}
