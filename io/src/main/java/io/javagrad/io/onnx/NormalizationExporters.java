package io.javagrad.io.onnx;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.LayerNorm;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** ONNX exporters of BatchNorm and LayerNorm, in inference mode. */
final class NormalizationExporters {
    private NormalizationExporters() {}

    /**
     * BatchNormalization with the moving statistics. On channel axis 1 (NCHW, or [N, C]) it is ONNX's
     * {@code BatchNormalization} (epsilon written; ONNX's momentum, the weight of the running statistic, is
     * Keras's). On another axis it is folded into {@code x * a + b} with {@code a = gamma / sqrt(var + epsilon)}
     * and {@code b = beta - mean * a}, broadcast along that axis.
     */
    static String batchNorm(OnnxExportContext ctx, BatchNorm layer, List<OnnxValue> in) {
        OnnxValue x = LayerExporters.single(layer, in);
        Map<String, Object> c = layer.getConfig();
        double epsilon = LayerExporters.number(c, "epsilon");
        int axis = LayerExporters.integer(c, "axis");
        int channel = axis < 0 ? axis + x.rank() : axis;
        Tensor mean = layer.movingMean().value();
        Tensor variance = layer.movingVariance().value();
        Tensor gamma = orElse(LayerExporters.weight(layer, "gamma"), Tensor.ones(mean.dtype(), mean.shape()));
        Tensor beta = orElse(LayerExporters.weight(layer, "beta"), Tensor.zeros(mean.dtype(), mean.shape()));
        if (channel == 1) {
            return ctx.node("BatchNormalization", List.of(x.name(), ctx.weight("gamma", gamma), ctx.weight("beta", beta),
                    ctx.weight("moving_mean", mean), ctx.weight("moving_variance", variance)),
                    OnnxAttributes.ofFloat("epsilon", epsilon),
                    OnnxAttributes.ofFloat("momentum", LayerExporters.number(c, "momentum")));
        }
        Tensor a = gamma.to(DType.FLOAT64).div(variance.to(DType.FLOAT64).add(epsilon).sqrt());
        Tensor b = beta.to(DType.FLOAT64).sub(mean.to(DType.FLOAT64).mul(a));
        int[] shape = broadcastShape(x.rank(), new int[] {channel}, mean.shape());
        String scaled = ctx.node("Mul", List.of(x.name(), ctx.weight("scale", a.reshape(shape))));
        return ctx.node("Add", List.of(scaled, ctx.weight("shift", b.reshape(shape))));
    }

    /**
     * LayerNormalization: ONNX's {@code LayerNormalization} when the normalised axes are the last ones (the
     * usual case); otherwise written out with {@code ReduceMean}, {@code Sub}, {@code Mul}, {@code Sqrt},
     * {@code Div} over those axes.
     */
    static String layerNorm(OnnxExportContext ctx, LayerNorm layer, List<OnnxValue> in) {
        OnnxValue x = LayerExporters.single(layer, in);
        Map<String, Object> c = layer.getConfig();
        double epsilon = LayerExporters.number(c, "epsilon");
        int[] axes = Arrays.stream(LayerExporters.ints(c, "axis")).map(a -> a < 0 ? a + x.rank() : a).sorted().toArray();
        Tensor gamma = LayerExporters.weight(layer, "gamma");
        Tensor beta = LayerExporters.weight(layer, "beta");
        boolean trailing = axes[axes.length - 1] == x.rank() - 1 && axes[axes.length - 1] - axes[0] == axes.length - 1;
        if (trailing) {
            int[] normalized = Arrays.copyOfRange(x.shape(), axes[0], x.rank());
            List<String> inputs = new ArrayList<>(List.of(x.name(),
                    ctx.weight("gamma", gamma != null ? gamma : Tensor.ones(DType.FLOAT32, normalized))));
            if (beta != null) {
                inputs.add(ctx.weight("beta", beta));
            }
            return ctx.node("LayerNormalization", inputs, OnnxAttributes.ofInt("axis", axes[0]),
                    OnnxAttributes.ofFloat("epsilon", epsilon));
        }
        long[] reduce = Arrays.stream(axes).asLongStream().toArray();
        String mean = ctx.node("ReduceMean", List.of(x.name()), OnnxAttributes.ofInts("axes", reduce),
                OnnxAttributes.ofInt("keepdims", 1));
        String centred = ctx.node("Sub", List.of(x.name(), mean));
        String variance = ctx.node("ReduceMean", List.of(ctx.node("Mul", List.of(centred, centred))),
                OnnxAttributes.ofInts("axes", reduce), OnnxAttributes.ofInt("keepdims", 1));
        String std = ctx.node("Sqrt", List.of(ctx.node("Add", List.of(variance, ctx.scalar("epsilon", epsilon)))));
        String y = ctx.node("Div", List.of(centred, std));
        if (gamma != null) {
            y = ctx.node("Mul", List.of(y, ctx.weight("gamma", gamma.reshape(broadcastShape(x.rank(), axes, gamma.shape())))));
        }
        if (beta != null) {
            y = ctx.node("Add", List.of(y, ctx.weight("beta", beta.reshape(broadcastShape(x.rank(), axes, beta.shape())))));
        }
        return y;
    }

    private static Tensor orElse(Tensor t, Tensor fallback) {
        return t != null ? t : fallback;
    }

    /** A shape of {@code rank} ones with {@code sizes} at {@code axes}, to broadcast per-axis parameters. */
    private static int[] broadcastShape(int rank, int[] axes, int[] sizes) {
        int[] shape = new int[rank];
        Arrays.fill(shape, 1);
        for (int i = 0; i < axes.length; i++) {
            shape[axes[i]] = sizes[i];
        }
        return shape;
    }
}
