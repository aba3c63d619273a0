package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/** The element-wise mean of two or more inputs (Keras's broadcasting, see {@link Merge}). */
public final class Average extends Merge {
    /** The layer. */
    public Average() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.stream().reduce(Tensor::add).orElseThrow().div(inputs.size());
    }

    /** Rebuilds the layer from its config. */
    public static Average fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Average::new);
    }
}
