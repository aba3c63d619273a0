package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** The element-wise product of two or more inputs (Keras's broadcasting, see {@link Merge}). */
public final class Multiply extends Merge {
    /** The layer. */
    public Multiply() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.stream().reduce(Tensor::mul).orElseThrow();
    }

    /** Rebuilds the layer from its config. */
    public static Multiply fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Multiply::new);
    }
}
