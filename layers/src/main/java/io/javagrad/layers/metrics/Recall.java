package io.javagrad.layers.metrics;

/**
 * TP / (TP + FN), from counts over the epoch (see {@link ConfusionScore}): binary with a threshold, or
 * macro-averaged over the classes of a multi-class model.
 */
public final class Recall extends ConfusionScore {
    /** Binary, class 1 predicted when {@code yPred > 0.5}. */
    public Recall() {
        this(0.5);
    }

    /** Binary, class 1 predicted when {@code yPred > threshold} (0 for logits). */
    public Recall(double threshold) {
        super("recall", new ConfusionMatrix("recall", 2, true, threshold));
    }

    private Recall(int numClasses) {
        super("recall", new ConfusionMatrix("recall", numClasses, false, Double.NaN));
    }

    /** Macro-averaged over {@code numClasses} classes, predictions {@code [batch, numClasses]} scores. */
    public static Recall macro(int numClasses) {
        return new Recall(numClasses);
    }

    @Override
    double score(long truePositives, long falsePositives, long falseNegatives) {
        return ratio(truePositives, truePositives + falseNegatives);
    }
}
