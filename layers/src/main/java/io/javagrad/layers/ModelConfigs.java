package io.javagrad.layers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model configs in Keras's form: a Sequential's list of layers, a functional model's layers with their
 * {@code inbound_nodes} (Keras 2 lists {@code [[name, nodeIndex, tensorIndex, {}], ...]}; Keras 3's
 * {@code {"args": [...]}} form is read too) and {@code input_layers}/{@code output_layers}.
 */
final class ModelConfigs {
    private ModelConfigs() {}

    /** The layer entries of a Sequential: the InputLayer (when the input is known), then the layers. */
    static List<Object> sequentialLayers(Input input, List<Layer> stack) {
        List<Object> out = new ArrayList<>();
        if (input != null) {
            out.add(entry(input.layer()));
        }
        for (Layer l : stack) {
            out.add(entry(l));
        }
        return out;
    }

    private static Map<String, Object> entry(Layer layer) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("class_name", layer.className());
        e.put("config", layer.getConfig());
        return e;
    }

    /** {@code layers}, {@code input_layers} and {@code output_layers} of a functional model. */
    static Map<String, Object> functionalConfig(FunctionalGraph graph) {
        List<Object> layers = new ArrayList<>();
        for (Layer layer : graph.layers) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", layer.name());
            e.putAll(entry(layer));
            List<Object> nodes = new ArrayList<>();
            for (GraphNode node : graph.nodesOf(layer)) {
                List<Object> refs = new ArrayList<>();
                for (SymbolicTensor in : node.inputs) {
                    List<Object> ref = graph.reference(in);
                    ref.add(new LinkedHashMap<>());
                    refs.add(ref);
                }
                nodes.add(refs);
            }
            e.put("inbound_nodes", nodes);
            layers.add(e);
        }
        List<Object> inputs = new ArrayList<>();
        for (Input in : graph.inputs) {
            inputs.add(graph.reference(in));
        }
        List<Object> outputs = new ArrayList<>();
        for (SymbolicTensor out : graph.outputs) {
            outputs.add(graph.reference(out));
        }
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("layers", layers);
        c.put("input_layers", inputs);
        c.put("output_layers", outputs);
        return c;
    }

    /** A model from {@code {"class_name": ..., "config": ...}}. */
    static Model modelFromConfig(Map<String, ?> full) {
        String cls = Configs.string(full, "class_name", "model config");
        Object config = full.get("config");
        Layer layer = layerFromConfig(cls, config);
        if (!(layer instanceof Model m)) {
            throw new IllegalArgumentException("model config: class_name must be Sequential, Functional or Model, got '"
                    + cls + "'");
        }
        return m;
    }

    /** A layer from its class name and config; models are handled here, other types by {@link LayerRegistry}. */
    @SuppressWarnings("unchecked")
    static Layer layerFromConfig(String cls, Object config) {
        switch (cls) {
            case "Sequential":
                return sequential(config);
            case "Functional", "Model":
                return functional(Configs.map(config, "Functional config"));
            default:
                return LayerRegistry.create(cls, (Map<String, Object>) Configs.map(config, cls + " config"));
        }
    }

    @SuppressWarnings("unchecked")
    private static Sequential sequential(Object config) {
        Sequential model = new Sequential();
        Object layers = config;
        if (config instanceof Map<?, ?> m) {
            model.applyBaseConfig((Map<String, Object>) m);
            layers = m.get("layers");
        }
        if (!(layers instanceof List<?> list)) {
            throw new IllegalArgumentException("Sequential config: 'layers' must be a list, got " + layers);
        }
        for (Object item : list) {
            Map<?, ?> e = Configs.map(item, "Sequential layer entry");
            String cls = Configs.string(e, "class_name", "Sequential layer entry");
            Map<?, ?> c = Configs.map(e.get("config"), cls + " config");
            if (cls.equals("InputLayer")) {
                model.add(InputLayer.fromConfig(c));
                continue;
            }
            Object batchShape = c.containsKey("batch_input_shape") ? c.get("batch_input_shape") : c.get("batch_shape");
            if (batchShape != null && model.input() == null && model.layers().isEmpty()) {
                model.add(Input.of(null, io.javagrad.core.DType.parse(Configs.string(c, "dtype", cls, "float32")),
                        InputLayer.perSampleShape(batchShape)));
            }
            model.add(layerFromConfig(cls, c));
        }
        return model;
    }

    private static Model functional(Map<?, ?> config) {
        Object layerList = config.get("layers");
        if (!(layerList instanceof List<?> entries)) {
            throw new IllegalArgumentException("Functional config: 'layers' must be a list, got " + layerList);
        }
        Map<String, Layer> layers = new LinkedHashMap<>();
        Map<String, List<?>> pending = new LinkedHashMap<>();
        Map<String, List<SymbolicTensor>> produced = new LinkedHashMap<>();
        for (Object item : entries) {
            Map<?, ?> e = Configs.map(item, "Functional layer entry");
            String cls = Configs.string(e, "class_name", "Functional layer entry");
            Map<?, ?> c = Configs.map(e.get("config"), cls + " config");
            String name = Configs.string(e, "name", "Functional layer entry", Configs.string(c, "name", cls + " config"));
            if (layers.containsKey(name)) {
                throw new IllegalArgumentException("Functional config: two layers are named '" + name + "'");
            }
            List<SymbolicTensor> outs = new ArrayList<>();
            if (cls.equals("InputLayer")) {
                Input in = InputLayer.fromConfig(c);
                layers.put(name, in.layer());
                outs.add(in);
            } else {
                layers.put(name, layerFromConfig(cls, c));
            }
            produced.put(name, outs);
            Object nodes = e.get("inbound_nodes");
            pending.put(name, nodes instanceof List<?> l ? l : List.of());
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (Map.Entry<String, List<?>> p : pending.entrySet()) {
                List<SymbolicTensor> outs = produced.get(p.getKey());
                Layer layer = layers.get(p.getKey());
                while (!(layer instanceof InputLayer) && outs.size() < p.getValue().size()) {
                    List<SymbolicTensor> args = resolve(p.getValue().get(outs.size()), produced);
                    if (args == null) {
                        break;
                    }
                    outs.add(layer.apply(args));
                    progress = true;
                }
            }
        }
        for (Map.Entry<String, List<?>> p : pending.entrySet()) {
            if (!(layers.get(p.getKey()) instanceof InputLayer) && produced.get(p.getKey()).size() < p.getValue().size()) {
                throw new IllegalArgumentException("Functional config: the inbound nodes of layer '" + p.getKey()
                        + "' refer to layers or calls that do not exist (or form a cycle)");
            }
        }
        List<Input> inputs = new ArrayList<>();
        for (SymbolicTensor t : refs(config.get("input_layers"), produced, "input_layers")) {
            if (!(t instanceof Input in)) {
                throw new IllegalArgumentException("Functional config: input_layers must name InputLayers, got " + t);
            }
            inputs.add(in);
        }
        List<SymbolicTensor> outputs = refs(config.get("output_layers"), produced, "output_layers");
        Model model = new Model(inputs, outputs, Configs.string(config, "name", "Functional config", null));
        @SuppressWarnings("unchecked")
        Map<String, Object> base = (Map<String, Object>) config;
        model.applyBaseConfig(base);
        return model;
    }

    /** The symbolic tensors of {@code input_layers} or {@code output_layers}: a reference or a list of them. */
    private static List<SymbolicTensor> refs(Object value, Map<String, List<SymbolicTensor>> produced, String key) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("Functional config: '" + key + "' must be a non-empty list, got " + value);
        }
        List<?> items = list.get(0) instanceof List<?> ? list : List.of(list);
        List<SymbolicTensor> out = new ArrayList<>();
        for (Object item : items) {
            SymbolicTensor t = lookup(item, produced);
            if (t == null) {
                throw new IllegalArgumentException("Functional config: '" + key + "' refers to an unknown tensor " + item);
            }
            out.add(t);
        }
        return out;
    }

    /** The inputs of one inbound node, or {@code null} while some are not produced yet. */
    private static List<SymbolicTensor> resolve(Object node, Map<String, List<SymbolicTensor>> produced) {
        List<Object> refs = new ArrayList<>();
        if (node instanceof Map<?, ?> keras3) {
            Object args = keras3.get("args");
            Object first = args instanceof List<?> l && !l.isEmpty() ? l.get(0) : null;
            if (first instanceof List<?> several) {
                refs.addAll(several);
            } else {
                refs.add(first);
            }
        } else if (node instanceof List<?> keras2) {
            refs.addAll(keras2);
        } else {
            throw new IllegalArgumentException("Functional config: unreadable inbound node " + node);
        }
        List<SymbolicTensor> out = new ArrayList<>();
        for (Object ref : refs) {
            Object history = ref;
            if (ref instanceof Map<?, ?> tensor) {
                history = Configs.map(tensor.get("config"), "keras tensor").get("keras_history");
            }
            SymbolicTensor t = lookup(history, produced);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** The tensor named by {@code [layerName, nodeIndex, tensorIndex, ...]}, or {@code null} if not produced yet. */
    private static SymbolicTensor lookup(Object ref, Map<String, List<SymbolicTensor>> produced) {
        if (!(ref instanceof List<?> r) || r.size() < 3 || !(r.get(0) instanceof String name)
                || !(r.get(1) instanceof Number node) || !(r.get(2) instanceof Number tensor)) {
            throw new IllegalArgumentException("Functional config: a tensor reference must be [layerName, nodeIndex,"
                    + " tensorIndex], got " + ref);
        }
        if (tensor.intValue() != 0) {
            throw new IllegalArgumentException("Functional config: layers with several outputs are not supported ("
                    + ref + ")");
        }
        List<SymbolicTensor> outs = produced.get(name);
        if (outs == null) {
            throw new IllegalArgumentException("Functional config: reference to unknown layer '" + name + "'");
        }
        int k = node.intValue();
        return k >= 0 && k < outs.size() ? outs.get(k) : null;
    }
}
