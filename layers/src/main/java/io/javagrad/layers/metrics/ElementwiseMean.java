package io.javagrad.layers.metrics;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Targets;

/**
 * A metric that is the mean of {@code term(yTrue, yPred)} over every element seen since the last reset, kept as
 * a sum and a count. Targets must match the predictions' shape (see {@link Targets#align}).
 */
abstract class ElementwiseMean implements Metric {
    private final String name;
    private double sum;
    private long count;

    ElementwiseMean(String name) {
        this.name = name;
    }

    /** The contribution of one element. */
    abstract double term(double yTrue, double yPred);

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        double[] t = Targets.align(name, yTrue, yPred).toDoubleArray();
        double[] p = yPred.toDoubleArray();
        for (int i = 0; i < p.length; i++) {
            sum += term(t[i], p[i]);
        }
        count += p.length;
    }

    @Override
    public final double result() {
        return count == 0 ? 0 : sum / count;
    }

    @Override
    public final void reset() {
        sum = 0;
        count = 0;
    }

    @Override
    public final String name() {
        return name;
    }
}
