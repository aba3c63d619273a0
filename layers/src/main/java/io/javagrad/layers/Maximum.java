package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * The element-wise maximum of two or more inputs (Keras's broadcasting, see {@link Merge}); ties share the
 * gradient.
 */
public final class Maximum extends Merge {
    /** The layer. */
    public Maximum() {
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return inputs.stream().reduce(Tensor::maximum).orElseThrow();
    }

    /** Rebuilds the layer from its config. */
    public static Maximum fromConfig(Map<String, Object> config) {
        return Merge.fromConfig(config, Maximum::new);
    }
}
