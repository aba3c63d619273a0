package io.javagrad.layers;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * A placeholder for a tensor of a functional {@link Model}: the layer call that produces it. Made by
 * {@link Input#of} and {@link Layer#apply}; holds no data. Layers are built (and shapes checked) when the model
 * is first used, after it has seeded them, so {@link Model#setSeed} decides the initial weights.
 */
public class SymbolicTensor {
    /** The size used for the unknown batch axis in shapes. */
    public static final int BATCH = -1;

    final GraphNode node;

    SymbolicTensor(GraphNode node) {
        this.node = node;
    }

    /** The layer whose output this is (an {@link InputLayer} for an {@link Input}). */
    public Layer layer() {
        return node.layer;
    }

    /** Records a call of {@code layer} on {@code inputs}. */
    static SymbolicTensor record(Layer layer, List<? extends SymbolicTensor> inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(layer + ": apply needs at least one input");
        }
        return new SymbolicTensor(new GraphNode(layer, List.copyOf(inputs)));
    }

    /**
     * Runs {@code layer} (building it on first use) in inference mode, without recording a graph, on zeros of
     * {@code shapes} whose batch axis is 1; returns the output shape with the batch axis as {@link #BATCH}.
     */
    static int[] probe(Layer layer, List<int[]> shapes, DType dtype) {
        List<Tensor> probes = new ArrayList<>();
        for (int[] s : shapes) {
            int[] concrete = s.clone();
            concrete[0] = 1;
            probes.add(Tensor.zeros(dtype, concrete));
        }
        try (Autograd.Scope scope = Autograd.noGrad()) {
            return symbolicShape(layer, layer.call(probes, false).shape());
        }
    }

    /** {@code shape} with the batch axis replaced by {@link #BATCH}. */
    static int[] symbolicShape(Layer layer, int[] shape) {
        if (shape.length == 0) {
            throw new IllegalArgumentException(layer + ": output has no batch axis (0-d tensor)");
        }
        int[] s = shape.clone();
        s[0] = BATCH;
        return s;
    }

    /** Keras's notation: {@code (None, 28, 28)}. */
    static String str(int[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i > 0 ? ", " : "").append(shape[i] == BATCH ? "None" : String.valueOf(shape[i]));
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    @Override
    public String toString() {
        return "SymbolicTensor[output of " + node.layer + "]";
    }
}
