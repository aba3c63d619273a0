package io.javagrad.layers;

import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.Map;

/** Softmax along one axis (the last by default, as in Keras). */
public final class Softmax extends Layer {
    private final int axis;

    /** Softmax over the last axis. */
    public Softmax() {
        this(-1);
    }

    /** Softmax over {@code axis} (negative counts from the end). */
    public Softmax(int axis) {
        super(null);
        this.axis = axis;
    }

    @Override
    protected Tensor forward(Tensor input, boolean training) {
        if (axis >= input.rank() || axis < -input.rank()) {
            throw new IllegalArgumentException(describe() + ": axis " + axis + " is out of range for input shape "
                    + Shapes.str(input.shape()));
        }
        return input.softmax(axis);
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("axis", axis);
        return c;
    }

    /** Rebuilds the layer from its config. */
    public static Softmax fromConfig(Map<String, Object> config) {
        Softmax s = new Softmax(Configs.integer(config, "axis", "Softmax config", -1));
        s.applyBaseConfig(config);
        return s;
    }
}
