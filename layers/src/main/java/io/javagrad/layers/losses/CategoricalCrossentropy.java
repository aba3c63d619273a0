package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;
import io.javagrad.layers.SoftmaxOutputs;
import java.util.Map;

/**
 * Cross-entropy of one-hot (or soft) targets over the last axis, the class axis (Keras's
 * {@code categorical_crossentropy}); for predictions {@code [batch, ..., classes]} the per-position losses are
 * averaged over the middle axes.
 *
 * <p>From probabilities, Keras's way: {@code p} is divided by its sum over the classes, clipped to
 * {@code [1e-7, 1 - 1e-7]}, and the loss is {@code -sum(y log p)}, computed as one graph node. From logits:
 * {@code -sum(y logSoftmax(x))}, finite for any logit; the unweighted mean is then one fused
 * {@link Tensor#softmaxCrossEntropy} op. As in Keras, probabilities made by the {@code softmax} activation are
 * taken back to their logits when there are no sample weights and the reduction is the mean
 * ({@link io.javagrad.layers.SoftmaxOutputs}): the value is the same up to the clipping, and a confidently wrong
 * sample keeps its gradient instead of being clipped to zero. Label smoothing {@code s} replaces targets by
 * {@code y (1 - s) + s / classes}.
 */
public final class CategoricalCrossentropy extends ReducedLoss {
    private final boolean fromLogits;
    private final double labelSmoothing;

    /** From probabilities, no label smoothing, {@link Reduction#MEAN}. */
    public CategoricalCrossentropy() {
        this(false, 0, Reduction.MEAN);
    }

    /** From logits or probabilities, no label smoothing, {@link Reduction#MEAN}. */
    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0, Reduction.MEAN);
    }

    /** Full form; {@code labelSmoothing} in [0, 1]. */
    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("categorical_crossentropy", reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = checkSmoothing("categorical_crossentropy", labelSmoothing);
    }

    static double checkSmoothing(String loss, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException(loss + ": label_smoothing must be in [0, 1], got " + labelSmoothing);
        }
        return labelSmoothing;
    }

    /** Whether predictions are logits rather than probabilities. */
    public boolean fromLogits() {
        return fromLogits;
    }

    /** The label smoothing factor. */
    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    protected Tensor alignTargets(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() < 2) {
            throw new IllegalArgumentException(name() + ": yPred needs shape [batch, ..., classes], got a 1-d tensor"
                    + " of shape [" + yPred.shape(0) + "]; for class indices use sparse_categorical_crossentropy");
        }
        return super.alignTargets(yTrue, yPred);
    }

    @Override
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        return crossEntropy(smoothed(yTrue, yPred), yPred, fromLogits);
    }

    @Override
    protected Tensor unweightedMean(Tensor yTrue, Tensor yPred) {
        Tensor logits = fromLogits ? yPred : SoftmaxOutputs.logitsOf(yPred);
        return logits != null ? logits.softmaxCrossEntropy(smoothed(yTrue, yPred)) : super.unweightedMean(yTrue, yPred);
    }

    private Tensor smoothed(Tensor yTrue, Tensor yPred) {
        return labelSmoothing > 0 ? yTrue.mul(1 - labelSmoothing).add(labelSmoothing / yPred.shape(-1)) : yTrue;
    }

    /** Per-sample cross-entropy of targets {@code y} (same shape as {@code yPred}) over the last axis. */
    static Tensor crossEntropy(Tensor y, Tensor yPred, boolean fromLogits) {
        Tensor perPosition = fromLogits
                ? y.mul(yPred.logSoftmax(-1)).sum(-1, false).neg()
                : ProbabilityCrossEntropy.perPosition(y, yPred);
        return meanPerSample(perPosition);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
    }
}
