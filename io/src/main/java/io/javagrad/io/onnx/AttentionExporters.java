package io.javagrad.io.onnx;

import com.google.protobuf.ByteString;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.layers.Layer;
import io.javagrad.layers.MultiHeadAttention;
import io.javagrad.layers.PositionalEncoding;
import io.javagrad.layers.TransformerEncoderBlock;
import java.util.List;
import java.util.Map;

/** ONNX exporters of the attention layers, decomposed into opset-17 operators (ONNX's Attention needs opset 23). */
final class AttentionExporters {
    /** What masked scores are replaced with, as in the layer. */
    private static final double MASKED = -1e9;

    private AttentionExporters() {}

    /**
     * MultiHeadAttention, for inputs [query], [query, value], [query, value, key] or [query, value, key, mask]:
     * per projection MatMul + Add with the kernel reshaped to [d, heads * dim], Reshape to [0, 0, heads, dim] and
     * Transpose to [B, heads, T, dim] (the key to [B, heads, dim, T]); the query scaled by 1 / sqrt(keyDim);
     * scores by MatMul; masked positions (mask == 0, later positions under the causal mask) set to -1e9 with
     * {@code Where}; Softmax on the last axis; MatMul with the values; Transpose and Reshape back to
     * [B, Tq, heads * valueDim]; the output projection.
     */
    static String multiHeadAttention(OnnxExportContext ctx, MultiHeadAttention layer, List<OnnxValue> in) {
        if (in.isEmpty() || in.size() > 4) {
            throw new IllegalArgumentException("ONNX export: MultiHeadAttention '" + layer.name()
                    + "' expects 1 to 4 inputs, got " + in.size());
        }
        Map<String, Object> c = layer.getConfig();
        int heads = LayerExporters.integer(c, "num_heads");
        int keyDim = LayerExporters.integer(c, "key_dim");
        int valueDim = LayerExporters.integer(c, "value_dim");
        OnnxValue q = in.get(0);
        OnnxValue v = in.size() > 1 ? in.get(1) : q;
        OnnxValue k = in.size() > 2 ? in.get(2) : v;
        String qh = ctx.node("Mul", List.of(heads(ctx, layer, "query", q, heads, keyDim, 0, 2, 1, 3),
                ctx.scalar("scale", 1 / Math.sqrt(keyDim))));
        String kh = heads(ctx, layer, "key", k, heads, keyDim, 0, 2, 3, 1);
        String vh = heads(ctx, layer, "value", v, heads, valueDim, 0, 2, 1, 3);
        String scores = ctx.node("MatMul", List.of(qh, kh));
        String allowed = allowedPositions(ctx, in.size() == 4 ? in.get(3) : null,
                LayerExporters.bool(c, "use_causal_mask", false), q.dim(1), v.dim(1));
        if (allowed != null) {
            scores = ctx.node("Where", List.of(allowed, scores, ctx.scalar("masked", MASKED)));
        }
        String weights = ctx.node("Softmax", List.of(scores), OnnxAttributes.ofInt("axis", -1));
        String context = ctx.node("Transpose", List.of(ctx.node("MatMul", List.of(weights, vh))),
                OnnxAttributes.ofInts("perm", 0, 2, 1, 3));
        String merged = ctx.node("Reshape", List.of(context, ctx.int64s("shape", 0, 0, (long) heads * valueDim)));
        return project(ctx, layer, "attention_output", merged, heads * valueDim);
    }

    /** One of the query, key and value projections, split into heads and transposed by {@code perm}. */
    private static String heads(OnnxExportContext ctx, Layer layer, String part, OnnxValue x, int heads, int dim,
                                long... perm) {
        String projected = project(ctx, layer, part, x.name(), x.dim(-1));
        String split = ctx.node("Reshape", List.of(projected, ctx.int64s("shape", 0, 0, heads, dim)));
        return ctx.node("Transpose", List.of(split), OnnxAttributes.ofInts("perm", perm));
    }

