package io.javagrad.io.keras;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.LayerWeights;
import io.javagrad.io.hdf5.NamedTensor;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Weight;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Copies the weights of a Keras file into a built model translated by {@link KerasConfigTranslation}: layers are
 * paired by name, their weights by Keras's order (trainable, then non-trainable), and every name and shape is
 * checked before anything is converted ({@link KerasWeightLayout}) and assigned.
 */
final class KerasWeights {
    private KerasWeights() {}

    /**
     * Assigns {@code saved} to the layers of {@code model}; {@code flattenedChannels} names the layers whose
     * weights expect features flattened channels-last, with the channel count.
     */
    static void assign(Model model, List<LayerWeights> saved, Map<String, Integer> flattenedChannels) {
        Map<String, Layer> layers = new LinkedHashMap<>();
        for (Layer layer : model.layers()) {
            if (!layer.weights().isEmpty()) {
                layers.put(layer.name(), layer);
            }
        }
        Map<String, LayerWeights> files = new LinkedHashMap<>();
        for (LayerWeights l : saved) {
            if (!l.weights().isEmpty()) {
                files.put(l.layerName(), l);
            }
        }
        if (!layers.keySet().equals(files.keySet())) {
            TreeSet<String> missing = new TreeSet<>(layers.keySet());
            missing.removeAll(files.keySet());
            TreeSet<String> extra = new TreeSet<>(files.keySet());
            extra.removeAll(layers.keySet());
            throw new IllegalArgumentException("the layers with weights in the model config " + layers.keySet()
                    + " and in model_weights " + files.keySet() + " differ: no weights for " + missing
                    + ", weights of unknown layers " + extra);
        }
        for (LayerWeights file : files.values()) {
            assign(layers.get(file.layerName()), file.weights(), flattenedChannels.get(file.layerName()));
        }
    }

    private static void assign(Layer layer, List<NamedTensor> saved, Integer flattenedChannels) {
        List<Map.Entry<String, Weight>> ours = KerasWeightLayout.kerasOrder(layer);
        List<String> savedPaths = saved.stream().map(t -> KerasWeightLayout.weightPath(layer.name(), t.name())).toList();
        List<String> ourPaths = ours.stream().map(Map.Entry::getKey).toList();
        if (!savedPaths.equals(ourPaths)) {
            throw new IllegalArgumentException(layer + ": the file holds the weights " + savedPaths
                    + ", the layer has " + ourPaths + " (in Keras's order)");
        }
        Tensor[] converted = new Tensor[ours.size()];
        for (int i = 0; i < converted.length; i++) {
            String path = ourPaths.get(i);
            Tensor value = saved.get(i).value();
            int[] expected = KerasWeightLayout.kerasShape(layer, path, ours.get(i).getValue().value().shape());
            if (!Arrays.equals(value.shape(), expected)) {
                throw new IllegalArgumentException(layer + ", weight '" + path + "': the file holds shape "
                        + Shapes.str(value.shape()) + ", the layer needs " + Shapes.str(expected) + " (Keras's layout)");
            }
            converted[i] = KerasWeightLayout.fromKeras(layer, path, value);
            if (flattenedChannels != null) {
                converted[i] = fromChannelsLastFlatten(converted[i], path, flattenedChannels);
            }
        }
        for (int i = 0; i < converted.length; i++) {
            ours.get(i).getValue().assign(converted[i]);
        }
    }

    /**
     * Reorders the input features of a Dense kernel {@code [H*W*C, units]} (its bias is per unit and stays) or of
     * a BatchNormalization vector {@code [H*W*C]} from Keras's {@code (h, w, c)} order to Javagrad's
     * {@code (c, h, w)}; only {@code H*W} matters, so it is passed as the height.
     */
    private static Tensor fromChannelsLastFlatten(Tensor value, String path, int channels) {
        if (path.equals("bias")) {
            return value;
        }
        int features = value.shape(0);
        Tensor rows = value.rank() == 1 ? value.reshape(features, 1) : value;
        Tensor reordered = KerasWeightLayout.denseKernelFromChannelsLast(rows, channels, features / channels, 1);
        return reordered.reshape(value.shape());
    }
}
