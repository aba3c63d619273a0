package io.javagrad.layers;

import io.javagrad.core.Tensor;

/**
 * A quantity accumulated over an epoch: {@link #update} adds a batch's totals, {@link #result} computes the
 * value from the totals (so F1 is the F1 of the epoch, not an average of batch values), {@link #reset} starts
 * over. Updates run without recording a graph.
 */
public interface Metric {
    /**
     * Adds one batch: targets and predictions as given to the loss. During {@code fit} the targets of shuffled batches
     * sit in buffers that later batches reuse: a metric that keeps them past this call must copy them.
     */
    void update(Tensor yTrue, Tensor yPred);

    /** The value over everything added since the last reset. */
    double result();

    /** Clears the totals. */
    void reset();

    /** The name shown in logs and History, e.g. {@code accuracy}, {@code val_accuracy} is derived from it. */
    String name();
}
