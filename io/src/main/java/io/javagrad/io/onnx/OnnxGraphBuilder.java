package io.javagrad.io.onnx;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.OperatorSetIdProto;
import io.javagrad.io.onnx.proto.StringStringEntryProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorShapeProto;
import io.javagrad.io.onnx.proto.TypeProto;
import io.javagrad.io.onnx.proto.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX model (opset {@value #OPSET}, IR version {@value #IR_VERSION}) one graph element at a time,
 * enforcing the graph rules as it goes: every node input must already exist (so nodes are in topological
 * order) and every value name is produced once.
 *
 * <pre>{@code
 * OnnxGraphBuilder b = new OnnxGraphBuilder("mlp");
 * String x = b.input("input", "batch", 784);
 * String h = b.node("Gemm", List.of(x, b.initializer("w", w), b.initializer("b", bias)), "hidden",
 *         OnnxAttributes.ofInt("transB", 1));
 * b.output(b.node("Relu", List.of(h), "output"), "batch", 10);
 * ModelProto model = b.build();
 * }</pre>
 */
public final class OnnxGraphBuilder {
    /** The default-domain opset written. */
    public static final int OPSET = 17;
    /** The IR version that goes with {@link #OPSET}. */
    public static final int IR_VERSION = 8;

    private final GraphProto.Builder graph = GraphProto.newBuilder();
    private final ModelProto.Builder model = ModelProto.newBuilder();
    private final Set<String> values = new HashSet<>();
    private final Set<String> nodeNames = new HashSet<>();

    /** A builder for a graph named {@code graphName}. */
    public OnnxGraphBuilder(String graphName) {
        graph.setName(graphName);
        model.setIrVersion(IR_VERSION).setProducerName("javagrad")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET));
    }

    /**
     * Declares a FLOAT graph input; each dimension is a number (fixed size) or a string (a symbolic size such
     * as {@code "batch"}). Returns {@code name}.
     */
    public String input(String name, Object... dims) {
        define(name, "graph input");
        graph.addInput(valueInfo(name, dims));
        return name;
    }

    /** Declares a FLOAT graph output, which a node must produce by the time {@link #build()} is called. */
    public OnnxGraphBuilder output(String name, Object... dims) {
        graph.addOutput(valueInfo(name, dims));
        return this;
    }

    /** Adds {@code value} as a FLOAT initializer with little-endian raw data; returns {@code name}. */
    public String initializer(String name, Tensor value) {
        return initializer(OnnxTensors.floatTensor(name, value));
    }

    /** Adds a ready-made initializer (an INT64 shape, say); returns its name. */
    public String initializer(TensorProto tensor) {
        OnnxTensors.checkedShape(tensor);
        define(tensor.getName(), "initializer");
        graph.addInitializer(tensor);
        return tensor.getName();
    }

    /** Adds a node of the default domain with one output; returns the output name. */
    public String node(String opType, List<String> inputs, String output, AttributeProto... attributes) {
        node(opType, inputs, List.of(output), attributes);
        return output;
    }

    /** Adds a node of the default domain; an empty input name marks an omitted optional input. */
    public NodeProto node(String opType, List<String> inputs, List<String> outputs, AttributeProto... attributes) {
        String nodeName = fresh(opType, nodeNames);
        String what = opType + " node '" + nodeName + "'";
        for (String in : inputs) {
            if (!in.isEmpty() && !values.contains(in)) {
                throw new IllegalArgumentException(what + ": input '" + in
                        + "' is not produced by any earlier node, input or initializer");
            }
        }
        Set<String> attributeNames = new HashSet<>();
        for (AttributeProto a : attributes) {
            if (!attributeNames.add(a.getName())) {
                throw new IllegalArgumentException(what + ": attribute '" + a.getName() + "' given twice");
            }
        }
        Set<String> newOutputs = new HashSet<>();
        for (String out : outputs) {
            if (out.isEmpty() || values.contains(out) || !newOutputs.add(out)) {
                throw new IllegalArgumentException(what + ": output name '" + out + "' is empty or already used");
            }
        }
        NodeProto node = NodeProto.newBuilder().setOpType(opType).setName(nodeName).setDomain("")
                .addAllInput(inputs).addAllOutput(outputs).addAllAttribute(List.of(attributes)).build();
        values.addAll(outputs);
        nodeNames.add(nodeName);
        graph.addNode(node);
        return node;
    }

    /** {@code base} if no value has that name yet, otherwise {@code base_1}, {@code base_2}, ... (not reserved). */
    public String uniqueName(String base) {
        return fresh(base, values);
    }

    /** Adds a {@code metadata_props} entry. */
    public OnnxGraphBuilder metadata(String key, String value) {
        model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
        return this;
    }

    /** The model; every declared output must have been produced. */
    public ModelProto build() {
        for (ValueInfoProto out : graph.getOutputList()) {
            if (!values.contains(out.getName())) {
                throw new IllegalArgumentException("graph output '" + out.getName() + "' is not produced by any node");
            }
        }
        if (graph.getOutputCount() == 0) {
            throw new IllegalArgumentException("graph '" + graph.getName() + "' declares no output");
        }
        return model.setGraph(graph).build();
    }

    private void define(String name, String what) {
        if (name.isEmpty() || !values.add(name)) {
            throw new IllegalArgumentException(what + ": the name '" + name + "' is empty or already used");
        }
    }

    private static String fresh(String base, Set<String> taken) {
        String name = base;
        for (int n = 1; taken.contains(name); n++) {
            name = base + "_" + n;
        }
        return name;
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            if (d instanceof String param) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam(param));
            } else if (d instanceof Integer || d instanceof Long) {
                shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
            } else {
                throw new IllegalArgumentException("value '" + name + "': a dimension must be a whole number or a name, got " + d);
            }
        }
        TypeProto type = TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder()
                .setElemType(TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
