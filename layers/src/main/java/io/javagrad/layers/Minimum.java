package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The element-wise minimum of two or more inputs (Keras's broadcasting, see {@link Merge}); ties share the
 * gradient.
 */
public final class Minimum extends Merge {
    /** The layer. */
    public Minimum() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.stream().reduce(Tensor::minimum).orElseThrow();
    }

    /** Rebuilds the layer from its config. */
    public static Minimum fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Minimum::new);
    }
}
