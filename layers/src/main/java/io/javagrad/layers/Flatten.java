package io.javagrad.layers;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/**
 * Flattens every axis but the batch axis, in row-major order: {@code [N, C, H, W] -> [N, C*H*W]}. Inputs are
 * NCHW, so the order is channel-major (as in PyTorch); Keras files, which flatten NHWC, are converted by the
 * importer, never here.
 */
public final class Flatten extends Layer {
    /** The layer. */
    public Flatten() {
        super(null);
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        if (input.rank() < 1) {
            throw new IllegalArgumentException(describe() + ": expected an input with a batch axis, got shape "
                    + Shapes.str(input.shape()));
        }
        int features = 1;
        for (int i = 1; i < input.rank(); i++) {
            features *= input.shape(i);
        }
        return input.reshape(input.shape(0), features);
    }

    /** Rebuilds the layer from its config. */
    public static Flatten fromConfig(Map<String, Object> config) {
        Flatten f = new Flatten();
        f.applyBaseConfig(config);
        return f;
    }
}
