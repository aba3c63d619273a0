package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;
import io.javagrad.layers.SoftmaxOutputs;
import io.javagrad.layers.Targets;
import java.util.Arrays;
import java.util.Map;

/**
 * Categorical cross-entropy with class indices as targets (Keras's {@code sparse_categorical_crossentropy}):
 * predictions {@code [batch, ..., classes]}, targets {@code [batch, ...]} (or with a trailing axis of size 1)
 * holding whole numbers in {@code [0, classes)} in a float tensor. The loss is that of
 * {@link CategoricalCrossentropy} on the one-hot targets, with the same probability and logit paths (the unweighted
 * mean from logits is one fused {@link Tensor#softmaxCrossEntropy} op).
 */
public final class SparseCategoricalCrossentropy extends ReducedLoss {
    private final boolean fromLogits;

    /** From probabilities, {@link Reduction#MEAN}. */
    public SparseCategoricalCrossentropy() {
        this(false, Reduction.MEAN);
    }

    /** From logits or probabilities, {@link Reduction#MEAN}. */
    public SparseCategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, Reduction.MEAN);
    }

    /** Full form. */
    public SparseCategoricalCrossentropy(boolean fromLogits, Reduction reduction) {
        super("sparse_categorical_crossentropy", reduction);
        this.fromLogits = fromLogits;
    }

    /** Whether predictions are logits rather than probabilities. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** Checks the indices and returns them one-hot, in the predictions' shape. */
    @Override
    protected Tensor alignTargets(Tensor yTrue, Tensor yPred) {
        Targets.classIndices(name(), yTrue, yPred);
        int[] p = yPred.shape();
        int[] indexShape = Arrays.copyOf(p, p.length - 1);
        int classes = p[p.length - 1];
        return Tensor.oneHot(yTrue.reshape(indexShape), classes);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        return CategoricalCrossentropy.crossEntropy(yTrue, yPred, fromLogits);
    }

    @Override
    protected Tensor unweightedMean(Tensor yTrue, Tensor yPred) {
        Tensor logits = fromLogits ? yPred : SoftmaxOutputs.logitsOf(yPred);
        return logits != null ? logits.softmaxCrossEntropy(yTrue) : super.unweightedMean(yTrue, yPred);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
    }
}
