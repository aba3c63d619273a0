package io.javagrad.io.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.OperatorSetIdProto;
import io.javagrad.io.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads ONNX files and checks them before anyone uses them: the model must have a graph and an opset for the
 * default domain, and every tensor in it (initializers, {@code Constant} values, subgraphs) must be stored in
 * the file with exactly as many values as its shape declares, so later conversions allocate only what is
 * really there. Any problem is an {@link IOException} naming the file.
 */
public final class OnnxReader {
    /** Deepest nesting of messages accepted (graphs inside attributes inside nodes ...). */
    static final int RECURSION_LIMIT = 64;

    private OnnxReader() {}

    /** Reads and checks the ONNX model in {@code path} (at most 2 GiB, the protobuf limit). */
    public static ModelProto read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no such ONNX file");
        }
        long size = Files.size(path);
        if (size > Integer.MAX_VALUE) {
            throw new IOException("cannot read ONNX file " + path + ": " + size + " bytes, more than 2 GiB");
        }
        return parse(Files.readAllBytes(path), path.toString());
    }

    /** Parses and checks an ONNX model; {@code source} names it in error messages. */
    public static ModelProto parse(byte[] bytes, String source) throws IOException {
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(RECURSION_LIMIT);
            ModelProto model = ModelProto.parseFrom(in);
            check(model);
            return model;
        } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
            throw new IOException("cannot read ONNX file " + source + ": " + e.getMessage(), e);
        }
    }

    /**
     * The opset version imported for {@code domain} ({@code ""} and {@code "ai.onnx"} both name the default
     * domain).
     */
    public static long opsetVersion(ModelProto model, String domain) {
        String wanted = normalize(domain);
        for (OperatorSetIdProto opset : model.getOpsetImportList()) {
            if (normalize(opset.getDomain()).equals(wanted)) {
                return opset.getVersion();
            }
        }
        throw new IllegalArgumentException("the model imports no opset for domain '" + domain + "'");
    }

    private static String normalize(String domain) {
        return domain.equals("ai.onnx") ? "" : domain;
    }

    private static void check(ModelProto model) {
        if (!model.hasGraph()) {
            throw new IllegalArgumentException("the model has no graph");
        }
        if (model.getIrVersion() <= 0) {
            throw new IllegalArgumentException("the model has no valid IR version (" + model.getIrVersion() + ")");
        }
        long opset = opsetVersion(model, "");
        if (opset <= 0) {
            throw new IllegalArgumentException("invalid opset version " + opset + " for the default domain");
        }
        checkGraph(model.getGraph());
    }

    private static void checkGraph(GraphProto graph) {
        if (graph.getSparseInitializerCount() > 0) {
            throw new IllegalArgumentException("graph '" + graph.getName() + "' has sparse initializers, which are not supported");
        }
        for (TensorProto t : graph.getInitializerList()) {
            OnnxTensors.checkedShape(t);
        }
        for (NodeProto node : graph.getNodeList()) {
            Set<String> names = new HashSet<>();
            for (AttributeProto a : node.getAttributeList()) {
                if (!names.add(a.getName())) {
                    throw new IllegalArgumentException(OnnxAttributes.describe(node) + ": attribute '" + a.getName()
                            + "' appears twice");
                }
                if (a.hasT()) {
                    OnnxTensors.checkedShape(a.getT());
                }
                for (TensorProto t : a.getTensorsList()) {
                    OnnxTensors.checkedShape(t);
                }
                if (a.hasG()) {
                    checkGraph(a.getG());
                }
                for (GraphProto g : a.getGraphsList()) {
                    checkGraph(g);
                }
            }
        }
    }
}
