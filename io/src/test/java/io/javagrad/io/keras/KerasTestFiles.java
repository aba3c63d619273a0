package io.javagrad.io.keras;

import io.javagrad.core.Tensor;
import io.javagrad.io.Json;
import io.javagrad.io.hdf5.KerasH5;
import io.javagrad.io.hdf5.KerasH5Content;
import io.javagrad.io.hdf5.LayerWeights;
import io.javagrad.io.hdf5.NamedTensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes files in the Keras HDF5 layout for import tests: a model_config in JSON, weights named as Keras names them. */
final class KerasTestFiles {
    private static final List<String> WEIGHT_NAMES = List.of("kernel", "bias");
    private static final List<String> BN_NAMES = List.of("gamma", "beta", "moving_mean", "moving_variance");

    private KerasTestFiles() {}

    /**
     * A Keras-layout file in {@code dir}; layers with 4 weights are BatchNormalization, others Dense or Conv2D;
     * weight {@code i} of layer {@code L} is named {@code format(nameFormat, L, name_i)}.
     */
    static Path write(Path dir, String config, List<String> layers, Map<String, Tensor[]> weights, String nameFormat,
                      Map<String, Object> training) throws IOException {
        List<LayerWeights> saved = new ArrayList<>();
        for (String layer : layers) {
            Tensor[] values = weights.get(layer);
            List<String> names = values.length == 4 ? BN_NAMES : WEIGHT_NAMES;
            List<NamedTensor> tensors = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                tensors.add(new NamedTensor(String.format(nameFormat, layer, names.get(i)), values[i]));
            }
            saved.add(new LayerWeights(layer, tensors));
        }
        Path file = dir.resolve("model" + System.nanoTime() + ".h5");
        KerasH5.write(file, new KerasH5Content(Json.parseObject(config), "2.4.0", "tensorflow", training, saved,
                List.of(), List.of()));
        return file;
    }
}
