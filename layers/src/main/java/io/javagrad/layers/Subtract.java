package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** The first of exactly two inputs minus the second (Keras's broadcasting, see {@link Merge}). */
public final class Subtract extends Merge {
    /** The layer. */
    public Subtract() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.get(0).sub(inputs.get(1));
    }

    @Override
    int maxInputs() {
        return 2;
    }

    /** Rebuilds the layer from its config. */
    public static Subtract fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Subtract::new);
    }
}
