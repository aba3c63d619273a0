package io.javagrad.io.onnx;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.ImportedValue.Floats;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.OperatorSetIdProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorProto.DataType;
import io.javagrad.io.onnx.proto.TensorShapeProto;
import io.javagrad.io.onnx.proto.TypeProto;
import io.javagrad.io.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Imports an ONNX model (default-domain opsets {@value #MIN_OPSET} to {@value #MAX_OPSET}) as a trainable
 * {@link OnnxModel}:
 *
 * <pre>{@code
 * OnnxModel model = OnnxImport.load(Path.of("classifier.onnx"));
 * Tensor logits = model.predict(images);
 * model.compile(new Adam(1e-4), Losses.sparseCategoricalCrossentropy(true));
 * model.fit(images, labels, FitOptions.defaults().epochs(2));     // fine-tunes the imported weights
 * }</pre>
 *
 * <p>Every node is checked when the model is loaded: an op outside {@link #supportedOps()} or outside the
 * default domain, a node input that no earlier node, input or initializer produces, an output produced twice
 * or an attribute the importer does not know are errors naming the node, op, domain and opset.
 */
public final class OnnxImport {
    /** The oldest default-domain opset accepted. */
    public static final int MIN_OPSET = 9;
    /** The newest default-domain opset accepted (ReduceMean takes its axes as an input from 18). */
    public static final int MAX_OPSET = 17;

    private OnnxImport() {}

    /** Reads, checks and imports the ONNX file at {@code path}; any problem is an IOException naming the file. */
    public static OnnxModel load(Path path) throws IOException {
        return load(path, name -> true);
    }

    /**
     * {@link #load(Path)} choosing which weights train: ONNX does not record it, so by default every float
     * initializer of rank 1 or more does (except batch normalization statistics). Weights whose initializer
     * name {@code trainable} rejects are imported frozen, e.g. {@code name -> name.startsWith("fc.")} fine-tunes
     * only the head of a network.
     */
    public static OnnxModel load(Path path, Predicate<String> trainable) throws IOException {
        return imported(OnnxReader.read(path), path.toString(), trainable);
    }

    /** Imports an ONNX model from its bytes; {@code source} names it in error messages. */
    public static OnnxModel load(byte[] bytes, String source) throws IOException {
        return imported(OnnxReader.parse(bytes, source), source, name -> true);
    }

    /** The op types the importer runs. */
    public static Set<String> supportedOps() {
        return OnnxOps.supported();
    }

    private static OnnxModel imported(ModelProto model, String source, Predicate<String> trainable) throws IOException {
        try {
            return fromModel(model, trainable);
        } catch (IllegalArgumentException e) {
            throw new IOException("cannot import ONNX file " + source + ": " + e.getMessage(), e);
        }
    }

    /** Imports a checked model (see {@link OnnxReader}) with all weights trainable. */
    static OnnxModel fromModel(ModelProto model) {
        return fromModel(model, name -> true);
    }

    /** Imports a checked model; problems are IllegalArgumentExceptions. */
    static OnnxModel fromModel(ModelProto model, Predicate<String> trainableWeight) {
        long opset = OnnxReader.opsetVersion(model, "");
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new IllegalArgumentException("default-domain opset " + opset + " is not supported (supported: "
                    + MIN_OPSET + " to " + MAX_OPSET + ")");
        }
        GraphProto graph = model.getGraph();
        Set<String> defined = new HashSet<>();
        Set<String> statistics = batchNormStatistics(graph);
        Map<String, Tensor> weights = new LinkedHashMap<>();
        Set<String> trainable = new HashSet<>();
        Map<String, ImportedValue> constants = new LinkedHashMap<>();
        for (TensorProto t : graph.getInitializerList()) {
            define(defined, t.getName(), "initializer");
            ImportedValue value = OnnxShapeOps.stored(t);
            if (value instanceof Floats f && f.value().rank() > 0) {
                weights.put(t.getName(), f.value());
                if (!statistics.contains(t.getName()) && trainableWeight.test(t.getName())) {
                    trainable.add(t.getName());
                }
            } else {
                constants.put(t.getName(), value);
            }
        }
        List<OnnxModel.GraphInput> inputs = new ArrayList<>();
        for (ValueInfoProto in : graph.getInputList()) {
            if (!weights.containsKey(in.getName()) && !constants.containsKey(in.getName())) { // old exporters list initializers
                define(defined, in.getName(), "graph input");
                inputs.add(graphInput(in));
            }
        }
        List<OnnxModel.Step> steps = new ArrayList<>();
        Set<String> needed = consumed(graph);
        for (NodeProto node : graph.getNodeList()) {
            steps.add(step(model, opset, node, defined, needed));
        }
        List<String> outputs = new ArrayList<>();
        for (ValueInfoProto out : graph.getOutputList()) {
            if (!defined.contains(out.getName())) {
                throw new IllegalArgumentException("graph output '" + out.getName() + "' is not produced by any node");
            }
            outputs.add(out.getName());
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("the graph declares no output");
        }
        return new OnnxModel(null, inputs, outputs, weights, trainable, constants, steps);
    }

    private static OnnxModel.Step step(ModelProto model, long opset, NodeProto node, Set<String> defined,
                                       Set<String> needed) {
        String domain = node.getDomain();
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            throw new IllegalArgumentException("unsupported ONNX op '" + node.getOpType() + "' of domain '" + domain
                    + "' (" + domainOpset(model, domain) + ") in node '" + node.getName() + "'; only the default"
                    + " domain 'ai.onnx' is supported");
        }
        if (!OnnxOps.isSupported(node.getOpType())) {
            throw new IllegalArgumentException("unsupported ONNX op '" + node.getOpType() + "' (domain 'ai.onnx', opset "
                    + opset + ") in node '" + node.getName() + "'; supported ops: " + OnnxOps.supported());
        }
        OnnxNode onnxNode = new OnnxNode(node, opset);
        for (String in : node.getInputList()) {
            if (!in.isEmpty() && !defined.contains(in)) {
                throw onnxNode.error("input '" + in + "' is not produced by any earlier node, graph input or"
                        + " initializer (nodes must be in topological order)");
            }
        }
        if (node.getOutputCount() == 0 || node.getOutput(0).isEmpty()) {
            throw onnxNode.error("the node has no output");
        }
        for (int i = 1; i < node.getOutputCount(); i++) {
            if (needed.contains(node.getOutput(i))) {
                throw onnxNode.error("output " + i + " ('" + node.getOutput(i) + "') is used, but only the first output"
                        + " is supported");
            }
        }
        define(defined, node.getOutput(0), onnxNode.describe() + " output");
        return new OnnxModel.Step(onnxNode, List.copyOf(node.getInputList()), node.getOutput(0),
                OnnxOps.compile(onnxNode));
    }

    private static String domainOpset(ModelProto model, String domain) {
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().equals(domain)) {
                return "opset " + o.getVersion();
            }
        }
        return "no opset imported for it";
    }

    /** The names every node input and graph output refers to. */
    private static Set<String> consumed(GraphProto graph) {
        Set<String> names = new HashSet<>();
        graph.getNodeList().forEach(n -> names.addAll(n.getInputList()));
        graph.getOutputList().forEach(o -> names.add(o.getName()));
        return names;
    }

    /** The mean and variance inputs of BatchNormalization nodes: imported as non-trainable weights. */
    private static Set<String> batchNormStatistics(GraphProto graph) {
        Set<String> names = new HashSet<>();
        for (NodeProto n : graph.getNodeList()) {
            if (n.getOpType().equals("BatchNormalization")) {
                for (int i = 3; i < Math.min(5, n.getInputCount()); i++) {
                    names.add(n.getInput(i));
                }
            }
        }
        return names;
    }

    private static OnnxModel.GraphInput graphInput(ValueInfoProto in) {
        TypeProto type = in.getType();
        if (!type.hasTensorType()) {
            throw new IllegalArgumentException("graph input '" + in.getName() + "' is not a tensor");
        }
        DataType element = DataType.forNumber(type.getTensorType().getElemType());
        boolean integer = element == DataType.INT64 || element == DataType.INT32;
        if (!integer && element != DataType.FLOAT && element != DataType.DOUBLE) {
            throw new IllegalArgumentException("graph input '" + in.getName() + "' has data type " + element
                    + "; supported: FLOAT, DOUBLE, INT64, INT32");
        }
        int[] dims = null;
        if (type.getTensorType().hasShape()) {
            List<TensorShapeProto.Dimension> list = type.getTensorType().getShape().getDimList();
            dims = new int[list.size()];
            for (int i = 0; i < dims.length; i++) {
                long v = list.get(i).hasDimValue() ? list.get(i).getDimValue() : -1;
                dims[i] = v > 0 && v <= Integer.MAX_VALUE ? (int) v : -1;
            }
        }
        return new OnnxModel.GraphInput(in.getName(), dims, integer);
    }

    private static void define(Set<String> defined, String name, String what) {
        if (name.isEmpty() || !defined.add(name)) {
            throw new IllegalArgumentException(what + ": the name '" + name + "' is empty or already defined");
        }
    }
}
