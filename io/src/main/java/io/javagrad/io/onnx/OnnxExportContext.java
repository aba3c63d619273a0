package io.javagrad.io.onnx;

import io.javagrad.core.Autograd;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.layers.Input;
import io.javagrad.layers.Layer;
import io.javagrad.layers.LayerGraph;
import io.javagrad.layers.SymbolicTensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What an {@link OnnxLayerExporter} writes through: nodes, initializers and constants named after the layer
 * being exported ({@code dense_1/Gemm}, {@code dense_1/kernel}; {@code block/self_attention/query/kernel} inside
 * composite layers), and the export of sublayers through the registry.
 *
 * <p>The shape of each layer's output is learned by running the layer once, in inference mode and without
 * recording a graph, on zeros with a batch of one; every axis but the batch axis therefore has a fixed size in
 * the exported graph. (Like any inference call, this replaces what a layer remembers of its last call, such as
 * MultiHeadAttention's attention weights.)
 */
public final class OnnxExportContext {
    private final OnnxGraphBuilder builder;
    private final Set<String> reserved;
    private final Map<String, String> weights = new HashMap<>();
    private String scope = "";

    /** A context writing into {@code builder}; fresh names avoid {@code reserved} (the graph outputs' names). */
    OnnxExportContext(OnnxGraphBuilder builder, Set<String> reserved) {
        this.builder = builder;
        this.reserved = Set.copyOf(reserved);
    }

    /** The path of the layer being exported, e.g. {@code block/self_attention} ({@code ""} outside layers). */
    public String scope() {
        return scope;
    }

    /** Exports {@code layer} applied to {@code inputs} with its registered exporter; returns its output. */
    public OnnxValue export(Layer layer, List<OnnxValue> inputs) {
        String outer = scope;
        scope = outer.isEmpty() ? layer.name() : outer + "/" + layer.name();
        try {
            String out = OnnxExporters.export(this, layer, inputs);
            return new OnnxValue(out, outputShape(layer, inputs));
        } finally {
            scope = outer;
        }
    }

    /** Exports every call of {@code graph} with its inputs bound to {@code inputs}; returns its outputs. */
    public List<OnnxValue> exportGraph(LayerGraph graph, List<OnnxValue> inputs) {
        if (inputs.size() != graph.inputs().size()) {
            throw new IllegalArgumentException("ONNX export of '" + scope + "': the graph takes " + graph.inputs().size()
                    + " inputs, got " + inputs.size());
        }
        Map<SymbolicTensor, OnnxValue> values = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            Input in = graph.inputs().get(i);
            values.put(in, inputs.get(i));
        }
        for (LayerGraph.Call call : graph.calls()) {
            List<OnnxValue> args = new ArrayList<>();
            for (SymbolicTensor t : call.inputs()) {
                args.add(values.get(t));
            }
            values.put(call.output(), export(call.layer(), args));
        }
        List<OnnxValue> out = new ArrayList<>();
        for (SymbolicTensor t : graph.outputs()) {
            out.add(values.get(t));
        }
        return out;
    }

    /** Adds a node with one output, named after the scope and {@code opType}; returns the output's name. */
    public String node(String opType, List<String> inputs, AttributeProto... attributes) {
        return builder.node(opType, inputs, freshName(opType), attributes);
    }

    /**
     * A FLOAT initializer holding {@code value} under {@code scope/name}. A layer called several times (shared
     * weights) asks again with the same name and gets the first initializer back.
     */
    public String weight(String name, Tensor value) {
        return weights.computeIfAbsent(scoped(name), key -> builder.initializer(freshName(name), value));
    }

    /** A 1-d INT64 initializer (a shape, axes) holding {@code values}. */
    public String int64s(String name, long... values) {
        return builder.initializer(OnnxTensors.int64Tensor(freshName(name), values, values.length));
    }

    /** A FLOAT scalar initializer (broadcasts against any tensor). */
    public String scalar(String name, double value) {
        return builder.initializer(freshName(name), Tensor.scalar(DType.FLOAT32, value));
    }

    /** Adds {@code tensor} (of any data type) as an initializer under a fresh scoped form of its name. */
    public String initializer(TensorProto tensor) {
        return builder.initializer(tensor.toBuilder().setName(freshName(tensor.getName())).build());
    }

    /**
     * Applies the activation Dense, Conv2D and Activation layers name ({@code relu}, {@code gelu}, ...) to the
     * value {@code input}; returns the result ({@code input} itself for {@code linear}).
     */
    public String activation(String function, String input) {
        return ActivationExporters.apply(this, function, input);
    }

    /** A value name not used yet: {@code scope/base}, or with a number appended. */
    public String freshName(String base) {
        String candidate = scoped(base);
        for (int n = 0;; n++) {
            String name = n == 0 ? candidate : candidate + "_" + n;
            if (!reserved.contains(name) && builder.uniqueName(name).equals(name)) {
                return name;
            }
        }
    }

    private String scoped(String name) {
        return scope.isEmpty() ? name : scope + "/" + name;
    }

    /** The output shape of {@code layer} on {@code inputs}, batch axis -1, by running it on a batch of one. */
    private static int[] outputShape(Layer layer, List<OnnxValue> inputs) {
        DType dtype = layer.dtype() == null ? DType.FLOAT32 : layer.dtype();
        List<Tensor> probes = new ArrayList<>();
        for (OnnxValue v : inputs) {
            int[] shape = v.shape();
            shape[0] = 1;
            probes.add(Tensor.zeros(dtype, shape));
        }
        try (Autograd.Scope s = Autograd.noGrad()) {
            int[] shape = layer.call(probes, false).shape();
            shape[0] = SymbolicTensor.BATCH;
            return shape;
        }
    }
}
