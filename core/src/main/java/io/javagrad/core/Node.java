package io.javagrad.core;

import java.util.List;

/**
 * One recorded operation of the autograd graph: the op's name, the tensors it read, and its backward
 * function. A tensor produced by a recorded op points to its node ({@link Tensor#gradFn()}).
 *
 * <p>The node remembers the version of every tensor its backward needs; an in-place change to one of them
 * after the forward makes {@code backward} fail with a clear message instead of computing a wrong gradient.
 */
public final class Node {
    private static final Tensor[] NO_TENSORS = new Tensor[0];
    private static final int[] NO_VERSIONS = new int[0];

    private final String op;
    private final Tensor[] inputs;
    private BackwardFn backward;
    private Tensor[] saved;
    private int[] savedVersions;
    /**
     * Scratch of the backward pass (see {@code Autograd}): this node's place in the post order of the last pass
     * that visited it. A pass trusts it only where its own order holds this node at that place; a graph is walked
     * by one backward pass at a time (not by two threads at once).
     */
    int order;
    /** Scratch of {@link BufferPool#endStep}: the token of the last walk that reached this node. */
    Object visitedBy;

    Node(String op, Tensor[] inputs, Tensor[] saved, BackwardFn backward) {
        this.op = op;
        this.inputs = inputs;
        this.backward = backward;
        this.saved = saved;
        this.savedVersions = new int[saved.length];
        for (int i = 0; i < saved.length; i++) {
            savedVersions[i] = saved[i].version();
        }
    }

    /** The op's name, e.g. {@code "mul"} or {@code "conv2d"}. */
    public String op() {
        return op;
    }

    /** The tensors this op read, in argument order. */
    public List<Tensor> inputs() {
        return List.of(inputs);
    }

    Tensor input(int i) {
        return inputs[i];
    }

    int inputCount() {
        return inputs.length;
    }

    /** Whether the backward has run and its saved tensors were released. */
    public boolean isFreed() {
        return backward == null;
    }

    Tensor[] applyBackward(Tensor gradOutput) {
        if (backward == null) {
            throw new IllegalStateException("backward through '" + op + "' a second time: its saved tensors were"
                    + " freed after the first backward. Pass retainGraph=true to the first backward to keep them.");
        }
        for (int i = 0; i < saved.length; i++) {
            if (saved[i].version() != savedVersions[i]) {
                throw new IllegalStateException("a tensor of shape " + Shapes.str(saved[i].shape())
                        + " needed by the backward of '" + op + "' was modified in place after the forward (version "
                        + savedVersions[i] + " then, " + saved[i].version() + " now); use an out-of-place op instead");
            }
        }
        Tensor[] grads = backward.apply(gradOutput);
        if (grads.length != inputs.length) {
            throw new IllegalStateException("backward of '" + op + "' returned " + grads.length
                    + " gradients for " + inputs.length + " inputs");
        }
        for (int i = 0; i < grads.length; i++) {
            if (grads[i] != null && !java.util.Arrays.equals(grads[i].shape, inputs[i].shape)) {
                throw new IllegalStateException("backward of '" + op + "' returned a gradient of shape "
                        + Shapes.str(grads[i].shape) + " for input " + i + " of shape " + Shapes.str(inputs[i].shape));
            }
        }
        return grads;
    }

    void free() {
        backward = null;
        saved = NO_TENSORS;
        savedVersions = NO_VERSIONS;
    }

    @Override
    public String toString() {
        return op + "Backward";
    }
}
