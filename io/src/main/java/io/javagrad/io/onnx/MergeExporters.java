package io.javagrad.io.onnx;

import io.javagrad.layers.Concatenate;
import io.javagrad.layers.Merge;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX exporters of the merge layers: {@code Concat}; {@code Add}, {@code Sub} and {@code Mul} chained over the
 * inputs; the variadic {@code Mean}, {@code Max} and {@code Min}. ONNX broadcasts from the last axis, so an input
 * with fewer axes is first reshaped to Keras's alignment (size-1 axes right after the batch axis).
 */
final class MergeExporters {
    private MergeExporters() {}

    /** Concatenate: {@code Concat} on the axis counted from the front (the batch axis is 0 in both). */
    static String concatenate(OnnxExportContext ctx, Concatenate layer, List<OnnxValue> in) {
        int rank = in.get(0).rank();
        int axis = layer.axis() < 0 ? layer.axis() + rank : layer.axis();
        return ctx.node("Concat", names(in), OnnxAttributes.ofInt("axis", axis));
    }

    /** Add, Subtract, Multiply: the binary {@code opType} applied from the first input to the last. */
    static <L extends Merge> OnnxLayerExporter<L> chained(String opType) {
        return (ctx, layer, in) -> {
            List<String> xs = aligned(ctx, in);
            String out = xs.get(0);
            for (String x : xs.subList(1, xs.size())) {
                out = ctx.node(opType, List.of(out, x));
            }
            return out;
        };
    }

    /** Average, Maximum, Minimum: the variadic {@code opType} over all inputs. */
    static <L extends Merge> OnnxLayerExporter<L> variadic(String opType) {
        return (ctx, layer, in) -> ctx.node(opType, aligned(ctx, in));
    }

    /** The inputs' names, those with fewer axes than the others reshaped to {@code [batch, 1, ..., dims]}. */
    private static List<String> aligned(OnnxExportContext ctx, List<OnnxValue> in) {
        int rank = in.stream().mapToInt(OnnxValue::rank).max().orElseThrow();
        List<String> out = new ArrayList<>();
        for (OnnxValue v : in) {
            if (v.rank() == rank) {
                out.add(v.name());
                continue;
            }
            long[] shape = new long[rank];
            Arrays.fill(shape, 1);
            shape[0] = 0;
            for (int i = 1; i < v.rank(); i++) {
                shape[rank - v.rank() + i] = v.dim(i);
            }
            out.add(ctx.node("Reshape", List.of(v.name(), ctx.int64s("shape", shape))));
        }
        return out;
    }

    private static List<String> names(List<OnnxValue> in) {
        return in.stream().map(OnnxValue::name).toList();
    }
}
