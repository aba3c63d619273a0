package io.javagrad.io.onnx;

import io.javagrad.core.ConvOptions;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.layers.AvgPool2D;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.GlobalPooling2D;
import io.javagrad.layers.Layer;
import io.javagrad.layers.MaxPool2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** ONNX exporters of the NCHW convolution and pooling layers; "same" padding becomes explicit {@code pads}. */
final class ConvExporters {
    private ConvExporters() {}

    /** Conv2D: {@code Conv} (the kernel is already [filters, C, kh, kw]) then the activation. */
    static String conv2d(OnnxExportContext ctx, Conv2D layer, List<OnnxValue> in) {
        OnnxValue x = LayerExporters.single(layer, in);
        Map<String, Object> c = layer.getConfig();
        int[] kernel = LayerExporters.ints(c, "kernel_size");
        int[] strides = LayerExporters.ints(c, "strides");
        int[] dilations = LayerExporters.ints(c, "dilation_rate");
        List<String> inputs = new ArrayList<>(List.of(x.name(), ctx.weight("kernel", layer.kernel().value())));
        if (layer.bias() != null) {
            inputs.add(ctx.weight("bias", layer.bias().value()));
        }
        String y = ctx.node("Conv", inputs, OnnxAttributes.ofInts("kernel_shape", longs(kernel)),
                OnnxAttributes.ofInts("strides", longs(strides)), OnnxAttributes.ofInts("dilations", longs(dilations)),
                pads(x, LayerExporters.string(c, "padding"), kernel, strides, dilations),
                OnnxAttributes.ofInt("group", 1));
        return ctx.activation(LayerExporters.string(c, "activation"), y);
    }

    /** MaxPooling2D: {@code MaxPool}. */
    static String maxPool(OnnxExportContext ctx, MaxPool2D layer, List<OnnxValue> in) {
        return pool(ctx, layer, in, "MaxPool");
    }

    /** AveragePooling2D: {@code AveragePool}; padding is never counted (Keras's "same"), so count_include_pad=0. */
    static String avgPool(OnnxExportContext ctx, AvgPool2D layer, List<OnnxValue> in) {
        return pool(ctx, layer, in, "AveragePool", OnnxAttributes.ofInt("count_include_pad", 0));
    }

    /** GlobalAveragePooling2D: {@code GlobalAveragePool}, then {@code Flatten} unless the layer keeps the axes. */
    static String globalAvgPool(OnnxExportContext ctx, GlobalPooling2D layer, List<OnnxValue> in) {
        return globalPool(ctx, layer, in, "GlobalAveragePool");
    }

    /** GlobalMaxPooling2D: {@code GlobalMaxPool}, then {@code Flatten} unless the layer keeps the axes. */
    static String globalMaxPool(OnnxExportContext ctx, GlobalPooling2D layer, List<OnnxValue> in) {
        return globalPool(ctx, layer, in, "GlobalMaxPool");
    }

    private static String pool(OnnxExportContext ctx, Layer layer, List<OnnxValue> in, String op,
                               AttributeProto... extra) {
        OnnxValue x = LayerExporters.single(layer, in);
        Map<String, Object> c = layer.getConfig();
        int[] size = LayerExporters.ints(c, "pool_size");
        int[] strides = LayerExporters.ints(c, "strides");
        List<AttributeProto> attributes = new ArrayList<>(List.of(OnnxAttributes.ofInts("kernel_shape", longs(size)),
                OnnxAttributes.ofInts("strides", longs(strides)),
                pads(x, LayerExporters.string(c, "padding"), size, strides, new int[] {1, 1})));
        attributes.addAll(List.of(extra));
        return ctx.node(op, List.of(x.name()), attributes.toArray(AttributeProto[]::new));
    }

    private static String globalPool(OnnxExportContext ctx, GlobalPooling2D layer, List<OnnxValue> in, String op) {
        String y = ctx.node(op, List.of(LayerExporters.single(layer, in).name()));
        return LayerExporters.bool(layer.getConfig(), "keepdims", false) ? y
                : ctx.node("Flatten", List.of(y), OnnxAttributes.ofInt("axis", 1));
    }

    /** ONNX {@code pads} [top, left, bottom, right] of {@code "valid"} (none) or {@code "same"} padding. */
    private static AttributeProto pads(OnnxValue x, String padding, int[] kernel, int[] strides, int[] dilations) {
        if (padding.equals("valid")) {
            return OnnxAttributes.ofInts("pads", 0, 0, 0, 0);
        }
        int[] h = ConvOptions.samePadding(x.dim(2), kernel[0], strides[0], dilations[0]);
        int[] w = ConvOptions.samePadding(x.dim(3), kernel[1], strides[1], dilations[1]);
        return OnnxAttributes.ofInts("pads", h[0], w[0], h[1], w[1]);
    }

    private static long[] longs(int[] values) {
        long[] out = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
