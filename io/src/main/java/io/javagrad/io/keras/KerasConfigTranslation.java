package io.javagrad.io.keras;

import io.javagrad.layers.Configs;
import io.javagrad.layers.Initializers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a Keras {@code model_config} (channels-last images, Keras's keys and old forms) into the config of the
 * equivalent Javagrad model (NCHW images), and notes the layers whose weights follow a channels-last Flatten.
 *
 * <p>Each tensor's {@link KerasLayout} is followed from the inputs to the outputs: an image input of a model
 * with channels-last image layers becomes NCHW, its image layers become {@code channels_first}, BatchNormalization
 * and Softmax over its channels get axis 1, and a Flatten of it yields features in {@code (c, h, w)} order where
 * Keras has {@code (h, w, c)}; the next Dense (after any element-wise layers) or BatchNormalization takes them
 * with reordered weights. Merge layers take inputs of one layout; a Concatenate of images on Keras's channel
 * axis joins NCHW channels (axis 1). Only channels-last Keras models are accepted (what Keras on a CPU writes).
 */
final class KerasConfigTranslation {
    /** The Keras layer classes this translation knows. */
    static final Set<String> SUPPORTED = new TreeSet<>(List.of("InputLayer", "Dense", "Conv2D", "MaxPooling2D",
            "AveragePooling2D", "GlobalAveragePooling2D", "Flatten", "Dropout", "BatchNormalization", "Activation",
            "ReLU", "LeakyReLU", "ELU", "Softmax", "Concatenate", "Add", "Subtract", "Multiply", "Average", "Maximum",
            "Minimum"));
    private static final Set<String> MERGE_LAYERS = Set.of("Concatenate", "Add", "Subtract", "Multiply", "Average",
            "Maximum", "Minimum");
    private static final Set<String> IMAGE_LAYERS = Set.of("Conv2D", "MaxPooling2D", "AveragePooling2D",
            "GlobalAveragePooling2D");

    /**
     * The translation.
     *
     * @param modelConfig the Javagrad model config, for {@code Model.fromConfig}
     * @param flattenedChannels per layer name: the channel count of the channels-last Flatten whose
     *     {@code (h, w, c)}-ordered features the layer's weights expect
     */
    record Result(Map<String, Object> modelConfig, Map<String, Integer> flattenedChannels) {}

    private final Map<String, KerasLayout> outputs = new HashMap<>();
    private final Map<String, Integer> flattenedChannels = new LinkedHashMap<>();
    private boolean imageModel;

    private KerasConfigTranslation() {}

    /** Translates Keras's full form {@code {"class_name": ..., "config": ...}}. */
    static Result translate(Map<String, Object> kerasModelConfig) {
        String cls = Configs.string(kerasModelConfig, "class_name", "model_config");
        Object config = kerasModelConfig.get("config");
        KerasConfigTranslation t = new KerasConfigTranslation();
        Map<String, Object> translated = switch (cls) {
            case "Sequential" -> t.sequential(config);
            case "Functional", "Model" -> t.functional(Configs.map(config, "model_config 'config'"));
            default -> throw new IllegalArgumentException("unsupported model class '" + cls
                    + "' (expected Sequential, Functional or Model)");
        };
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("class_name", cls);
        full.put("config", translated);
        return new Result(full, t.flattenedChannels);
    }

    // ---------------------------------------------------------------- models

    private Map<String, Object> sequential(Object config) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object layers = config;
        if (config instanceof Map<?, ?> m) { // the bare list is the form of old Keras versions
            out.put("name", Configs.string(m, "name", "Sequential config", "sequential"));
            layers = m.get("layers");
        }
        List<Map<String, Object>> entries = withInputLayer(entries(layers, "Sequential"));
        imageModel = hasImageLayers(entries);
        List<Object> translated = new ArrayList<>();
        String previous = null;
        for (Map<String, Object> entry : entries) {
            List<String> inputs = previous == null ? List.of() : List.of(previous);
            translated.add(layer(entry, List.of(inputs)));
            previous = layerName(entry);
        }
        requireKerasOrder(List.of(previous));
        out.put("layers", translated);
        return out;
    }

    private Map<String, Object> functional(Map<?, ?> config) {
        List<Map<String, Object>> entries = entries(config.get("layers"), "Functional");
        imageModel = hasImageLayers(entries);
        List<Object> translated = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            List<List<String>> nodes = new ArrayList<>();
            if (entry.get("inbound_nodes") instanceof List<?> list) {
                for (Object node : list) {
                    List<String> names = new ArrayList<>();
                    inboundLayers(node, names);
                    nodes.add(names);
                }
            }
            translated.add(layer(entry, nodes));
        }
        List<String> outputNames = new ArrayList<>();
        inboundLayers(config.get("output_layers"), outputNames);
        requireKerasOrder(outputNames);
        Map<String, Object> out = copy(config);
        out.put("layers", translated);
        return out;
    }

    /** Copies of the layer entries, with their classes checked against {@link #SUPPORTED}. */
    private static List<Map<String, Object>> entries(Object layers, String model) {
        if (!(layers instanceof List<?> list)) {
            throw new IllegalArgumentException(model + " config: 'layers' must be a list, got " + layers);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object item : list) {
            Map<String, Object> entry = copy(Configs.map(item, model + " layer entry"));
            String cls = Configs.string(entry, "class_name", model + " layer entry");
            entry.put("config", copy(Configs.map(entry.get("config"), cls + " config")));
            if (!SUPPORTED.contains(cls)) {
                throw new IllegalArgumentException("unsupported Keras layer class '" + cls + "' (layer '"
                        + layerName(entry) + "'); supported: " + SUPPORTED);
            }
            out.add(entry);
        }
        return out;
    }

    /**
     * The entries with an InputLayer first: Keras 2.1 and older Sequential models give the batch shape to their
     * first layer instead.
     */
    private static List<Map<String, Object>> withInputLayer(List<Map<String, Object>> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the Sequential model has no layers");
        }
        Map<String, Object> first = entries.get(0);
        if (first.get("class_name").equals("InputLayer")) {
            return entries;
        }
        Object shape = batchShape(config(first));
        if (shape == null) {
            throw new IllegalArgumentException("the Sequential model declares no input shape (no InputLayer and no"
                    + " batch_input_shape on its first layer '" + layerName(first) + "')");
        }
        Map<String, Object> inputConfig = new LinkedHashMap<>();
        inputConfig.put("batch_input_shape", shape);
        inputConfig.put("dtype", dtypeName(config(first).get("dtype")));
        inputConfig.put("name", layerName(first) + "_input");
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("class_name", "InputLayer");
        input.put("config", inputConfig);
        List<Map<String, Object>> out = new ArrayList<>();
        out.add(input);
        out.addAll(entries);
        return out;
    }

    /** Whether the model has image layers; they must all be channels-last. */
    private static boolean hasImageLayers(List<Map<String, Object>> entries) {
        boolean found = false;
        for (Map<String, Object> entry : entries) {
            String cls = (String) entry.get("class_name");
            if (IMAGE_LAYERS.contains(cls)) {
                String format = Configs.string(config(entry), "data_format", cls + " config", "channels_last");
                if (!format.equals("channels_last")) {
                    throw new IllegalArgumentException(cls + " '" + layerName(entry) + "': data_format \"" + format
                            + "\" is not supported; only channels-last Keras models can be imported");
                }
                found = true;
            }
        }
        return found;
    }

    /** Refuses model outputs whose values Javagrad would hold in another order than Keras. */
    private void requireKerasOrder(List<String> outputLayers) {
        for (String name : outputLayers) {
            if (outputs.get(name) != null && outputs.get(name).isFlattened()) {
                throw new IllegalArgumentException("layer '" + name + "' is a model output holding features"
                        + " flattened from a channels-last image, which Javagrad orders (c, h, w) and Keras (h, w, c);"
                        + " such outputs are not supported");
            }
        }
    }

    // ---------------------------------------------------------------- layers

    /** Translates one entry whose inbound nodes call it on the outputs of {@code nodes}; notes its output layout. */
    private Map<String, Object> layer(Map<String, Object> entry, List<List<String>> nodes) {
        String cls = (String) entry.get("class_name");
        String name = layerName(entry);
        Map<String, Object> config = config(entry);
        normalize(config);
        KerasLayout out;
        if (cls.equals("InputLayer")) {
            out = input(config);
        } else {
            KerasLayout in = null;
            for (List<String> node : nodes) {
                List<KerasLayout> layouts = inputLayouts(cls, name, node);
                KerasLayout nodeInput = MERGE_LAYERS.contains(cls)
                        ? merged(cls, cls + " '" + name + "'", config, layouts) : layouts.get(0);
                if (in != null && !in.equals(nodeInput)) {
                    throw new IllegalArgumentException(cls + " '" + name + "' is shared between inputs of"
                            + " different layouts (an image and flat features); not supported");
                }
                in = nodeInput;
            }
            if (in == null) {
                throw new IllegalArgumentException(cls + " '" + name + "' has no inbound node");
            }
            config.remove("batch_input_shape");
            config.remove("batch_shape");
            out = layer(cls, cls + " '" + name + "'", name, config, in);
        }
        if (outputs.put(name, out) != null) {
            throw new IllegalArgumentException("two layers are named '" + name + "'");
        }
        return entry;
    }

    /** The layouts of the tensors one call of the layer takes: one, or two or more for a merge layer. */
    private List<KerasLayout> inputLayouts(String cls, String name, List<String> node) {
        boolean merge = MERGE_LAYERS.contains(cls);
        if (merge ? node.size() < 2 : node.size() != 1) {
            throw new IllegalArgumentException(cls + " '" + name + "' must take " + (merge ? "two or more inputs"
                    : "one input") + ", got " + node.size() + " " + node);
        }
        List<KerasLayout> out = new ArrayList<>();
        for (String source : node) {
            KerasLayout in = outputs.get(source);
            if (in == null) {
                throw new IllegalArgumentException(cls + " '" + name + "' takes the output of '" + source
                        + "', which no earlier layer in the config produces");
            }
            out.add(in);
        }
        return out;
    }

    /**
     * The layout of a merge layer's output. Its inputs must have one layout: all images, all flat, or all
     * flattened from images of the same channel count (features Javagrad orders otherwise than Keras can be
     * added or multiplied, not joined). Images keep the most channels (size-1 channels broadcast), or the sum
     * of the channels when a Concatenate joins the channel axis.
     */
    private static KerasLayout merged(String cls, String what, Map<String, Object> config, List<KerasLayout> ins) {
        KerasLayout first = ins.get(0);
        int channels = 0;
        for (KerasLayout in : ins) {
            if (in.isImage() != first.isImage() || in.flattenedChannels() != first.flattenedChannels()) {
                throw new IllegalArgumentException(what + " merges tensors Javagrad holds in different layouts"
                        + " (channels-last images, features flattened from them, other tensors); not supported");
            }
            channels = cls.equals("Concatenate") ? channels + in.imageChannels()
                    : Math.max(channels, in.imageChannels());
        }
        if (cls.equals("Concatenate") && first.isFlattened()) {
            throw new IllegalArgumentException(what + " joins features flattened from a channels-last image, which"
                    + " Javagrad orders (c, h, w) and Keras (h, w, c); not supported");
        }
        if (!first.isImage() || cls.equals("Concatenate") && imageAxis(what, config) != 1) {
            return first;
        }
        return KerasLayout.image(channels);
    }

    /** The NCHW axis of a Concatenate of channels-last images: Keras's 1, 2, 3 (or -3, -2, -1) become 2, 3, 1. */
    private static int imageAxis(String what, Map<String, Object> config) {
        int axis = Configs.integer(config, "axis", what, -1);
        return switch (axis < 0 ? axis + 4 : axis) {
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> throw new IllegalArgumentException(what + ": axis " + axis + " is not an axis of a"
                    + " channels-last image [N, H, W, C] after the batch axis");
        };
    }

    /** The InputLayer's layout: an image of an image model is reordered from [H, W, C] to [C, H, W]. */
    private KerasLayout input(Map<String, Object> config) {
        String key = config.containsKey("batch_input_shape") ? "batch_input_shape" : "batch_shape";
        if (!imageModel || !(config.get(key) instanceof List<?> shape) || shape.size() != 4) {
            return KerasLayout.SAME;
        }
        if (!(shape.get(3) instanceof Number channels) || channels.intValue() <= 0) {
            throw new IllegalArgumentException("InputLayer: the channel count of " + key + " " + shape
                    + " must be a positive number");
        }
        config.put(key, Arrays.asList(shape.get(0), shape.get(3), shape.get(1), shape.get(2)));
        return KerasLayout.image(channels.intValue());
    }

    /** Translates {@code config} of a layer fed a tensor of layout {@code in}; returns the output's layout. */
    private KerasLayout layer(String cls, String what, String name, Map<String, Object> config, KerasLayout in) {
        switch (cls) {
            case "Conv2D":
                requireImage(what, in);
                if ("softmax".equals(config.get("activation"))) {
                    throw new IllegalArgumentException(what + ": a softmax over the channels of an image is not"
                            + " supported");
                }
                config.put("data_format", "channels_first");
                return KerasLayout.image(Configs.integer(config, "filters", what));
            case "MaxPooling2D", "AveragePooling2D":
                requireImage(what, in);
                config.put("data_format", "channels_first");
                return in;
            case "GlobalAveragePooling2D":
                requireImage(what, in);
                config.put("data_format", "channels_first");
                return Configs.bool(config, "keepdims", false) ? in : KerasLayout.SAME;
            case "Flatten":
                String format = Configs.string(config, "data_format", what, "channels_last");
                config.remove("data_format");
                if (!format.equals("channels_last")) {
                    throw new IllegalArgumentException(what + ": data_format \"" + format + "\" is not supported");
                }
                return in.isImage() ? KerasLayout.flattened(in.imageChannels()) : in;
            case "Dense":
                if (in.isImage()) {
                    throw new IllegalArgumentException(what + ": a Dense layer over the channels of an image is not"
                            + " supported (add a Flatten or GlobalAveragePooling2D before it)");
                }
                noteFlattened(name, in);
                return KerasLayout.SAME;
            case "BatchNormalization":
                config.put("axis", channelAxis(what, config, "axis", -1, in));
                noteFlattened(name, in);
                return in;
            case "Softmax":
                config.put("axis", channelAxis(what, config, "axis", -1, in));
                return in;
            case "Concatenate":
                if (in.isImage()) {
                    config.put("axis", imageAxis(what, config));
                }
                return in;
            case "Activation":
                if (in.isImage() && "softmax".equals(config.get("activation"))) {
                    throw new IllegalArgumentException(what + ": a softmax over the channels of an image is not"
                            + " supported");
                }
                return in;
            default: // Dropout, the element-wise activation layers and the element-wise merges
                return in;
        }
    }

    private static void requireImage(String what, KerasLayout in) {
        if (!in.isImage()) {
            throw new IllegalArgumentException(what + " needs a channels-last image input [N, H, W, C]");
        }
    }

    private void noteFlattened(String name, KerasLayout in) {
        if (in.isFlattened()) {
            flattenedChannels.put(name, in.flattenedChannels());
        }
    }

    /**
     * The axis of a per-channel layer: Keras's channel axis of an image (-1 or 3) becomes 1; other axes of an
     * image are refused; the axis of flat inputs is kept, but flattened features must be taken whole.
     */
    private static int channelAxis(String what, Map<String, Object> config, String key, int fallback, KerasLayout in) {
        int[] axes = config.get(key) == null ? new int[] {fallback} : Configs.ints(config, key, what, 1);
        if (axes.length != 1) {
            throw new IllegalArgumentException(what + ": exactly one axis is supported, got " + config.get(key));
        }
        int axis = axes[0];
        if (in.isImage()) {
            if (axis != -1 && axis != 3) {
                throw new IllegalArgumentException(what + ": axis " + axis + " of a channels-last image is a spatial"
                        + " axis; only the channel axis (-1 or 3) is supported");
            }
            return 1;
        }
        if (in.isFlattened() && axis != -1 && axis != 1) {
            throw new IllegalArgumentException(what + ": axis " + axis + " does not fit flattened features");
        }
        return axis;
    }

    // ---------------------------------------------------------------- config details

    /**
     * Keras 3 dtype policies become their name; initializers Javagrad does not know are dropped (the weights
     * come from the file; an initializer matters only for re-initialization).
     */
    private static void normalize(Map<String, Object> config) {
        if (config.get("dtype") instanceof Map<?, ?>) {
            config.put("dtype", dtypeName(config.get("dtype")));
        }
        config.entrySet().removeIf(e -> e.getKey().endsWith("_initializer") && !knownInitializer(e.getValue()));
    }

    private static boolean knownInitializer(Object config) {
        try {
            Initializers.fromConfig(config, null);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }

    /** A dtype name from a string or a Keras 3 policy {@code {"config": {"name": "float32"}}}; float32 when absent. */
    private static String dtypeName(Object dtype) {
        if (dtype instanceof Map<?, ?> policy) {
            return Configs.string(Configs.map(policy.get("config"), "dtype policy config"), "name", "dtype policy");
        }
        return dtype instanceof String s ? s : "float32";
    }

    private static Object batchShape(Map<String, Object> config) {
        return config.containsKey("batch_input_shape") ? config.get("batch_input_shape") : config.get("batch_shape");
    }

    /** The names of the layers referred to in an inbound node (Keras 2 lists or Keras 3 {@code args}). */
    private static void inboundLayers(Object node, List<String> out) {
        if (node instanceof Map<?, ?> m) {
            if (m.containsKey("args")) {
                inboundLayers(m.get("args"), out);
            } else if (m.get("config") instanceof Map<?, ?> tensor && tensor.containsKey("keras_history")) {
                inboundLayers(tensor.get("keras_history"), out);
            }
        } else if (node instanceof List<?> list && !list.isEmpty()) {
            if (list.size() >= 3 && list.get(0) instanceof String name && list.get(1) instanceof Number) {
                out.add(name);
            } else {
                for (Object item : list) {
                    inboundLayers(item, out);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(Map<String, Object> entry) {
        return (Map<String, Object>) entry.get("config");
    }

    private static String layerName(Map<String, Object> entry) {
        Object name = entry.get("name");
        if (name == null && entry.get("config") instanceof Map<?, ?> c) {
            name = c.get("name");
        }
        if (!(name instanceof String s)) {
            throw new IllegalArgumentException(entry.get("class_name") + " layer entry without a name");
        }
        return s;
    }

    private static Map<String, Object> copy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            out.put((String) e.getKey(), e.getValue());
        }
        return out;
    }
}
