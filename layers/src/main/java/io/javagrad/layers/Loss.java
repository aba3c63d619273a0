package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * A training objective: a differentiable 0-d tensor from targets and predictions. Implementations are
 * numerically stable and reduce per-sample losses by their {@link Reduction}.
 */
public interface Loss {
    /** How per-sample losses become the 0-d result. */
    enum Reduction {
        /** Weighted mean over the samples (Keras's "sum_over_batch_size"). */
        MEAN,
        /** Weighted sum over the samples. */
        SUM
    }

    /**
     * The loss of a batch.
     *
     * @param yTrue        targets (shape depends on the loss: class indices [batch] for sparse losses)
     * @param yPred        predictions [batch, ...]
     * @param sampleWeight per-sample weights [batch] (class weights become these), or {@code null}
     */
    Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight);

    /** The loss without sample weights. */
    default Tensor compute(Tensor yTrue, Tensor yPred) {
        return compute(yTrue, yPred, null);
    }

    /** The Keras-style name, e.g. {@code categorical_crossentropy}. */
    String name();

    /** The hyperparameters (reduction, fromLogits, delta ...), for saving; {@code Losses.fromConfig} reverses it. */
    Map<String, Object> getConfig();
}
