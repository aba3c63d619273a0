package io.javagrad.layers.metrics;

import io.javagrad.core.Tensor;
import io.javagrad.layers.Targets;

/** Accuracy with one-hot (or soft) targets: {@code argmax(yTrue) == argmax(yPred)} along the last axis. */
public final class CategoricalAccuracy extends ClassAccuracy {
    /** Named {@code categorical_accuracy}. */
    public CategoricalAccuracy() {
        this("categorical_accuracy");
    }

    /** With the given name. */
    public CategoricalAccuracy(String name) {
        super(name);
    }

    @Override
    int[] trueClasses(Tensor yTrue, Tensor yPred) {
        return Targets.argmaxClasses(Targets.align(name(), yTrue, yPred));
    }
}
