package io.javagrad.layers.metrics;

/**
 * The fraction of elements whose prediction is on the same side as the target: a prediction is positive when
 * {@code yPred > threshold} (Keras's rule), a target when {@code yTrue >= 0.5}. Use threshold 0 for logits.
 */
public final class BinaryAccuracy extends ElementwiseMean {
    private final double threshold;

    /** Named {@code binary_accuracy}, threshold 0.5. */
    public BinaryAccuracy() {
        this("binary_accuracy", 0.5);
    }

    /** With the given name and threshold. */
    public BinaryAccuracy(String name, double threshold) {
        super(name);
        this.threshold = threshold;
    }

    /** The decision threshold on predictions. */
    public double threshold() {
        return threshold;
    }

    @Override
    double term(double yTrue, double yPred) {
        return (yPred > threshold) == (yTrue >= 0.5) ? 1 : 0;
    }
}
