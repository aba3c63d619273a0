package io.javagrad.layers.metrics;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Metric;

/**
 * A score computed from a {@link ConfusionMatrix} accumulated over the epoch (never an average of batch
 * scores): of class 1 for a binary matrix, the unweighted mean over all classes (macro average) otherwise.
 * A ratio whose denominator is 0 counts as 0, as in Keras.
 */
public abstract class ConfusionScore implements Metric {
    private final String name;
    private final ConfusionMatrix counts;

    ConfusionScore(String name, ConfusionMatrix counts) {
        this.name = name;
        this.counts = counts;
    }

    /** The score of one class from its counts. */
    abstract double score(long truePositives, long falsePositives, long falseNegatives);

    static double ratio(long numerator, long denominator) {
        return denominator == 0 ? 0 : (double) numerator / denominator;
    }

    private double scoreOf(int c) {
        return score(counts.truePositives(c), counts.falsePositives(c), counts.falseNegatives(c));
    }

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        counts.update(yTrue, yPred);
    }

    @Override
    public final double result() {
        if (counts.isBinary()) {
            return scoreOf(1);
        }
        double sum = 0;
        for (int c = 0; c < counts.numClasses(); c++) {
            sum += scoreOf(c);
        }
        return sum / counts.numClasses();
    }

    @Override
    public final void reset() {
        counts.reset();
    }

    @Override
    public final String name() {
        return name;
    }

    /** A copy of the underlying counts. */
    public final long[][] matrix() {
        return counts.matrix();
    }
}
