package io.javagrad.io.onnx;

import io.javagrad.core.Shapes;
import java.util.Arrays;

/**
 * A tensor of the ONNX graph being written: its value name and its shape, whose first (batch) axis is
 * {@code -1}, the graph's symbolic {@code batch} dimension; every other axis has a fixed size.
 *
 * @param name the value name in the graph
 * @param shape the shape, batch axis {@code -1}
 */
public record OnnxValue(String name, int[] shape) {
    /** A value; the shape is copied. */
    public OnnxValue {
        shape = shape.clone();
    }

    /** The shape (a copy). */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of axes, batch included. */
    public int rank() {
        return shape.length;
    }

    /** The size of {@code axis} (negative counts from the end); -1 for the batch axis. */
    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OnnxValue v && v.name.equals(name) && Arrays.equals(v.shape, shape);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return name + " " + Shapes.str(shape);
    }
}
