package io.javagrad.io.onnx;

import io.javagrad.layers.Activation;
import io.javagrad.layers.ELU;
import io.javagrad.layers.LeakyReLU;
import io.javagrad.layers.ReLU;
import io.javagrad.layers.Softmax;
import java.util.List;
import java.util.Map;

/** ONNX exporters of the activation layers, and the named activations of Dense, Conv2D and Activation. */
final class ActivationExporters {
    private ActivationExporters() {}

    /** Applies the activation named {@code function} (an {@code ActivationFunction} name) to {@code x}. */
    static String apply(OnnxExportContext ctx, String function, String x) {
        return switch (function) {
            case "linear" -> x;
            case "relu" -> ctx.node("Relu", List.of(x));
            case "sigmoid" -> ctx.node("Sigmoid", List.of(x));
            case "tanh" -> ctx.node("Tanh", List.of(x));
            case "softplus" -> ctx.node("Softplus", List.of(x));
            case "softmax" -> ctx.node("Softmax", List.of(x), OnnxAttributes.ofInt("axis", -1));
            case "leaky_relu" -> ctx.node("LeakyRelu", List.of(x), OnnxAttributes.ofFloat("alpha", 0.2));
            case "elu" -> ctx.node("Elu", List.of(x), OnnxAttributes.ofFloat("alpha", 1.0));
            case "gelu" -> gelu(ctx, x);
            default -> throw new IllegalArgumentException("ONNX export of '" + ctx.scope() + "': the activation '"
                    + function + "' has no ONNX translation");
        };
    }

    /** The exact GELU, {@code 0.5 x (1 + erf(x / sqrt 2))} ({@code Gelu} itself needs opset 20). */
    private static String gelu(OnnxExportContext ctx, String x) {
        String scaled = ctx.node("Mul", List.of(x, ctx.scalar("sqrt_half", Math.sqrt(0.5))));
        String erf = ctx.node("Erf", List.of(scaled));
        String onePlus = ctx.node("Add", List.of(erf, ctx.scalar("one", 1)));
        String product = ctx.node("Mul", List.of(x, onePlus));
        return ctx.node("Mul", List.of(product, ctx.scalar("half", 0.5)));
    }

    static String activation(OnnxExportContext ctx, Activation layer, List<OnnxValue> in) {
        return apply(ctx, layer.function().name(), LayerExporters.single(layer, in).name());
    }

    /** Keras's ReLU: {@code Relu} by default, else a threshold and slope ({@code Where}) and a cap ({@code Min}). */
    static String relu(OnnxExportContext ctx, ReLU layer, List<OnnxValue> in) {
        String x = LayerExporters.single(layer, in).name();
        Map<String, Object> c = layer.getConfig();
        double slope = LayerExporters.number(c, "negative_slope");
        double threshold = LayerExporters.number(c, "threshold");
        String y;
        if (threshold == 0) {
            y = slope == 0 ? ctx.node("Relu", List.of(x)) : ctx.node("LeakyRelu", List.of(x), OnnxAttributes.ofFloat("alpha", slope));
        } else {
            String t = ctx.scalar("threshold", threshold);
            String below = ctx.node("Mul", List.of(ctx.node("Sub", List.of(x, t)), ctx.scalar("negative_slope", slope)));
            y = ctx.node("Where", List.of(ctx.node("GreaterOrEqual", List.of(x, t)), x, below));
        }
        return c.get("max_value") == null ? y
                : ctx.node("Min", List.of(y, ctx.scalar("max_value", LayerExporters.number(c, "max_value"))));
    }

    static String leakyRelu(OnnxExportContext ctx, LeakyReLU layer, List<OnnxValue> in) {
        return ctx.node("LeakyRelu", List.of(LayerExporters.single(layer, in).name()),
                OnnxAttributes.ofFloat("alpha", LayerExporters.number(layer.getConfig(), "negative_slope")));
    }

    static String elu(OnnxExportContext ctx, ELU layer, List<OnnxValue> in) {
        return ctx.node("Elu", List.of(LayerExporters.single(layer, in).name()),
                OnnxAttributes.ofFloat("alpha", LayerExporters.number(layer.getConfig(), "alpha")));
    }

    static String softmax(OnnxExportContext ctx, Softmax layer, List<OnnxValue> in) {
        return ctx.node("Softmax", List.of(LayerExporters.single(layer, in).name()),
                OnnxAttributes.ofInt("axis", LayerExporters.integer(layer.getConfig(), "axis")));
    }
}
