package io.javagrad.io.keras;

import io.javagrad.core.Autograd;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Layer;
import io.javagrad.layers.Weight;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How Javagrad weights map to the weights Keras stores, in both directions. Used at the file boundary only
 * (HDF5 save/load and Keras import); inside the library every layer keeps its own layout.
 *
 * <ul>
 *   <li>Conv2D kernels: Javagrad {@code [filters, in, kh, kw]} (OIHW) and Keras {@code [kh, kw, in, filters]} (HWIO).</li>
 *   <li>Dense kernels {@code [in, units]}, Embedding, LayerNormalization, BatchNormalization and the
 *       MultiHeadAttention projections ({@code query/kernel [d, heads, keyDim]}, ...) already have Keras's layout.</li>
 *   <li>Order: Keras lists a layer's trainable weights, then its non-trainable ones; for BatchNormalization
 *       that is {@code gamma, beta, moving_mean, moving_variance}.</li>
 *   <li>Dataset names (Keras 2): {@code <layer>/<weight path>:0}, e.g. {@code dense/kernel:0} or
 *       {@code mha/query/kernel:0}.</li>
 *   <li>A Dense layer after a Flatten of a channels-last feature map {@code [H, W, C]} takes its inputs in
 *       {@code (h, w, c)} order; after an NCHW Flatten in {@code (c, h, w)} order: its kernel rows are permuted.</li>
 * </ul>
 */
public final class KerasWeightLayout {
    private KerasWeightLayout() {}

    /** A layer's weights in Keras's order (trainable first, then non-trainable), keyed by weight path. */
    public static List<Map.Entry<String, Weight>> kerasOrder(Layer layer) {
        List<Map.Entry<String, Weight>> trainable = new ArrayList<>();
        List<Map.Entry<String, Weight>> frozen = new ArrayList<>();
        for (Map.Entry<String, Weight> e : layer.namedWeights().entrySet()) {
            (e.getValue().trainable() ? trainable : frozen).add(Map.entry(e.getKey(), e.getValue()));
        }
        trainable.addAll(frozen);
        return trainable;
    }

    /** The Keras 2 dataset name of a weight: {@code <layerName>/<weightPath>:0}. */
    public static String datasetName(String layerName, String weightPath) {
        return layerName + "/" + weightPath + ":0";
    }

    /**
     * The weight path inside the layer for a stored dataset name: {@code dense/kernel:0} (Keras 2) or
     * {@code sequential/dense/kernel} (Keras 3) in layer {@code dense} give {@code kernel}; names without the
     * layer's name give their last part.
     */
    public static String weightPath(String layerName, String datasetName) {
        String name = datasetName;
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            name = name.substring(0, colon);
        }
        String prefix = layerName + "/";
        if (name.startsWith(prefix)) {
            return name.substring(prefix.length());
        }
        int inside = name.lastIndexOf("/" + prefix);
        if (inside >= 0) {
            return name.substring(inside + 1 + prefix.length());
        }
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** The value Keras stores for the weight at {@code weightPath} of {@code layer} (a copy when converted). */
    public static Tensor toKeras(Layer layer, String weightPath, Tensor value) {
        return isConvKernel(layer, weightPath) ? conv2dKernelToKeras(value) : value;
    }

    /** The Javagrad value for a weight stored by Keras at {@code weightPath} of {@code layer}. */
    public static Tensor fromKeras(Layer layer, String weightPath, Tensor value) {
        return isConvKernel(layer, weightPath) ? conv2dKernelFromKeras(value) : value;
    }

    /** The shape Keras stores for a weight of {@code shape} at {@code weightPath} of {@code layer}. */
    public static int[] kerasShape(Layer layer, String weightPath, int[] shape) {
        if (!isConvKernel(layer, weightPath)) {
            return shape.clone();
        }
        requireRank4(shape, "Conv2D kernel");
        return new int[] {shape[2], shape[3], shape[1], shape[0]};
    }

    /** OIHW {@code [filters, in, kh, kw]} to HWIO {@code [kh, kw, in, filters]}, as a new contiguous tensor. */
    public static Tensor conv2dKernelToKeras(Tensor oihw) {
        requireRank4(oihw.shape(), "Conv2D kernel");
        return copy(oihw.detach().permute(2, 3, 1, 0));
    }

    /** HWIO {@code [kh, kw, in, filters]} to OIHW {@code [filters, in, kh, kw]}, as a new contiguous tensor. */
    public static Tensor conv2dKernelFromKeras(Tensor hwio) {
        requireRank4(hwio.shape(), "Keras Conv2D kernel");
        return copy(hwio.detach().permute(3, 2, 0, 1));
    }

    /**
     * Reorders the rows of a Dense kernel {@code [H*W*C, units]} that follows a channels-last Flatten so that it
     * follows an NCHW Flatten: row {@code (h, w, c)} becomes row {@code (c, h, w)}.
     */
    public static Tensor denseKernelFromChannelsLast(Tensor kernel, int channels, int height, int width) {
        int units = checkFlattenedKernel(kernel, channels, height, width);
        return copy(kernel.detach().reshape(height, width, channels, units).permute(2, 0, 1, 3))
                .reshape(channels * height * width, units);
    }

    /** The inverse of {@link #denseKernelFromChannelsLast}: rows {@code (c, h, w)} to rows {@code (h, w, c)}. */
    public static Tensor denseKernelToChannelsLast(Tensor kernel, int channels, int height, int width) {
        int units = checkFlattenedKernel(kernel, channels, height, width);
        return copy(kernel.detach().reshape(channels, height, width, units).permute(1, 2, 0, 3))
                .reshape(channels * height * width, units);
    }

    private static boolean isConvKernel(Layer layer, String weightPath) {
        int slash = weightPath.lastIndexOf('/');
        Layer owner = slash < 0 ? layer : sublayer(layer, weightPath.substring(0, slash));
        return owner instanceof Conv2D && weightPath.substring(slash + 1).equals("kernel");
    }

    private static Layer sublayer(Layer layer, String path) {
        Layer current = layer;
        for (String part : path.split("/")) {
            Layer next = null;
            for (Layer sub : current.sublayers()) {
                if (part.equals(sub.name())) {
                    next = sub;
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static int checkFlattenedKernel(Tensor kernel, int channels, int height, int width) {
        if (kernel.rank() != 2 || (long) channels * height * width != kernel.shape(0)) {
            throw new IllegalArgumentException("Dense kernel after Flatten: expected shape [" + channels + "*" + height
                    + "*" + width + ", units], got " + Shapes.str(kernel.shape()));
        }
        return kernel.shape(1);
    }

    private static void requireRank4(int[] shape, String what) {
        if (shape.length != 4) {
            throw new IllegalArgumentException(what + ": expected rank 4, got shape " + Shapes.str(shape));
        }
    }

    private static Tensor copy(Tensor view) {
        try (Autograd.Scope s = Autograd.noGrad()) {
            return view.cloneTensor(); // a contiguous copy
        }
    }
}
