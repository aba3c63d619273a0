package io.javagrad.layers;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One application of a layer in a functional graph: the layer and the symbolic tensors it was applied to.
 * {@code serial} orders the nodes of one layer by creation, which numbers them in configs (Keras's node index).
 */
final class GraphNode {
    private static final AtomicLong SERIALS = new AtomicLong();

    final Layer layer;
    final List<SymbolicTensor> inputs;
    final long serial = SERIALS.getAndIncrement();

    GraphNode(Layer layer, List<SymbolicTensor> inputs) {
        this.layer = layer;
        this.inputs = inputs;
    }
}
