package io.javagrad.layers.losses;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Loss;
import io.javagrad.layers.Targets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Base of the built-in losses: checks the shapes, computes one loss per sample ({@link #perSample}), weights
 * them and reduces them to a 0-d tensor.
 *
 * <p>{@link Reduction#MEAN} is Keras's "sum_over_batch_size": {@code sum(w * loss) / batch}, dividing by the
 * batch size even when sample weights are given; {@link Reduction#SUM} is {@code sum(w * loss)}. Targets and
 * sample weights are converted to the predictions' dtype.
 */
public abstract class ReducedLoss implements Loss {
    private final String name;
    private final Reduction reduction;

    /** A loss with the Keras-style {@code name} and the given reduction. */
    protected ReducedLoss(String name, Reduction reduction) {
        if (reduction == null) {
            throw new IllegalArgumentException(name + ": reduction must not be null");
        }
        this.name = name;
        this.reduction = reduction;
    }

    /**
     * The loss of every sample, shape {@code [batch]}, from targets already aligned to the predictions by
     * {@link #alignTargets} (and in their dtype).
     */
    protected abstract Tensor perSample(Tensor yTrue, Tensor yPred);

    /**
     * Checks the targets against the predictions and returns them in the predictions' shape; by default
     * {@link Targets#align}: equal shapes, or shapes that differ only by a trailing axis of size 1.
     */
    protected Tensor alignTargets(Tensor yTrue, Tensor yPred) {
        return Targets.align(name, yTrue, yPred);
    }

    @Override
    public final Tensor compute(Tensor yTrue, Tensor yPred, Tensor sampleWeight) {
        if (yTrue == null || yPred == null) {
            throw new IllegalArgumentException(name + ": yTrue and yPred must not be null");
        }
        if (yPred.rank() == 0) {
            throw new IllegalArgumentException(name + ": yPred needs a batch axis, got a 0-d tensor");
        }
        int batch = yPred.shape(0);
        if (batch == 0) {
            throw new IllegalArgumentException(name + ": empty batch (yPred shape " + Shapes.str(yPred.shape()) + ")");
        }
        Tensor aligned = alignTargets(yTrue.to(yPred.dtype()), yPred);
        if (sampleWeight == null && reduction == Reduction.MEAN) {
            return unweightedMean(aligned, yPred);
        }
        Tensor losses = perSample(aligned, yPred);
        if (sampleWeight != null) {
            losses = losses.mul(weights(sampleWeight, batch, yPred));
        }
        Tensor total = losses.sum();
        return reduction == Reduction.MEAN ? total.div(batch) : total;
    }

    /**
     * The mean of {@link #perSample} over the batch, for the common case of no sample weights and
     * {@link Reduction#MEAN}; a subclass may compute it with a fused op that gives the same value.
     */
    protected Tensor unweightedMean(Tensor yTrue, Tensor yPred) {
        return perSample(yTrue, yPred).sum().div(yPred.shape(0));
    }

    private Tensor weights(Tensor w, int batch, Tensor yPred) {
        boolean column = w.rank() == 2 && w.shape(1) == 1;
        if (!(w.rank() == 1 || column) || w.shape(0) != batch) {
            throw new IllegalArgumentException(name + ": sampleWeight shape " + Shapes.str(w.shape())
                    + " does not match the batch of yPred shape " + Shapes.str(yPred.shape()) + "; expected ["
                    + batch + "]");
        }
        Tensor flat = column ? w.reshape(batch) : w;
        return flat.to(yPred.dtype());
    }

    /** The mean over every axis but the first, turning per-element losses into per-sample ones. */
    protected static Tensor meanPerSample(Tensor perElement) {
        if (perElement.rank() <= 1) {
            return perElement;
        }
        int[] axes = new int[perElement.rank() - 1];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 1;
        }
        return perElement.mean(axes, false);
    }

    @Override
    public final String name() {
        return name;
    }

    /** How the per-sample losses are reduced. */
    public final Reduction reduction() {
        return reduction;
    }

    /** {@code name}, {@code reduction} (Keras spelling) and the subclass's hyperparameters. */
    @Override
    public final Map<String, Object> getConfig() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", name);
        c.put("reduction", reduction == Reduction.MEAN ? "sum_over_batch_size" : "sum");
        addConfig(c);
        return c;
    }

    /** Adds the subclass's hyperparameters to {@code config}; nothing by default. */
    protected void addConfig(Map<String, Object> config) {
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + getConfig();
    }
}
