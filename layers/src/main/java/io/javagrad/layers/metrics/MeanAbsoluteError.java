package io.javagrad.layers.metrics;

/** Mean of {@code |yPred - yTrue|} over every element of the epoch. */
public final class MeanAbsoluteError extends ElementwiseMean {
    /** Named {@code mean_absolute_error}. */
    public MeanAbsoluteError() {
        this("mean_absolute_error");
    }

    /** With the given name. */
    public MeanAbsoluteError(String name) {
        super(name);
    }

    @Override
    double term(double yTrue, double yPred) {
        return Math.abs(yPred - yTrue);
    }
}
