package io.javagrad.layers;

import io.javagrad.core.DType;
import java.util.Arrays;
import java.util.List;

/**
 * The entry point of a functional {@link Model}: a symbolic tensor of a given per-sample shape (the batch axis
 * is left out). {@code Input x = Input.of(28, 28);} stands for batches of shape {@code [batch, 28, 28]}.
 */
public final class Input extends SymbolicTensor {
    private final int[] shape;
    private final DType dtype;

    private Input(int[] shape, DType dtype, InputLayer layer) {
        super(new GraphNode(layer, List.of()));
        this.shape = shape;
        this.dtype = dtype;
    }

    /** A float32 input of per-sample {@code shape}. */
    public static Input of(int... shape) {
        return of(null, DType.FLOAT32, shape);
    }

    /** A named input ({@code null}: the model names it) of {@code dtype} and per-sample {@code shape}. */
    public static Input of(String name, DType dtype, int... shape) {
        for (int s : shape) {
            if (s <= 0) {
                throw new IllegalArgumentException("Input: dimensions must be positive, got shape " + Arrays.toString(shape));
            }
        }
        int[] full = new int[shape.length + 1];
        full[0] = BATCH;
        System.arraycopy(shape, 0, full, 1, shape.length);
        InputLayer layer = new InputLayer(name, full, dtype);
        Input input = new Input(full, dtype, layer);
        layer.input = input;
        return input;
    }

    /** The shape with {@link #BATCH} (-1) as the batch axis, e.g. {@code [-1, 784]}. */
    public int[] shape() {
        return shape.clone();
    }

    /** The element type. */
    public DType dtype() {
        return dtype;
    }

    /** The input's name (assigned by the model when not given). */
    public String name() {
        return node.layer.name();
    }

    @Override
    public InputLayer layer() {
        return (InputLayer) node.layer;
    }

    /** Whether {@code concrete} (a real batch) has this input's rank and per-sample dimensions. */
    boolean fits(int[] concrete) {
        return concrete.length == shape.length
                && Arrays.equals(shape, 1, shape.length, concrete, 1, concrete.length);
    }

    @Override
    public String toString() {
        return "Input[" + (name() == null ? "?" : name()) + " " + str(shape) + " " + dtype + "]";
    }
}
