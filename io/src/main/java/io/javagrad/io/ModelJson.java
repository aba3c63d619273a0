package io.javagrad.io;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.hdf5.LayerWeights;
import io.javagrad.io.hdf5.NamedTensor;
import io.javagrad.io.keras.KerasWeightLayout;
import io.javagrad.layers.Model;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small model as one readable JSON document, for teaching, inspection and diffs: the architecture
 * ({@code model_config}, as in HDF5 files) and every weight as nested arrays, in the same names, order and
 * layouts as {@link ModelIO} writes them (Conv2D kernels HWIO).
 *
 * <pre>{@code
 * {"format": "javagrad-model-json", "format_version": 1, "model_config": {...},
 *  "weights": {"dense": {"kernel": {"dtype": "float32", "shape": [2, 3], "values": [[0.1, ...], ...]}, ...}}}
 * }</pre>
 *
 * Models of more than {@link #MAX_PARAMETERS} parameters are refused (use {@link ModelIO#save}); float32 values
 * are written in their shortest exact form, so a model loads back bit-identical. No optimizer state or history.
 */
public final class ModelJson {
    /** Largest model written as JSON: one million parameters make a file of roughly 12 MB. */
    public static final int MAX_PARAMETERS = 1_000_000;
    private static final String FORMAT = "javagrad-model-json";

    private ModelJson() {}

    /** The model as a JSON document. */
    public static String toJson(Model model) {
        model.build();
        if (model.countParams() > MAX_PARAMETERS) {
            throw new IllegalArgumentException("ModelJson: model '" + model.name() + "' has " + model.countParams()
                    + " parameters, more than " + MAX_PARAMETERS + " for a readable JSON file; save it with ModelIO.save");
        }
        Map<String, Object> weights = new LinkedHashMap<>();
        for (LayerWeights layer : ModelWeights.toKeras(model)) {
            if (layer.weights().isEmpty()) {
                continue;
            }
            Map<String, Object> byName = new LinkedHashMap<>();
            for (NamedTensor t : layer.weights()) {
                byName.put(KerasWeightLayout.weightPath(layer.layerName(), t.name()), tensor(t.value()));
            }
            weights.put(layer.layerName(), byName);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("format_version", 1);
        doc.put("model_config", model.modelConfig());
        doc.put("weights", weights);
        return Json.writePretty(doc);
    }

    /** Rebuilds the model of a {@link #toJson} document; any problem is an IllegalArgumentException. */
    public static Model fromJson(String json) {
        Map<?, ?> doc = JsonValues.map(Json.parse(json), "model JSON");
        if (!FORMAT.equals(doc.get("format")) || !Double.valueOf(1).equals(numberOrNull(doc.get("format_version")))) {
            throw new IllegalArgumentException("model JSON: expected format '" + FORMAT + "' version 1, got '"
                    + doc.get("format") + "' version " + doc.get("format_version"));
        }
        Model model = Model.fromConfig(JsonValues.object(doc.get("model_config"), "model JSON model_config"));
        model.build();
        List<LayerWeights> layers = new ArrayList<>();
        JsonValues.map(doc.get("weights"), "model JSON weights").forEach((layerName, byName) -> {
            List<NamedTensor> tensors = new ArrayList<>();
            JsonValues.map(byName, "weights of '" + layerName + "'").forEach((path, t) -> tensors.add(new NamedTensor(
                    KerasWeightLayout.datasetName(layerName.toString(), path.toString()),
                    tensor(t, "weight '" + layerName + "/" + path + "'"))));
            layers.add(new LayerWeights(layerName.toString(), tensors));
        });
        try {
            ModelWeights.assign(model, layers, "the model JSON");
        } catch (WeightMismatchException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return model;
    }

    /** Writes {@link #toJson} to {@code path} (UTF-8), atomically. */
    public static void save(Model model, Path path) throws IOException {
        String json = toJson(model);
        AtomicFiles.write(path, temp -> Files.writeString(temp, json, StandardCharsets.UTF_8));
    }

    /** Reads a model written by {@link #save}; any problem is an IOException naming the file. */
    public static Model load(Path path) throws IOException {
        long size = Files.size(path);
        if (size > 2L * Json.MAX_CHARS) {
            throw new IOException("model JSON " + path + " has " + size + " bytes, more than a JSON model can have");
        }
        try {
            return fromJson(Files.readString(path, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new IOException("cannot load the model JSON " + path + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, Object> tensor(Tensor t) {
        boolean f32 = t.dtype() == DType.FLOAT32;
        List<Object> flat = new ArrayList<>(t.numel());
        if (f32) {
            for (float v : t.toFloatArray()) {
                // Float.toString's shortest form, unless reading it back through a double would round it elsewhere
                flat.add((float) Double.parseDouble(Float.toString(v)) == v || !Float.isFinite(v) ? (Object) v : (Object) (double) v);
            }
        } else {
            for (double v : t.toDoubleArray()) {
                flat.add(v);
            }
        }
        int[] shape = t.shape();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dtype", t.dtype().toString());
        m.put("shape", java.util.Arrays.stream(shape).boxed().toList());
        m.put("values", shape.length == 0 ? flat.get(0) : nest(flat, shape, 0, 0));
        return m;
    }

    private static List<Object> nest(List<Object> flat, int[] shape, int axis, int offset) {
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            stride *= shape[i];
        }
        List<Object> out = new ArrayList<>(shape[axis]);
        for (int i = 0; i < shape[axis]; i++) {
            out.add(axis == shape.length - 1 ? flat.get(offset + i) : nest(flat, shape, axis + 1, offset + i * stride));
        }
        return out;
    }

    private static Tensor tensor(Object json, String what) {
        Map<?, ?> m = JsonValues.map(json, what);
        DType dtype = DType.parse(JsonValues.string(m.get("dtype"), what + " dtype"));
        List<?> dims = JsonValues.list(m.get("shape"), what + " shape");
        int[] shape = new int[dims.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = JsonValues.integer(dims.get(i), what + " shape", 0, MAX_PARAMETERS);
            count *= shape[i];
            if (count > MAX_PARAMETERS) {
                throw new IllegalArgumentException(what + ": shape " + dims + " has more than " + MAX_PARAMETERS + " values");
            }
        }
        double[] values = new double[(int) count];
        flatten(m.get("values"), shape, 0, values, new int[1], what);
        Tensor t = shape.length == 0 ? Tensor.scalar(DType.FLOAT64, values[0]) : Tensor.of(values, shape);
        return t.to(dtype);
    }

    private static void flatten(Object v, int[] shape, int axis, double[] out, int[] pos, String what) {
        if (axis == shape.length) {
            out[pos[0]++] = JsonValues.number(v, what + " value");
            return;
        }
        List<?> list = JsonValues.list(v, what + " values at axis " + axis);
        if (list.size() != shape[axis]) {
            throw new IllegalArgumentException(what + ": " + list.size() + " values at axis " + axis + ", shape says "
                    + shape[axis]);
        }
        for (Object item : list) {
            flatten(item, shape, axis + 1, out, pos, what);
        }
    }

    private static Double numberOrNull(Object v) {
        return v instanceof Number n ? n.doubleValue() : null;
    }
}
