package io.javagrad.layers;

import io.javagrad.core.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The layer calls between the inputs and outputs of a functional model, in an order where every call comes
 * after the calls producing its inputs (a depth-first post-order from the outputs). As in {@link Sequential}, a call
 * whose output only the next call reads, such as a {@link Conv2D} with relu followed by a {@link MaxPool2D}, runs
 * fused with it where the two layers fuse ({@link Layer#callFused}).
 */
final class FunctionalGraph {
    final List<Input> inputs;
    final List<SymbolicTensor> outputs;
    /** The layer calls in execution order, input layers excluded. */
    final List<GraphNode> nodes = new ArrayList<>();
    /** The distinct layers in order of first use, input layers first. */
    final List<Layer> layers = new ArrayList<>();
    private final Map<GraphNode, SymbolicTensor> outputOf = new IdentityHashMap<>();
    /** For each call in {@link #nodes}, whether its output feeds the next call alone (see {@link #feedsOnly}). */
    private final boolean[] feedsOnlyNext;

    FunctionalGraph(String model, List<Input> inputs, List<? extends SymbolicTensor> outputs) {
        if (inputs.isEmpty() || outputs.isEmpty()) {
            throw new IllegalArgumentException(model + ": a functional model needs at least one input and one output, got "
                    + inputs.size() + " inputs and " + outputs.size() + " outputs");
        }
        Set<Input> declared = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Input in : inputs) {
            if (!declared.add(in)) {
                throw new IllegalArgumentException(model + ": the same Input is listed twice: " + in);
            }
            layers.add(in.layer());
        }
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        Set<GraphNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
        for (SymbolicTensor out : outputs) {
            visit(model, out, declared, done);
        }
        for (GraphNode node : nodes) {
            if (!layers.contains(node.layer)) {
                layers.add(node.layer);
            }
        }
        feedsOnlyNext = new boolean[nodes.size()];
        for (int i = 0; i + 1 < nodes.size(); i++) {
            feedsOnlyNext[i] = feedsOnly(nodes.get(i), nodes.get(i + 1));
        }
    }

    /**
     * Whether {@code node} has one input and its output is read by {@code next} alone, as its only input, and is not a
     * model output: then no one needs that output between the two calls.
     */
    private boolean feedsOnly(GraphNode node, GraphNode next) {
        SymbolicTensor out = outputOf.get(node);
        if (node.inputs.size() != 1 || next.inputs.size() != 1 || next.inputs.get(0) != out || outputs.contains(out)) {
            return false;
        }
        int readers = 0;
        for (GraphNode n : nodes) {
            for (SymbolicTensor in : n.inputs) {
                readers += in == out ? 1 : 0;
            }
        }
        return readers == 1;
    }

    private void visit(String model, SymbolicTensor t, Set<Input> declared, Set<GraphNode> done) {
        if (t instanceof Input in) {
            if (!declared.contains(in)) {
                throw new IllegalArgumentException(model + ": the outputs depend on " + in
                        + ", which is not among the model's inputs");
            }
            return;
        }
        if (!done.add(t.node)) {
            return;
        }
        for (SymbolicTensor parent : t.node.inputs) {
            visit(model, parent, declared, done);
        }
        nodes.add(t.node);
        outputOf.put(t.node, t);
    }

    /** Runs the layer calls on concrete inputs (already checked against the Inputs); returns the outputs. */
    List<Tensor> run(List<Tensor> xs, boolean training) {
        Map<SymbolicTensor, Tensor> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            values.put(inputs.get(i), xs.get(i));
        }
        for (int i = 0; i < nodes.size(); i++) {
            GraphNode node = nodes.get(i);
            List<Tensor> args = new ArrayList<>(node.inputs.size());
            for (SymbolicTensor in : node.inputs) {
                args.add(values.get(in));
            }
            GraphNode next = feedsOnlyNext[i] ? nodes.get(i + 1) : null;
            Tensor fused = next != null ? node.layer.callFused(next.layer, args.get(0), training) : null;
            if (fused != null) {
                values.put(outputOf.get(next), fused);
                i++;
            } else {
                values.put(outputOf.get(node), node.layer.call(args, training));
            }
        }
        List<Tensor> out = new ArrayList<>(outputs.size());
        for (SymbolicTensor o : outputs) {
            out.add(values.get(o));
        }
        return out;
    }

    /** The calls of {@code layer} in this graph, in creation order (Keras's node indices). */
    List<GraphNode> nodesOf(Layer layer) {
        List<GraphNode> out = new ArrayList<>();
        for (GraphNode n : nodes) {
            if (n.layer == layer) {
                out.add(n);
            }
        }
        out.sort((a, b) -> Long.compare(a.serial, b.serial));
        return out;
    }

    /**
     * Builds every layer by running the graph on a batch of one (in inference mode, without a graph);
     * returns the output shape of every call, batch axis -1, in execution order.
     */
    Map<GraphNode, int[]> build() {
        Map<SymbolicTensor, int[]> shapes = new IdentityHashMap<>();
        for (Input in : inputs) {
            shapes.put(in, in.shape());
        }
        Map<GraphNode, int[]> out = new LinkedHashMap<>();
        for (GraphNode node : nodes) {
            List<int[]> args = new ArrayList<>();
            for (SymbolicTensor in : node.inputs) {
                args.add(shapes.get(in));
            }
            int[] shape = SymbolicTensor.probe(node.layer, args, inputs.get(0).dtype());
            shapes.put(outputOf.get(node), shape);
            out.put(node, shape);
        }
        return out;
    }

    /** The public view of this graph. */
    LayerGraph view() {
        List<LayerGraph.Call> calls = new ArrayList<>(nodes.size());
        for (GraphNode node : nodes) {
            calls.add(new LayerGraph.Call(node.layer, node.inputs, outputOf.get(node)));
        }
        return new LayerGraph(inputs, calls, outputs);
    }

    /** {@code [layerName, nodeIndex, 0]}: how configs refer to a symbolic tensor. */
    List<Object> reference(SymbolicTensor t) {
        int nodeIndex = t instanceof Input ? 0 : nodesOf(t.node.layer).indexOf(t.node);
        return new ArrayList<>(List.of(t.node.layer.name(), nodeIndex, 0));
    }
}
