package io.javagrad.layers.metrics;

/** Mean of {@code (yPred - yTrue)^2} over every element of the epoch. */
public final class MeanSquaredError extends ElementwiseMean {
    /** Named {@code mean_squared_error}. */
    public MeanSquaredError() {
        this("mean_squared_error");
    }

    /** With the given name. */
    public MeanSquaredError(String name) {
        super(name);
    }

    @Override
    double term(double yTrue, double yPred) {
        double e = yPred - yTrue;
        return e * e;
    }
}
