package io.javagrad.layers.metrics;

/**
 * TP / (TP + FP), from counts over the epoch (see {@link ConfusionScore}): binary with a threshold, or
 * macro-averaged over the classes of a multi-class model.
 */
public final class Precision extends ConfusionScore {
    /** Binary, class 1 predicted when {@code yPred > 0.5}. */
    public Precision() {
        this(0.5);
    }

    /** Binary, class 1 predicted when {@code yPred > threshold} (0 for logits). */
    public Precision(double threshold) {
        super("precision", new ConfusionMatrix("precision", 2, true, threshold));
    }

    private Precision(int numClasses) {
        super("precision", new ConfusionMatrix("precision", numClasses, false, Double.NaN));
    }

    /** Macro-averaged over {@code numClasses} classes, predictions {@code [batch, numClasses]} scores. */
    public static Precision macro(int numClasses) {
        return new Precision(numClasses);
    }

    @Override
    double score(long truePositives, long falsePositives, long falseNegatives) {
        return ratio(truePositives, truePositives + falsePositives);
    }
}
