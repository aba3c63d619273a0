package io.javagrad.io.hdf5;

import java.util.List;
import java.util.Map;

/**
 * What a Keras HDF5 file holds, in the legacy {@code model.save("m.h5")} layout.
 *
 * @param modelConfig the {@code model_config} JSON, or {@code null} for a weights-only file
 * @param kerasVersion the {@code keras_version} attribute, e.g. {@code 2.4.0}
 * @param backend the {@code backend} attribute, e.g. {@code tensorflow}
 * @param trainingConfig the {@code training_config} JSON, or {@code null} when the model was not compiled
 * @param layers every saved layer in {@code layer_names} order, with its weights (possibly none)
 * @param optimizerWeights the datasets of {@code optimizer_weights}, in {@code weight_names} order
 * @param extras Javagrad's own sections under {@code /javagrad}
 */
public record KerasH5Content(Map<String, Object> modelConfig, String kerasVersion, String backend,
        Map<String, Object> trainingConfig, List<LayerWeights> layers, List<NamedTensor> optimizerWeights,
        List<H5Section> extras) {
    public KerasH5Content {
        layers = List.copyOf(layers);
        optimizerWeights = List.copyOf(optimizerWeights);
        extras = List.copyOf(extras);
    }

    /** The layer named {@code name}, or {@code null}. */
    public LayerWeights layer(String name) {
        return layers.stream().filter(l -> l.layerName().equals(name)).findFirst().orElse(null);
    }

    /** The extra section named {@code name}, or {@code null}. */
    public H5Section extra(String name) {
        return extras.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }
}
