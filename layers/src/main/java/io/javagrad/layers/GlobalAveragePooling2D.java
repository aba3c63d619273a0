package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** The mean over height and width of NCHW inputs: {@code [N, C, H, W] -> [N, C]}. */
public final class GlobalAveragePooling2D extends GlobalPooling2D {
    /** Drops the reduced axes. */
    public GlobalAveragePooling2D() {
        this(false);
    }

    /** With {@code keepDims}, the output keeps the reduced axes with size 1. */
    public GlobalAveragePooling2D(boolean keepDims) {
        super(keepDims);
    }

    @Override
    Tensor reduce(Tensor x, int[] axes, boolean keep) {
        return x.mean(axes, keep);
    }

    /** Rebuilds the layer from its config. */
    public static GlobalAveragePooling2D fromConfig(Map<String, Object> config) {
        return GlobalPooling2D.fromConfig(config, "GlobalAveragePooling2D config", GlobalAveragePooling2D::new);
    }
}
