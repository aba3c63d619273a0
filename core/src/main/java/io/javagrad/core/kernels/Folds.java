package io.javagrad.core.kernels;

/**
 * The loops of the reductions: fold one run of {@code n} input elements {@code x[xo + i * xs]} into double
 * accumulators {@code acc[ao + i * as]}. With {@code as == 0} the whole run folds into one slot (a reduction along
 * the run), otherwise each element into its own slot (a reduction across runs, such as a bias gradient summed over
 * the batch). Either way every slot sees its elements in the input's logical order, so a result does not depend on
 * the layout or on how the input was cut into runs. Each float32 method is followed by its float64 twin.
 */
public final class Folds {
    private static final boolean VECTOR = VectorSupport.enabled();

    private Folds() {}

    /** How an element combines with its slot. */
    public enum Fold {
        /** {@code acc + x}. */
        SUM,
        /** {@code acc + x * x}. */
        SUM_SQUARES,
        /** the larger of the two; a NaN wins. */
        MAX;

        double apply(double acc, double x) {
            return switch (this) {
                case SUM -> acc + x;
                case SUM_SQUARES -> acc + x * x;
                case MAX -> x > acc || Double.isNaN(x) ? x : acc;
            };
        }
    }

    /** Folds {@code x[xo + i * xs]} into {@code acc[ao + i * as]} for {@code i < n}. */
    public static void fold(Fold op, float[] x, int xo, int xs, double[] acc, int ao, int as, int n) {
        if (as == 0) {
            double s = acc[ao];
            if (op == Fold.SUM) {
                for (int i = 0; i < n; i++) {
                    s += x[xo + i * xs];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    s = op.apply(s, x[xo + i * xs]);
                }
            }
            acc[ao] = s;
        } else if (op == Fold.SUM && as == 1 && xs == 1) {
            // The JIT does not vectorize the float-to-double widening by itself (a bias gradient's sum over the
            // batch: 64 rows of 256 floats took 5.4 us this way, 2.8 us with the Vector API, in a Tensor.sum).
            int i = VECTOR ? VectorElementwise.addWidened(x, xo, acc, ao, n) : 0;
            for (; i < n; i++) {
                acc[ao + i] += x[xo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[ao + i * as] = op.apply(acc[ao + i * as], x[xo + i * xs]);
            }
        }
    }

    /**
     * Folds four runs of {@code n} contiguous elements at once, run {@code j} ({@code x[xo + j * runStride ..]}) into
     * {@code acc[ao + j]}: each slot's fold is the same chain, in the same order, as {@link #fold} with {@code as == 0}
     * gives, so the results are identical; four independent chains just keep the adder busy (a single chain waits
     * for each addition to finish).
     */
    public static void fold4(Fold op, float[] x, int xo, int runStride, double[] acc, int ao, int n) {
        if (op != Fold.SUM) {
            for (int j = 0; j < 4; j++) {
                fold(op, x, xo + j * runStride, 1, acc, ao + j, 0, n);
            }
            return;
        }
        double s0 = acc[ao];
        double s1 = acc[ao + 1];
        double s2 = acc[ao + 2];
        double s3 = acc[ao + 3];
        int x1 = xo + runStride;
        int x2 = x1 + runStride;
        int x3 = x2 + runStride;
        for (int i = 0; i < n; i++) {
            s0 += x[xo + i];
            s1 += x[x1 + i];
            s2 += x[x2 + i];
            s3 += x[x3 + i];
        }
        acc[ao] = s0;
        acc[ao + 1] = s1;
        acc[ao + 2] = s2;
        acc[ao + 3] = s3;
    }

    /** float64 twin of {@link #fold4(Fold, float[], int, int, double[], int, int)}. */
    public static void fold4(Fold op, double[] x, int xo, int runStride, double[] acc, int ao, int n) {
        if (op != Fold.SUM) {
            for (int j = 0; j < 4; j++) {
                fold(op, x, xo + j * runStride, 1, acc, ao + j, 0, n);
            }
            return;
        }
        double s0 = acc[ao];
        double s1 = acc[ao + 1];
        double s2 = acc[ao + 2];
        double s3 = acc[ao + 3];
        int x1 = xo + runStride;
        int x2 = x1 + runStride;
        int x3 = x2 + runStride;
        for (int i = 0; i < n; i++) {
            s0 += x[xo + i];
            s1 += x[x1 + i];
            s2 += x[x2 + i];
            s3 += x[x3 + i];
        }
        acc[ao] = s0;
        acc[ao + 1] = s1;
        acc[ao + 2] = s2;
        acc[ao + 3] = s3;
    }

    /** float64 twin of {@link #fold(Fold, float[], int, int, double[], int, int, int)}. */
    public static void fold(Fold op, double[] x, int xo, int xs, double[] acc, int ao, int as, int n) {
        if (as == 0) {
            double s = acc[ao];
            if (op == Fold.SUM) {
                for (int i = 0; i < n; i++) {
                    s += x[xo + i * xs];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    s = op.apply(s, x[xo + i * xs]);
                }
            }
            acc[ao] = s;
        } else if (op == Fold.SUM && as == 1 && xs == 1) {
            for (int i = 0; i < n; i++) {
                acc[ao + i] += x[xo + i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                acc[ao + i * as] = op.apply(acc[ao + i * as], x[xo + i * xs]);
            }
        }
    }
}
