package io.javagrad.layers;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/** Reshapes each sample to {@code targetShape} (batch axis excluded); one entry may be -1, inferred. */
public final class Reshape extends Layer {
    private final int[] targetShape;

    /** The layer; {@code targetShape} holds positive sizes and at most one -1. */
    public Reshape(int... targetShape) {
        super(null);
        int unknown = 0;
        for (int s : targetShape) {
            if (s == -1) {
                unknown++;
            } else if (s <= 0) {
                unknown = 2;
            }
        }
        if (unknown > 1) {
            throw new IllegalArgumentException("Reshape: target shape must hold positive sizes and at most one -1, got "
                    + Shapes.str(targetShape));
        }
        this.targetShape = targetShape.clone();
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        int[] in = input.shape();
        int perSample = input.rank() == 0 ? -1 : Shapes.numel(in) / Math.max(1, in[0]);
        int known = 1;
        int inferred = -1;
        for (int i = 0; i < targetShape.length; i++) {
            if (targetShape[i] == -1) {
                inferred = i;
            } else {
                known *= targetShape[i];
            }
        }
        boolean fits = input.rank() > 0 && (inferred < 0 ? known == perSample : perSample % known == 0);
        if (!fits) {
            throw new IllegalArgumentException(describe() + ": cannot reshape input of shape " + Shapes.str(in)
                    + " to target shape " + Shapes.str(targetShape) + " per sample (" + perSample
                    + " values per sample)");
        }
        int[] out = new int[targetShape.length + 1];
        out[0] = in[0];
        System.arraycopy(targetShape, 0, out, 1, targetShape.length);
        if (inferred >= 0) {
            out[inferred + 1] = perSample / known;
        }
        return input.reshape(out);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("target_shape", Configs.list(targetShape));
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static Reshape fromConfig(Map<String, Object> config) {
        Reshape r = new Reshape(Configs.ints(config, "target_shape", "Reshape config", 1));
        r.applyBaseConfig(config);
        return r;
    }
}
