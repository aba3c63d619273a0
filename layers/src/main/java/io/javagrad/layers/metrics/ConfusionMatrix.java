package io.javagrad.layers.metrics;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Targets;
import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs over the epoch: {@code matrix()[t][p]} is how many samples of
 * class {@code t} were predicted as {@code p} (rows true, columns predicted, as in scikit-learn).
 * {@link #result()} is the accuracy, the diagonal's share of the total.
 *
 * <p>Categorical ({@link #ConfusionMatrix(int)}): predictions {@code [batch, ..., numClasses]} are scores whose
 * largest entry is the predicted class; targets are one-hot in the same shape, or class indices
 * ({@link Targets#classIndices}). Binary ({@link #binary}): every element of {@code yPred} is the probability
 * (or score) of class 1, predicted when {@code yPred > threshold}; a target is class 1 when {@code yTrue >= 0.5}.
 */
public final class ConfusionMatrix implements Metric {
    private final String name;
    private final double threshold;
    private final boolean binary;
    private final long[][] counts;

    /** {@code threshold} is used by binary matrices only; {@code name} is the one errors show. */
    ConfusionMatrix(String name, int numClasses, boolean binary, double threshold) {
        if (numClasses < 2) {
            throw new IllegalArgumentException(name + ": numClasses must be >= 2, got " + numClasses);
        }
        this.name = name;
        this.binary = binary;
        this.threshold = threshold;
        this.counts = new long[numClasses][numClasses];
    }

    /** A categorical matrix named {@code confusion_matrix} for {@code numClasses} (>= 2) classes. */
    public ConfusionMatrix(int numClasses) {
        this("confusion_matrix", numClasses, false, Double.NaN);
    }

    /** A binary 2 x 2 matrix named {@code confusion_matrix}, class 1 predicted when {@code yPred > threshold}. */
    public static ConfusionMatrix binary(double threshold) {
        return new ConfusionMatrix("confusion_matrix", 2, true, threshold);
    }

    @Override
    public void update(Tensor yTrue, Tensor yPred) {
        int[] t;
        int[] p;
        if (binary) {
            double[] tv = Targets.align(name, yTrue, yPred).toDoubleArray();
            double[] pv = yPred.toDoubleArray();
            t = new int[tv.length];
            p = new int[pv.length];
            for (int i = 0; i < pv.length; i++) {
                t[i] = tv[i] >= 0.5 ? 1 : 0;
                p[i] = pv[i] > threshold ? 1 : 0;
            }
        } else {
            if (yPred.rank() < 2 || yPred.shape(-1) != counts.length) {
                throw new IllegalArgumentException(name + ": expected yPred of shape [batch, ..., " + counts.length
                        + "] for " + counts.length + " classes, got " + Shapes.str(yPred.shape()));
            }
            t = Arrays.equals(yTrue.shape(), yPred.shape())
                    ? Targets.argmaxClasses(yTrue)
                    : Targets.classIndices(name, yTrue, yPred);
            p = Targets.argmaxClasses(yPred);
        }
        for (int i = 0; i < p.length; i++) {
            counts[t[i]][p[i]]++;
        }
    }

    /** Number of classes (2 for a binary matrix). */
    public int numClasses() {
        return counts.length;
    }

    /** Whether this is a binary matrix over thresholded elements. */
    public boolean isBinary() {
        return binary;
    }

    /** A copy of the counts, rows true class, columns predicted class. */
    public long[][] matrix() {
        long[][] copy = new long[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            copy[i] = counts[i].clone();
        }
        return copy;
    }

    /** Samples of class {@code c} predicted as {@code c}. */
    public long truePositives(int c) {
        return counts[c][c];
    }

    /** Samples of other classes predicted as {@code c}. */
    public long falsePositives(int c) {
        long column = 0;
        for (long[] row : counts) {
            column += row[c];
        }
        return column - counts[c][c];
    }

    /** Samples of class {@code c} predicted as another class. */
    public long falseNegatives(int c) {
        long row = 0;
        for (long n : counts[c]) {
            row += n;
        }
        return row - counts[c][c];
    }

    /** The accuracy: correctly classified samples over all samples (0 before any update). */
    @Override
    public double result() {
        long total = 0;
        long diagonal = 0;
        for (int i = 0; i < counts.length; i++) {
            diagonal += counts[i][i];
            for (long n : counts[i]) {
                total += n;
            }
        }
        return total == 0 ? 0 : (double) diagonal / total;
    }

    @Override
    public void reset() {
        for (long[] row : counts) {
            Arrays.fill(row, 0);
        }
    }

    @Override
    public String name() {
        return name;
    }
}
