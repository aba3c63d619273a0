package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;

/** Mean of {@code (yPred - yTrue)^2} over each sample's elements (Keras's {@code mean_squared_error}). */
public final class MeanSquaredError extends ReducedLoss {
    /** With {@link Reduction#MEAN}. */
    public MeanSquaredError() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MeanSquaredError(Reduction reduction) {
        super("mean_squared_error", reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        return meanPerSample(yPred.sub(yTrue).square());
    }
}
