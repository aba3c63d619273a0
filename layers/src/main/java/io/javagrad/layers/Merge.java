package io.javagrad.layers;

import io.javagrad.core.DType;
import io.javagrad.core.Shapes;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Keras's merge layers: combine two or more inputs into one output, without weights; applied in functional
 * models with {@code layer.apply(List.of(a, b))}. The element-wise merges follow Keras's broadcasting: the batch
 * sizes must be equal; an input with fewer axes gets size-1 axes right after its batch axis; then every other
 * axis must have the same size in all inputs, or size 1 in some.
 */
public abstract sealed class Merge extends Layer
        permits Add, Subtract, Multiply, Average, Maximum, Minimum, Concatenate {
    Merge() {
        super(null);
    }

    /** Combines the inputs, already checked by {@link #align}. */
    abstract Tensor merge(List<Tensor> inputs);

    /** The most inputs the layer takes. */
    int maxInputs() {
        return Integer.MAX_VALUE;
    }

    @Override
    protected void build(List<int[]> inputShapes, DType dtype) {
        // no weights; the inputs are checked at every call
    }

    @Override
    protected Tensor forward(List<Tensor> inputs, boolean training) {
        int max = maxInputs();
        if (inputs.size() < 2 || inputs.size() > max) {
            throw new IllegalArgumentException(describe() + ": expected " + (max == 2 ? "exactly" : "at least")
                    + " 2 inputs, got " + inputs.size() + " of shapes " + shapes(inputs));
        }
        for (Tensor x : inputs) {
            if (x.rank() < 1) {
                throw shapeError("every input needs a batch axis", inputs);
            }
        }
        return merge(align(inputs));
    }

    /**
     * Checks the inputs against each other and returns them with a common rank (Keras's element-wise rule; the
     * size-1 axes broadcast in the tensor ops).
     */
    List<Tensor> align(List<Tensor> inputs) {
        int rank = 0;
        for (Tensor x : inputs) {
            rank = Math.max(rank, x.rank());
        }
        int batch = inputs.get(0).shape(0);
        int[] size = new int[rank];
        Arrays.fill(size, 1);
        List<Tensor> out = new ArrayList<>(inputs.size());
        for (Tensor x : inputs) {
            int[] s = new int[rank];
            Arrays.fill(s, 1);
            s[0] = x.shape(0);
            System.arraycopy(x.shape(), 1, s, rank - x.rank() + 1, x.rank() - 1);
            if (s[0] != batch) {
                throw shapeError("inputs must have the same batch size", inputs);
            }
            for (int axis = 1; axis < rank; axis++) {
                if (size[axis] == 1) {
                    size[axis] = s[axis];
                } else if (s[axis] != 1 && s[axis] != size[axis]) {
                    throw shapeError("inputs must have equal sizes or size 1 on every axis after the batch axis"
                            + " (an input with fewer axes gets size-1 axes after its batch axis)", inputs);
                }
            }
            out.add(x.rank() == rank ? x : x.reshape(s));
        }
        return out;
    }

    /** An error naming this layer, what the inputs break and all their shapes. */
    IllegalArgumentException shapeError(String rule, List<Tensor> inputs) {
        return new IllegalArgumentException(describe() + ": " + rule + ", got input shapes " + shapes(inputs));
    }

    private static String shapes(List<Tensor> inputs) {
        StringJoiner j = new StringJoiner(", ");
        for (Tensor x : inputs) {
            j.add(Shapes.str(x.shape()));
        }
        return j.toString();
    }

    /** Rebuilds a merge layer without hyperparameters from its config. */
    static <M extends Merge> M fromConfig(Map<String, Object> config, Supplier<M> factory) {
        M layer = factory.get();
        layer.applyBaseConfig(config);
        return layer;
    }
}
