package io.javagrad.io;

import io.javagrad.core.DType;
import io.javagrad.core.Rng;
import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.H5Section;
import io.javagrad.io.hdf5.NamedTensor;
import io.javagrad.layers.History;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.optim.Optimizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What resuming training needs besides the weights, as sections of a Javagrad HDF5 file:
 * <ul>
 *   <li>{@code optimizer}: the optimizer's config (JSON) and its {@link Optimizer#state()} (step count and
 *       moments, one dataset per state key);</li>
 *   <li>{@code rng}: the generator state of the model (which shuffles the batches) and of every layer (dropout
 *       masks), keyed by the path of sublayer indices ({@code root}, {@code root/2}, {@code root/2/4});</li>
 *   <li>{@code history}: the latest fit's {@link History}, its keys in JSON and one float64 dataset per key.</li>
 * </ul>
 */
final class TrainingState {
    static final String OPTIMIZER = "optimizer";
    static final String RNG = "rng";
    static final String HISTORY = "history";
    private static final String ROOT = "root";

    private TrainingState() {}

    /**
     * The optimizer section: its config, and its state when the optimizer works on exactly the model's trainable
     * parameters (fit would otherwise start it afresh anyway).
     */
    static H5Section optimizer(Model model, Optimizer optimizer, boolean includeState) {
        List<NamedTensor> tensors = new ArrayList<>();
        if (includeState && optimizer.optimizes(model.trainableParameters())) {
            optimizer.state().forEach((key, value) -> tensors.add(new NamedTensor(key, value)));
        }
        return new H5Section(OPTIMIZER, optimizer.getConfig(), tensors);
    }

    /** Gives the compiled model's optimizer the saved state (if any) for the model's trainable parameters. */
    static void restoreOptimizer(Model model, H5Section section) {
        Optimizer optimizer = model.optimizer();
        optimizer.setParameters(model.trainableParameters());
        if (!section.tensors().isEmpty()) {
            Map<String, Tensor> state = new LinkedHashMap<>();
            for (NamedTensor t : section.tensors()) {
                state.put(t.name(), t.value());
            }
            optimizer.loadState(state);
        }
    }

    /** The generator states of the model and all its layers. */
    static H5Section rng(Model model) {
        Map<String, Object> states = new LinkedHashMap<>();
        collect(model, ROOT, states);
        return new H5Section(RNG, states, List.of());
    }

    private static void collect(Layer layer, String path, Map<String, Object> out) {
        Rng.State s = layer.rngState();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counter", Long.toString(s.counter()));
        m.put("spare_normal", s.spareNormal());
        m.put("has_spare_normal", s.hasSpareNormal());
        out.put(path, m);
        List<Layer> subs = layer.sublayers();
        for (int i = 0; i < subs.size(); i++) {
            collect(subs.get(i), path + "/" + i, out);
        }
    }

    /** Restores the generator states; the saved paths must be exactly the model's. */
    static void restoreRng(Model model, H5Section section) {
        Map<?, ?> saved = JsonValues.map(section.json(), "rng section");
        Map<String, Layer> layers = new LinkedHashMap<>();
        index(model, ROOT, layers);
        if (!layers.keySet().equals(saved.keySet())) {
            throw new IllegalArgumentException("rng section: saved generators " + saved.keySet()
                    + " do not match the model's layers " + layers.keySet());
        }
        Map<Layer, Rng.State> states = new LinkedHashMap<>();
        for (Map.Entry<String, Layer> e : layers.entrySet()) {
            String what = "rng state '" + e.getKey() + "'";
            Map<?, ?> m = JsonValues.map(saved.get(e.getKey()), what);
            states.put(e.getValue(), new Rng.State(JsonValues.parseLong(m.get("counter"), what + " counter"),
                    JsonValues.number(m.get("spare_normal"), what + " spare_normal"),
                    JsonValues.bool(m.get("has_spare_normal"), what + " has_spare_normal")));
        }
        states.forEach(Layer::restoreRngState);
    }

    private static void index(Layer layer, String path, Map<String, Layer> out) {
        out.put(path, layer);
        List<Layer> subs = layer.sublayers();
        for (int i = 0; i < subs.size(); i++) {
            index(subs.get(i), path + "/" + i, out);
        }
    }

    /** The history section: keys in JSON, values as datasets named by position. */
    static H5Section history(History history) {
        List<String> keys = new ArrayList<>();
        List<NamedTensor> tensors = new ArrayList<>();
        if (history.epochs() > 0) {
            for (String key : history.keys()) {
                double[] values = history.get(key).stream().mapToDouble(Double::doubleValue).toArray();
                tensors.add(new NamedTensor(Integer.toString(keys.size()), Tensor.of(values, values.length)));
                keys.add(key);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("keys", keys);
        return new H5Section(HISTORY, json, tensors);
    }

    /** Reads {@link #history}'s form back. */
    static History readHistory(H5Section section) {
        List<?> keys = JsonValues.list(JsonValues.map(section.json(), "history section").get("keys"), "history keys");
        Map<String, NamedTensor> byName = new LinkedHashMap<>();
        section.tensors().forEach(t -> byName.put(t.name(), t));
        if (byName.size() != keys.size()) {
            throw new IllegalArgumentException("history section: " + keys.size() + " keys but " + byName.size()
                    + " value lists");
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            NamedTensor t = byName.get(Integer.toString(i));
            if (t == null || t.value().rank() != 1) {
                throw new IllegalArgumentException("history section: no 1-d values for key " + i);
            }
            List<Double> list = new ArrayList<>();
            for (double v : t.value().to(DType.FLOAT64).toDoubleArray()) {
                list.add(v);
            }
            values.put(JsonValues.string(keys.get(i), "history key " + i), list);
        }
        return History.of(values);
    }
}
