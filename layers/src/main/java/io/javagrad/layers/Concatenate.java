package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Joins two or more inputs along one axis (the last by default, as in Keras; counted with the batch axis, which
 * cannot be joined). The inputs must have the same shape on every other axis. Images are NCHW here: join
 * channels with axis 1.
 */
public final class Concatenate extends Merge {
    private final int axis;

    /** Joins along the last axis. */
    public Concatenate() {
        this(-1);
    }

    /** Joins along {@code axis} (negative counts from the end; not 0, the batch axis). */
    public Concatenate(int axis) {
        if (axis == 0) {
            throw new IllegalArgumentException("Concatenate: axis 0 is the batch axis and cannot be joined");
        }
        this.axis = axis;
    }

    /** The axis as given (negative counts from the end). */
    public int axis() {
        return axis;
    }

    @Override
    List<Tensor> align(List<Tensor> inputs) {
        int rank = inputs.get(0).rank();
        int joined = axis < 0 ? axis + rank : axis;
        if (joined < 1 || joined >= rank) {
            throw shapeError("axis " + axis + " is not an axis after the batch axis of the inputs", inputs);
        }
        int[] first = inputs.get(0).shape();
        for (Tensor x : inputs) {
            int[] s = x.shape();
            s[joined] = first[joined];
            if (!Arrays.equals(s, first)) {
                throw shapeError("inputs must have the same shape except on the concatenation axis " + axis, inputs);
            }
        }
        return inputs;
    }

    @Override
    Tensor merge(List<Tensor> inputs) {
        return Tensor.concat(inputs, axis);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static Concatenate fromConfig(Map<String, Object> config) {
        Concatenate c = new Concatenate(Configs.integer(config, "axis", "Concatenate config", -1));
        c.applyBaseConfig(config);
        return c;
    }
}