    /** {@code x @ kernel + bias} of the projection {@code part}, its kernel flattened to [inputs, outputs]. */
    private static String project(OnnxExportContext ctx, Layer layer, String part, String x, int inputs) {
        Tensor kernel = LayerExporters.weight(layer, part + "/kernel");
        Tensor bias = LayerExporters.weight(layer, part + "/bias");
        String y = ctx.node("MatMul", List.of(x, ctx.weight(part + "/kernel", kernel.reshape(inputs, -1))));
        return bias == null ? y : ctx.node("Add", List.of(y, ctx.weight(part + "/bias", bias.reshape(-1))));
    }

    /** A BOOL value broadcastable to [B, heads, Tq, Tv], true where attending is allowed; null when all is. */
    private static String allowedPositions(OnnxExportContext ctx, OnnxValue mask, boolean causal, int tq, int tv) {
        String allowed = null;
        if (mask != null) {
            String zero = ctx.node("Equal", List.of(mask.name(), ctx.scalar("zero", 0)));
            allowed = ctx.node("Unsqueeze", List.of(ctx.node("Not", List.of(zero)), ctx.int64s("axes", 1)));
        }
        if (causal) {
            byte[] lower = new byte[tq * tv];
            for (int i = 0; i < tq; i++) {
                for (int j = 0; j <= i && j < tv; j++) {
                    lower[i * tv + j] = 1;
                }
            }
            String triangle = ctx.initializer(TensorProto.newBuilder().setName("causal_mask")
                    .setDataType(TensorProto.DataType.BOOL_VALUE).addDims(tq).addDims(tv)
                    .setRawData(ByteString.copyFrom(lower)).build());
            allowed = allowed == null ? triangle : ctx.node("And", List.of(allowed, triangle));
        }
        return allowed;
    }

    /** PositionalEncoding: {@code Add} of the [T, D] table for the model's fixed sequence length T. */
    static String positionalEncoding(OnnxExportContext ctx, PositionalEncoding layer, List<OnnxValue> in) {
        OnnxValue x = LayerExporters.single(layer, in);
        if (x.rank() != 3) {
            throw new IllegalArgumentException("ONNX export: PositionalEncoding '" + layer.name()
                    + "' expects a [B, T, D] input, got " + x);
        }
        Tensor table = layer.encoding(x.dim(1), x.dim(2), DType.FLOAT32);
        return ctx.node("Add", List.of(x.name(), ctx.weight("encoding", table)));
    }

    /** TransformerEncoderBlock: its sublayers through their own exporters, with the two residual Adds. */
    static String transformerEncoderBlock(OnnxExportContext ctx, TransformerEncoderBlock layer, List<OnnxValue> in) {
        OnnxValue x = LayerExporters.single(layer, in);
        OnnxValue attended = ctx.export(part(layer, "self_attention_dropout"),
                List.of(ctx.export(part(layer, "self_attention"), List.of(x))));
        OnnxValue residual = new OnnxValue(ctx.node("Add", List.of(x.name(), attended.name())), x.shape());
        OnnxValue normed = ctx.export(part(layer, "self_attention_norm"), List.of(residual));
        OnnxValue hidden = ctx.export(part(layer, "ffn_intermediate"), List.of(normed));
        OnnxValue ffn = ctx.export(part(layer, "ffn_dropout"),
                List.of(ctx.export(part(layer, "ffn_output"), List.of(hidden))));
        OnnxValue residual2 = new OnnxValue(ctx.node("Add", List.of(normed.name(), ffn.name())), x.shape());
        return ctx.export(part(layer, "ffn_norm"), List.of(residual2)).name();
    }

    private static Layer part(Layer layer, String name) {
        for (Layer sub : layer.sublayers()) {
            if (sub.name().equals(name)) {
                return sub;
            }
        }
        throw new IllegalArgumentException("ONNX export: " + layer.className() + " '" + layer.name()
                + "' has no part named '" + name + "'");
    }
}
