package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Map;

/** The maximum over height and width of NCHW inputs: {@code [N, C, H, W] -> [N, C]}. */
public final class GlobalMaxPooling2D extends GlobalPooling2D {
    /** Drops the reduced axes. */
    public GlobalMaxPooling2D() {
        this(false);
    }

    /** With {@code keepDims}, the output keeps the reduced axes with size 1. */
    public GlobalMaxPooling2D(boolean keepDims) {
        super(keepDims);
    }

    @Override
    Tensor reduce(Tensor x, int[] axes, boolean keep) {
        return x.amax(axes, keep);
    }

    /** Rebuilds the layer from its config. */
    public static GlobalMaxPooling2D fromConfig(Map<String, Object> config) {
        return GlobalPooling2D.fromConfig(config, "GlobalMaxPooling2D config", GlobalMaxPooling2D::new);
    }
}
