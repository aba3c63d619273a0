package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** A penalty on a weight (or on a layer's output) that training adds to the loss. */
public interface Regularizer {
    /** The penalty as a differentiable 0-d tensor. */
    Tensor penalty(Tensor weight);

    /** The Keras class name, e.g. {@code L2}. */
    String className();

    /** The hyperparameters, for saving. */
    Map<String, Object> getConfig();
}
