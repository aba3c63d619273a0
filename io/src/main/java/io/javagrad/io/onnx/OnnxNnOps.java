package io.javagrad.io.onnx;

import io.javagrad.core.ConvOptions;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/** Convolution, pooling and normalization ops on NCHW (or NCL) data. */
final class OnnxNnOps {
    private OnnxNnOps() {}

    static void register(Map<String, Function<OnnxNode, OnnxKernel>> ops) {
        ops.put("Conv", OnnxNnOps::conv);
        ops.put("MaxPool", n -> pool(n, true));
        ops.put("AveragePool", n -> pool(n, false));
        ops.put("GlobalAveragePool", n -> globalPool(n, false));
        ops.put("GlobalMaxPool", n -> globalPool(n, true));
        ops.put("BatchNormalization", OnnxNnOps::batchNormalization);
        ops.put("LayerNormalization", OnnxNnOps::layerNormalization);
    }

    /** {@code Conv(X, W[M, C / group, k...], B?)}; the kernel size comes from W (and must match kernel_shape). */
    private static OnnxKernel conv(OnnxNode node) {
        node.requireInputs(2, 3);
        node.allowAttributes("auto_pad", "dilations", "group", "kernel_shape", "pads", "strides");
        OnnxWindow window = new OnnxWindow(node);
        int groups = node.intAttr("group", 1, 1, Integer.MAX_VALUE);
        int[] kernelShape = node.smallIntsAttr("kernel_shape");
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            Tensor w = in.get(1).tensor(ctx.dtype());
            Tensor b = in.size() > 2 && in.get(2) != null ? in.get(2).tensor(ctx.dtype()) : null;
            if (w.rank() != x.rank() || x.rank() < 3) {
                throw node.error("input " + Shapes.str(x.shape()) + " and weight " + Shapes.str(w.shape())
                        + " must both be [N, C, spatial...] with the same rank");
            }
            int[] kernel = Arrays.copyOfRange(w.shape(), 2, w.rank());
            if (kernelShape != null && !Arrays.equals(kernelShape, kernel)) {
                throw node.error("kernel_shape " + Arrays.toString(kernelShape) + " does not match the weight "
                        + Shapes.str(w.shape()));
            }
            OnnxWindow.Geometry g = window.geometry(kernel, spatial(x));
            int[] p = g.padding();
            ConvOptions options = ConvOptions.of().stride(g.stride()[0], g.stride()[1])
                    .dilation(g.dilation()[0], g.dilation()[1]).padding(p[0], p[1], p[2], p[3]).groups(groups);
            boolean oneD = x.rank() == 3;
            Tensor y = (oneD ? x.unsqueeze(2) : x).conv2d(oneD ? w.unsqueeze(2) : w, b, options);
            return new Floats(oneD ? y.squeeze(2) : y);
        };
    }

    /**
     * MaxPool and AveragePool ({@code count_include_pad}, default 0). {@code ceil_mode=1} is accepted where it
     * gives the floor-mode size; MaxPool's dilations must be 1 and its Indices output unused.
     */
    private static OnnxKernel pool(OnnxNode node, boolean max) {
        node.requireInputs(1, 1);
        if (max) {
            node.allowAttributes("auto_pad", "ceil_mode", "dilations", "kernel_shape", "pads", "storage_order", "strides");
        } else {
            node.allowAttributes("auto_pad", "ceil_mode", "count_include_pad", "kernel_shape", "pads", "strides");
        }
        OnnxWindow window = new OnnxWindow(node);
        if (!window.undilated()) {
            throw node.error("dilated pooling is not supported");
        }
        int[] kernel = node.smallIntsAttr("kernel_shape");
        if (kernel == null) {
            throw node.error("missing attribute 'kernel_shape'");
        }
        boolean includePad = !max && node.intAttr("count_include_pad", 0, 0, 1) == 1;
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            if (x.rank() != kernel.length + 2) {
                throw node.error("input " + Shapes.str(x.shape()) + " does not fit kernel_shape " + Arrays.toString(kernel));
            }
            OnnxWindow.Geometry g = window.geometry(kernel, spatial(x));
            boolean oneD = x.rank() == 3;
            Tensor x2 = oneD ? x.unsqueeze(2) : x;
            Tensor y = max ? x2.maxPool2d(g.kernel(), g.stride(), g.padding())
                    : x2.avgPool2d(g.kernel(), g.stride(), g.padding(), includePad);
            return new Floats(oneD ? y.squeeze(2) : y);
        };
    }

    private static int[] spatial(Tensor x) {
        return Arrays.copyOfRange(x.shape(), 2, x.rank());
    }

    /** Mean or maximum over all spatial axes, kept as size 1. */
    private static OnnxKernel globalPool(OnnxNode node, boolean max) {
        node.requireInputs(1, 1);
        node.allowAttributes();
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            if (x.rank() < 3) {
                throw node.error("expected [N, C, spatial...], got " + Shapes.str(x.shape()));
            }
            int[] axes = new int[x.rank() - 2];
            Arrays.setAll(axes, i -> i + 2);
            return new Floats(max ? x.amax(axes, true) : x.mean(axes, true));
        };
    }

    /**
     * Inference-mode batch normalization over axis 1 with the stored mean and variance (imported as
     * non-trainable weights, so fine-tuning keeps them, as a frozen BatchNorm). The removed {@code spatial} and
     * {@code is_test} attributes of old files are ignored; {@code training_mode=1} is rejected.
     */
    private static OnnxKernel batchNormalization(OnnxNode node) {
        node.requireInputs(5, 5);
        node.allowAttributes("epsilon", "momentum", "spatial", "is_test", "training_mode");
        if (node.intAttr("training_mode", 0) != 0) {
            throw node.error("training_mode=1 (normalizing with batch statistics) is not supported");
        }
        double epsilon = node.floatAttr("epsilon", 1e-5f);
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            if (x.rank() < 2) {
                throw node.error("expected [N, C, ...], got " + Shapes.str(x.shape()));
            }
            int[] channel = new int[x.rank() - 1];
            Arrays.fill(channel, 1);
            channel[0] = x.shape(1);
            Tensor[] p = new Tensor[4]; // scale, bias, mean, variance
            for (int i = 0; i < 4; i++) {
                Tensor t = in.get(i + 1).tensor(ctx.dtype());
                if (t.numel() != x.shape(1)) {
                    throw node.error("input " + (i + 1) + " of shape " + Shapes.str(t.shape()) + " must hold "
                            + x.shape(1) + " values, one per channel of " + Shapes.str(x.shape()));
                }
                p[i] = t.reshape(channel);
            }
            return new Floats(x.sub(p[2]).div(p[3].add(epsilon).sqrt()).mul(p[0]).add(p[1]));
        };
    }

    /** {@code (X - mean) / sqrt(var + epsilon) * Scale + B} over the axes from {@code axis} on (opset 17). */
    private static OnnxKernel layerNormalization(OnnxNode node) {
        if (node.opset() < 17) {
            throw node.error("LayerNormalization is an op of opset 17 and later");
        }
        node.requireInputs(2, 3);
        node.allowAttributes("axis", "epsilon", "stash_type");
        long axis = node.intAttr("axis", -1);
        double epsilon = node.floatAttr("epsilon", 1e-5f);
        return (in, ctx) -> {
            Tensor x = in.get(0).tensor(ctx.dtype());
            int first = node.axis(axis, x.rank());
            int[] axes = new int[x.rank() - first];
            Arrays.setAll(axes, i -> first + i);
            Tensor centered = x.sub(x.mean(axes, true));
            Tensor variance = centered.square().mean(axes, true);
            Tensor y = centered.div(variance.add(epsilon).sqrt()).mul(in.get(1).tensor(ctx.dtype()));
            return new Floats(in.size() > 2 && in.get(2) != null ? y.add(in.get(2).tensor(ctx.dtype())) : y);
        };
    }
}
