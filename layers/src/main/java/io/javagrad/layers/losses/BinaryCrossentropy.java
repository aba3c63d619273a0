package io.javagrad.layers.losses;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Binary cross-entropy of 0/1 targets (or soft targets in [0, 1]), averaged over each sample's elements
 * (Keras's {@code binary_crossentropy}).
 *
 * <p>From probabilities, Keras's way: {@code p} is clipped to {@code [1e-7, 1 - 1e-7]} and the loss is
 * {@code -(y log p + (1 - y) log(1 - p))}; the clip also stops the gradient outside that range. From logits
 * {@code x}, the stable form {@code max(x, 0) - x y + log(1 + e^-|x|)} = {@code softplus(x) - x y}, finite for
 * any logit, with gradient {@code sigmoid(x) - y}. Label smoothing moves targets toward 1/2:
 * {@code y (1 - s) + s / 2}.
 */
public final class BinaryCrossentropy extends ReducedLoss {
    /** Keras's {@code backend.epsilon()}. */
    public static final double EPSILON = 1e-7;

    private final boolean fromLogits;
    private final double labelSmoothing;

    /** From probabilities, no label smoothing, {@link Reduction#MEAN}. */
    public BinaryCrossentropy() {
        this(false, 0, Reduction.MEAN);
    }

    /** From logits or probabilities, no label smoothing, {@link Reduction#MEAN}. */
    public BinaryCrossentropy(boolean fromLogits) {
        this(fromLogits, 0, Reduction.MEAN);
    }

    /** Full form; {@code labelSmoothing} in [0, 1]. */
    public BinaryCrossentropy(boolean fromLogits, double labelSmoothing, Reduction reduction) {
        super("binary_crossentropy", reduction);
        this.fromLogits = fromLogits;
        this.labelSmoothing = CategoricalCrossentropy.checkSmoothing("binary_crossentropy", labelSmoothing);
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
    protected Tensor perSample(Tensor yTrue, Tensor yPred) {
        Tensor y = labelSmoothing > 0 ? yTrue.mul(1 - labelSmoothing).add(labelSmoothing / 2) : yTrue;
        Tensor perElement;
        if (fromLogits) {
            perElement = yPred.softplus().sub(yPred.mul(y));
        } else {
            Tensor p = yPred.clamp(EPSILON, 1 - EPSILON);
            perElement = y.mul(p.log()).add(y.rsub(1).mul(p.rsub(1).log())).neg();
        }
        return meanPerSample(perElement);
    }

    @Override
    protected void addConfig(Map<String, Object> config) {
        config.put("from_logits", fromLogits);
        config.put("label_smoothing", labelSmoothing);
    }
}
