package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;

/** Mean of {@code |yPred - yTrue|} over each sample's elements (Keras's {@code mean_absolute_error}). */
public final class MeanAbsoluteError extends ReducedLoss {
    /** With {@link Reduction#MEAN}. */
    public MeanAbsoluteError() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MeanAbsoluteError(Reduction reduction) {
        super("mean_absolute_error", reduction);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        return meanPerSample(yPred.sub(yTrue).abs());
    }
}
