package io.javagrad.layers.metrics;

/**
 * 2 TP / (2 TP + FP + FN), the harmonic mean of precision and recall, from counts over the epoch (see
 * {@link ConfusionScore}): binary with a threshold, or macro-averaged over the classes of a multi-class model.
 */
public final class F1Score extends ConfusionScore {
    /** Binary, class 1 predicted when {@code yPred > 0.5}. */
    public F1Score() {
        this(0.5);
    }

    /** Binary, class 1 predicted when {@code yPred > threshold} (0 for logits). */
    public F1Score(double threshold) {
        super("f1_score", new ConfusionMatrix("f1_score", 2, true, threshold));
    }

    private F1Score(int numClasses) {
        super("f1_score", new ConfusionMatrix("f1_score", numClasses, false, Double.NaN));
    }

    /** Macro-averaged over {@code numClasses} classes, predictions {@code [batch, numClasses]} scores. */
    public static F1Score macro(int numClasses) {
        return new F1Score(numClasses);
    }

    @Override
    double score(long truePositives, long falsePositives, long falseNegatives) {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }
}
