package io.javagrad.layers.metrics;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Metric;

/**
 * A weighted running mean of scalars: {@code sum(w * v) / sum(w)} over everything added since the last reset
 * (0 before anything was added). {@code fit} keeps the epoch loss in one, weighting each batch's loss by its
 * batch size, so the result is the loss over the samples, as Keras reports it.
 */
public final class Mean implements Metric {
    private final String name;
    private double weightedSum;
    private double totalWeight;

    /** A mean called {@code name}, e.g. {@code loss}. */
    public Mean(String name) {
        this.name = name;
    }

    /** Adds {@code value} with weight {@code weight} (>= 0). */
    public void update(double value, double weight) {
        if (!(weight >= 0)) {
            throw new IllegalArgumentException("Mean '" + name + "': weight must be >= 0, got " + weight);
        }
        weightedSum += value * weight;
        totalWeight += weight;
    }

    /** Adds {@code value} with weight 1. */
    public void update(double value) {
        update(value, 1);
    }

    /** Adds every element of {@code values} with weight 1; {@code yTrue} is ignored (may be {@code null}). */
    @Override
    public void update(Tensor yTrue, Tensor values) {
        for (double v : values.toDoubleArray()) {
            update(v, 1);
        }
    }

    @Override
    public double result() {
        return totalWeight == 0 ? 0 : weightedSum / totalWeight;
    }

    @Override
    public void reset() {
        weightedSum = 0;
        totalWeight = 0;
    }

    @Override
    public String name() {
        return name;
    }
}
