package io.javagrad.layers;

import java.util.List;

/**
 * A read-only view of what a model computes, for tools that translate models (exporters, drawings): its inputs,
 * every layer call in an order where each call comes after the calls producing its inputs, and its outputs.
 * Symbolic tensors are compared by identity: a call's input is the {@code output} of an earlier call or one of
 * the {@code inputs}.
 *
 * @param inputs the model's inputs, in order
 * @param calls the layer calls (input layers excluded) in execution order
 * @param outputs the model's outputs, in order
 */
public record LayerGraph(List<Input> inputs, List<Call> calls, List<SymbolicTensor> outputs) {
    /** A view; the lists are copied. */
    public LayerGraph {
        inputs = List.copyOf(inputs);
        calls = List.copyOf(calls);
        outputs = List.copyOf(outputs);
    }

    /**
     * One call of a layer.
     *
     * @param layer the layer called (a layer called twice, with shared weights, appears in two calls)
     * @param inputs what it was called on
     * @param output what it produces
     */
    public record Call(Layer layer, List<SymbolicTensor> inputs, SymbolicTensor output) {
        /** A call; the input list is copied. */
        public Call {
            inputs = List.copyOf(inputs);
        }
    }
}
