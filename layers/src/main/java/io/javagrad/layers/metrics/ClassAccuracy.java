package io.javagrad.layers.metrics;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Metric;
import io.javagrad.layers.Targets;

/**
 * The fraction of positions whose highest-scoring class (last axis of {@code yPred}) is the true class, over
 * everything seen since the last reset. Subclasses decode the true classes.
 */
abstract class ClassAccuracy implements Metric {
    private final String name;
    private long correct;
    private long total;

    ClassAccuracy(String name) {
        this.name = name;
    }

    /** The true class of every position of {@code yPred} but the class axis, row-major. */
    abstract int[] trueClasses(Tensor yTrue, Tensor yPred);

    @Override
    public final void update(Tensor yTrue, Tensor yPred) {
        if (yPred.rank() < 2) {
            throw new IllegalArgumentException(name + ": yPred needs shape [batch, ..., classes], got "
                    + Shapes.str(yPred.shape()));
        }
        int[] t = trueClasses(yTrue, yPred);
        int[] p = Targets.argmaxClasses(yPred);
        for (int i = 0; i < p.length; i++) {
            if (t[i] == p[i]) {
                correct++;
            }
        }
        total += p.length;
    }

    @Override
    public final double result() {
        return total == 0 ? 0 : (double) correct / total;
    }

    @Override
    public final void reset() {
        correct = 0;
        total = 0;
    }

    @Override
    public final String name() {
        return name;
    }
}
