package io.javagrad.io;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.LayerWeights;
import io.javagrad.io.hdf5.NamedTensor;
import io.javagrad.io.keras.KerasWeightLayout;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A model's weights as the layer groups of a Keras file (converted to Keras layouts), and back by layer and
 * weight name: every mismatch is collected and reported at once before anything is assigned.
 */
final class ModelWeights {
    private ModelWeights() {}

    /** One entry per layer of {@code model}, in order, with its weights in Keras's order and layout. */
    static List<LayerWeights> toKeras(Model model) {
        List<LayerWeights> out = new ArrayList<>();
        for (Layer layer : model.layers()) {
            List<NamedTensor> weights = new ArrayList<>();
            for (Map.Entry<String, Weight> e : KerasWeightLayout.kerasOrder(layer)) {
                weights.add(new NamedTensor(KerasWeightLayout.datasetName(layer.name(), e.getKey()),
                        KerasWeightLayout.toKeras(layer, e.getKey(), e.getValue().value())));
            }
            out.add(new LayerWeights(layer.name(), weights));
        }
        return out;
    }

    /**
     * Assigns the saved weights to the (built) model's layers by name. Throws a {@link WeightMismatchException}
     * listing every missing, unexpected and mis-shaped weight; then nothing has changed.
     */
    static void assign(Model model, List<LayerWeights> saved, String file) throws WeightMismatchException {
        Map<String, LayerWeights> byName = new LinkedHashMap<>();
        for (LayerWeights lw : saved) {
            byName.put(lw.layerName(), lw);
        }
        List<String> missing = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        List<String> misshaped = new ArrayList<>();
        Map<Weight, Tensor> assignments = new LinkedHashMap<>();
        Set<String> modelLayers = new HashSet<>();
        for (Layer layer : model.layers()) {
            modelLayers.add(layer.name());
            Map<String, Weight> weights = layer.namedWeights();
            LayerWeights stored = byName.get(layer.name());
            Set<String> found = new HashSet<>();
            for (NamedTensor t : stored == null ? List.<NamedTensor>of() : stored.weights()) {
                String path = KerasWeightLayout.weightPath(layer.name(), t.name());
                String id = layer.name() + "/" + path;
                Weight w = weights.get(path);
                if (w == null || !found.add(path)) {
                    unexpected.add(id);
                    continue;
                }
                int[] expected = KerasWeightLayout.kerasShape(layer, path, w.value().shape());
                if (!Arrays.equals(expected, t.value().shape())) {
                    misshaped.add(id + ": file " + Shapes.str(t.value().shape()) + ", model " + Shapes.str(expected));
                    continue;
                }
                assignments.put(w, KerasWeightLayout.fromKeras(layer, path, t.value()));
            }
            for (String path : weights.keySet()) {
                if (!found.contains(path)) {
                    missing.add(layer.name() + "/" + path);
                }
            }
        }
        for (LayerWeights lw : saved) {
            if (!modelLayers.contains(lw.layerName())) {
                for (NamedTensor t : lw.weights()) {
                    unexpected.add(lw.layerName() + "/" + KerasWeightLayout.weightPath(lw.layerName(), t.name()));
                }
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !misshaped.isEmpty()) {
            throw new WeightMismatchException(file, missing, unexpected, misshaped);
        }
        assignments.forEach(Weight::assign);
    }
}
