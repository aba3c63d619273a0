package io.javagrad.io.onnx;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Embedding;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Model;
import io.javagrad.layers.Reshape;
import io.javagrad.layers.Weight;
import java.util.List;
import java.util.Map;

/**
 * ONNX exporters of the core layers (Dense, Flatten, Reshape, Dropout and the augmentation layers, Embedding, nested
 * models), and the helpers
 * the built-in exporters share: the single input, hyperparameters read from {@link Layer#getConfig()}, weights.
 */
final class LayerExporters {
    private LayerExporters() {}

    /** Dense: {@code Gemm} for [N, in] inputs (the kernel is [in, out], so no transpose), else MatMul + Add. */
    static String dense(OnnxExportContext ctx, Dense layer, List<OnnxValue> in) {
        OnnxValue x = single(layer, in);
        String w = ctx.weight("kernel", layer.kernel().value());
        String b = layer.bias() == null ? null : ctx.weight("bias", layer.bias().value());
        String y;
        if (x.rank() == 2) {
            y = ctx.node("Gemm", b == null ? List.of(x.name(), w) : List.of(x.name(), w, b));
        } else {
            y = ctx.node("MatMul", List.of(x.name(), w));
            y = b == null ? y : ctx.node("Add", List.of(y, b));
        }
        return ctx.activation(string(layer.getConfig(), "activation"), y);
    }

    /** Flatten: {@code Flatten(axis=1)}; NCHW row-major order is ONNX's. */
    static String flatten(OnnxExportContext ctx, Flatten layer, List<OnnxValue> in) {
        return ctx.node("Flatten", List.of(single(layer, in).name()), OnnxAttributes.ofInt("axis", 1));
    }

    /** Reshape: {@code Reshape} to {@code [0, target...]}, where 0 keeps the batch size and -1 is inferred. */
    static String reshape(OnnxExportContext ctx, Reshape layer, List<OnnxValue> in) {
        int[] target = ints(layer.getConfig(), "target_shape");
        long[] shape = new long[target.length + 1];
        for (int i = 0; i < target.length; i++) {
            shape[i + 1] = target[i];
        }
        return ctx.node("Reshape", List.of(single(layer, in).name(), ctx.int64s("shape", shape)));
    }

    /** Dropout and the random augmentation layers: nothing, as they are the identity at inference. */
    static String identityAtInference(OnnxExportContext ctx, Layer layer, List<OnnxValue> in) {
        return single(layer, in).name();
    }

    /** Embedding: the float ids cast to INT64, then {@code Gather(embeddings, ids, axis=0)}. */
    static String embedding(OnnxExportContext ctx, Embedding layer, List<OnnxValue> in) {
        String ids = ctx.node("Cast", List.of(single(layer, in).name()),
                OnnxAttributes.ofInt("to", TensorProto.DataType.INT64_VALUE));
        return ctx.node("Gather", List.of(ctx.weight("embeddings", layer.embeddings().value()), ids),
                OnnxAttributes.ofInt("axis", 0));
    }

    /** A model used as a layer: its calls are written inline, named under the model's name. */
    static String model(OnnxExportContext ctx, Model model, List<OnnxValue> in) {
        List<OnnxValue> out = ctx.exportGraph(model.layerGraph(), in);
        if (out.size() != 1) {
            throw new IllegalArgumentException("ONNX export of '" + ctx.scope() + "': a model used as a layer must have"
                    + " one output, got " + out.size());
        }
        return out.get(0).name();
    }

    // ---------------------------------------------------------------- shared helpers

    /** The only input of {@code layer}, or an error naming it. */
    static OnnxValue single(Layer layer, List<OnnxValue> in) {
        if (in.size() != 1) {
            throw new IllegalArgumentException("ONNX export: " + layer.className() + " '" + layer.name()
                    + "' expects 1 input, got " + in.size());
        }
        return in.get(0);
    }

    /** The weight at {@code path} of {@link Layer#namedWeights()} ({@code kernel}, {@code query/bias}), or null. */
    static Tensor weight(Layer layer, String path) {
        Weight w = layer.namedWeights().get(path);
        return w == null ? null : w.value();
    }

    static double number(Map<String, Object> config, String key) {
        return ((Number) config.get(key)).doubleValue();
    }

    static int integer(Map<String, Object> config, String key) {
        return ((Number) config.get(key)).intValue();
    }

    /** A boolean, or {@code fallback} when the config leaves it out. */
    static boolean bool(Map<String, Object> config, String key, boolean fallback) {
        Object v = config.get(key);
        return v == null ? fallback : (Boolean) v;
    }

    static String string(Map<String, Object> config, String key) {
        return (String) config.get(key);
    }

    /** A list of whole numbers, or a single number as a list of one. */
    static int[] ints(Map<String, Object> config, String key) {
        Object v = config.get(key);
        if (v instanceof Number n) {
            return new int[] {n.intValue()};
        }
        return ((List<?>) v).stream().mapToInt(o -> ((Number) o).intValue()).toArray();
    }
}
