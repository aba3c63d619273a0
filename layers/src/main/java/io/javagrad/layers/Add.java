package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** The element-wise sum of two or more inputs (Keras's broadcasting, see {@link Merge}). */
public final class Add extends Merge {
    /** The layer. */
    public Add() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.stream().reduce(Tensor::add).orElseThrow();
    }

    /** Rebuilds the layer from its config. */
    public static Add fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Add::new);
    }
}
