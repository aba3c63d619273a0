package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Average pooling on NCHW inputs (Keras's {@code AveragePooling2D}); with {@code "same"} padding, windows that
 * overlap the border average only the input elements they cover, as Keras does.
 */
public final class AvgPool2D extends Pooling2D {
    /** A 2x2 window with stride 2 and valid padding. */
    public AvgPool2D() {
        this(new int[] {2, 2}, null, "valid");
    }

    /** A window of {@code poolSize}, moved by {@code strides} ({@code null}: the pool size), {@code "valid"} or {@code "same"}. */
    public AvgPool2D(int[] poolSize, int[] strides, String padding) {
        super("AveragePooling2D", poolSize, strides, padding);
    }

    @Override
    public String className() {
        return "AveragePooling2D";
    }

    @Override
    Tensor pool(Tensor x, int[] kernel, int[] stride, int[] pad) {
        return x.avgPool2d(kernel, stride, pad, false);
    }

    /** Rebuilds the layer from its config. */
    public static AvgPool2D fromConfig(Map<String, Object> config) {
        return Pooling2D.fromConfig(config, "AveragePooling2D config", AvgPool2D::new);
    }
}
