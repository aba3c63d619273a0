package io.javagrad.layers.metrics;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Targets;

/** Accuracy with class-index targets ({@link Targets#classIndices}): {@code yTrue == argmax(yPred)}. */
public final class SparseCategoricalAccuracy extends ClassAccuracy {
    /** Named {@code sparse_categorical_accuracy}. */
    public SparseCategoricalAccuracy() {
        this("sparse_categorical_accuracy");
    }

    /** With the given name. */
    public SparseCategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    int[] trueClasses(Tensor yTrue, Tensor yPred) {
        return Targets.classIndices(name(), yTrue, yPred);
    }
}
