package io.javagrad.layers;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Arrays;

/**
 * Shape checks and decoding of targets against predictions, shared by losses and metrics. Every error names
 * the loss or metric ({@code who}) and both shapes.
 */
public final class Targets {
    private Targets() {}

    /**
     * {@code yTrue} in the shape of {@code yPred}: the shapes must be equal, or differ only by a trailing axis of
     * size 1 ({@code [batch]} targets for {@code [batch, 1]} predictions, or the reverse).
     */
    public static Tensor align(String who, Tensor yTrue, Tensor yPred) {
        int[] t = yTrue.shape();
        int[] p = yPred.shape();
        if (Arrays.equals(t, p)) {
            return yTrue;
        }
        if (dropsTrailingOne(t, p) || dropsTrailingOne(p, t)) {
            return yTrue.reshape(p);
        }
        throw new IllegalArgumentException(who + ": yTrue shape " + Shapes.str(t) + " does not match yPred shape "
                + Shapes.str(p));
    }

    private static boolean dropsTrailingOne(int[] longer, int[] shorter) {
        return longer.length == shorter.length + 1 && longer[longer.length - 1] == 1
                && Arrays.equals(Arrays.copyOf(longer, shorter.length), shorter);
    }

    /**
     * The class indices held by {@code yTrue} for predictions {@code [batch, ..., classes]}: {@code yTrue} has
     * the predictions' shape without the class axis (or with a trailing 1 instead), and holds whole numbers in
     * {@code [0, classes)}. Returned in row-major order.
     */
    public static int[] classIndices(String who, Tensor yTrue, Tensor yPred) {
        int[] p = yPred.shape();
        int[] t = yTrue.shape();
        int[] indexShape = Arrays.copyOf(p, Math.max(0, p.length - 1));
        if (p.length < 2 || !(Arrays.equals(t, indexShape) || dropsTrailingOne(t, indexShape))) {
            throw new IllegalArgumentException(who + ": yTrue shape " + Shapes.str(t) + " does not fit yPred shape "
                    + Shapes.str(p) + "; expected class indices of shape " + Shapes.str(indexShape)
                    + " (or with a trailing 1) for predictions [batch, ..., classes]");
        }
        int classes = p[p.length - 1];
        double[] values = yTrue.toDoubleArray();
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v < classes && v == Math.rint(v))) {
                throw new IllegalArgumentException(who + ": target " + v + " at position " + i
                        + " is not a class index in [0, " + classes + ") for " + classes + " classes");
            }
            out[i] = (int) v;
        }
        return out;
    }

    /**
     * The index of the largest score along the last axis (the first among ties; NaN beats every number, as in
     * {@link Tensor#argmax}), in row-major order. Reads the scores once, without building tensors.
     */
    public static int[] argmaxClasses(Tensor scores) {
        if (scores.rank() == 0 || scores.shape(-1) == 0) {
            throw new IllegalArgumentException("argmaxClasses: scores need a non-empty class axis, got shape "
                    + Shapes.str(scores.shape()));
        }
        int classes = scores.shape(-1);
        double[] v = scores.toDoubleArray();
        int[] out = new int[v.length / classes];
        for (int row = 0, start = 0; row < out.length; row++, start += classes) {
            int best = 0;
            double bestValue = v[start];
            for (int j = 1; j < classes; j++) {
                double x = v[start + j];
                if (x > bestValue || (Double.isNaN(x) && !Double.isNaN(bestValue))) {
                    best = j;
                    bestValue = x;
                }
            }
            out[row] = best;
        }
        return out;
    }
}
