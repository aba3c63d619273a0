package io.javagrad.core;

/**
 * Walks several strided operands of one (broadcast) shape in row-major order, one run at a time. Axes laid out
 * back to back in every operand are merged first, so a contiguous tensor is a single run, a scalar broadcast is a
 * single run with stride 0, and adding a row vector to a matrix is one run per row. The kernels then loop over a
 * run with plain indexing.
 */
final class Runs {
    /** Called once per run with each operand's offset at the run's start (read only) and the run's length. */
    @FunctionalInterface
    interface Body {
        void run(int[] at, int length);
    }

    /** Sizes of the axes around the runs: the first {@code outerRank} entries are used. */
    private final int[] outer;
    /** Per operand, its strides along those axes (the first {@code outerRank} entries). */
    private final int[][] outerStrides;
    private final int outerRank;
    private final int[] step;
    private final int length;

    /** @param strides one stride array per operand, each of {@code shape}'s rank (0 along broadcast axes) */
    Runs(int[] shape, int[]... strides) {
        int rank = shape.length;
        int operands = strides.length;
        int[] dims = new int[rank];
        int[][] st = new int[operands][rank];
        int kept = 0;
        for (int i = 0; i < rank; i++) {
            if (shape[i] == 1) {
                continue;
            }
            if (kept > 0 && mergeable(strides, i, st, kept - 1, shape[i])) {
                dims[kept - 1] *= shape[i];
                for (int k = 0; k < operands; k++) {
                    st[k][kept - 1] = strides[k][i];
                }
                continue;
            }
            dims[kept] = shape[i];
            for (int k = 0; k < operands; k++) {
                st[k][kept] = strides[k][i];
            }
            kept++;
        }
        boolean empty = Shapes.numel(shape) == 0;
        length = empty ? 0 : kept == 0 ? 1 : dims[kept - 1];
        step = new int[operands];
        for (int k = 0; k < operands; k++) {
            step[k] = kept == 0 ? 0 : st[k][kept - 1];
        }
        outer = dims;
        outerStrides = st;
        outerRank = Math.max(kept - 1, 0);
    }

    /** Whether axis {@code i} continues the merged axis {@code j} in every operand. */
    private static boolean mergeable(int[][] strides, int i, int[][] merged, int j, int size) {
        for (int k = 0; k < strides.length; k++) {
            if (merged[k][j] != strides[k][i] * size) {
                return false;
            }
        }
        return true;
    }

    /** Elements per run. */
    int length() {
        return length;
    }

    /** The stride of operand {@code k} inside a run. */
    int step(int k) {
        return step[k];
    }

    /** Calls {@code body} for every run, starting from the operands' offsets {@code at} (advanced in place). */
    void forEach(int[] at, Body body) {
        if (length == 0) {
            return;
        }
        int[] idx = new int[outerRank];
        while (true) {
            body.run(at, length);
            int dim = outerRank - 1;
            for (; dim >= 0; dim--) {
                idx[dim]++;
                for (int k = 0; k < at.length; k++) {
                    at[k] += outerStrides[k][dim];
                }
                if (idx[dim] < outer[dim]) {
                    break;
                }
                for (int k = 0; k < at.length; k++) {
                    at[k] -= outerStrides[k][dim] * outer[dim];
                }
                idx[dim] = 0;
            }
            if (dim < 0) {
                return;
            }
        }
    }
}
