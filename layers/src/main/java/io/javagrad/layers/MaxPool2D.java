package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** Max pooling on NCHW inputs (Keras's {@code MaxPooling2D}); padding never wins the maximum. */
public final class MaxPool2D extends Pooling2D {
    /** A 2x2 window with stride 2 and valid padding. */
    public MaxPool2D() {
        this(new int[] {2, 2}, null, "valid");
    }

    /** A window of {@code poolSize}, moved by {@code strides} ({@code null}: the pool size), {@code "valid"} or {@code "same"}. */
    public MaxPool2D(int[] poolSize, int[] strides, String padding) {
        super("MaxPooling2D", poolSize, strides, padding);
    }

    @Override
    public String className() {
        return "MaxPooling2D";
    }

    @Override
    Tensor pool(Tensor x, int[] kernel, int[] stride, int[] pad) {
        return x.maxPool2d(kernel, stride, pad);
    }

    /** Rebuilds the layer from its config. */
    public static MaxPool2D fromConfig(Map<String, Object> config) {
        return Pooling2D.fromConfig(config, "MaxPooling2D config", MaxPool2D::new);
    }
}
