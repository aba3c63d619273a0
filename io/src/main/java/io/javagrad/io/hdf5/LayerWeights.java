package io.javagrad.io.hdf5;

import java.util.List;
import java.util.Objects;

/** The weights of one layer in a Keras file, in their saved order (trainable first, then non-trainable). */
public record LayerWeights(String layerName, List<NamedTensor> weights) {
    public LayerWeights {
        Objects.requireNonNull(layerName, "layerName");
        weights = List.copyOf(weights);
    }
}
