package io.javagrad.io.onnx;

import io.javagrad.io.AtomicFiles;
import io.javagrad.io.LibraryInfo;
import io.javagrad.io.Metadata;
import io.javagrad.io.SaveOptions;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.layers.Input;
import io.javagrad.layers.LayerGraph;
import io.javagrad.layers.Model;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes a {@link Model} ({@code Sequential} or functional, any number of inputs and outputs) as an ONNX model
 * (opset {@value OnnxGraphBuilder#OPSET}, IR version {@value OnnxGraphBuilder#IR_VERSION}) for inference in
 * ONNX Runtime or any other ONNX consumer.
 *
 * <pre>{@code
 * OnnxExport.save(model, Path.of("mnist.onnx"), Map.of("dataset", "MNIST"));
 * }</pre>
 *
 * <p>The graph inputs are named after the model's inputs, the outputs after its output layers; the batch axis is
 * the symbolic dimension {@code batch}, every other axis has the size the model was built for. Weights are
 * FLOAT initializers (float64 models are narrowed). Each layer is translated by the exporter registered for its
 * class name in {@link OnnxExporters}, in inference mode (dropout is left out, BatchNormalization uses its moving
 * statistics). {@code metadata_props} hold the same {@link Metadata} as {@link io.javagrad.io.ModelIO}'s HDF5 files, in
 * the form of {@link Metadata#toMap()}.
 */
public final class OnnxExport {
    private static final String BATCH = "batch";

    private OnnxExport() {}

    /** Writes {@code model} to {@code file} (atomically: a crash leaves any previous file intact). */
    public static void save(Model model, Path file) throws IOException {
        save(model, file, SaveOptions.defaults());
    }

    /** Writes {@code model} to {@code file} with the user's {@link Metadata} entries. */
    public static void save(Model model, Path file, Map<String, String> metadata) throws IOException {
        save(model, file, SaveOptions.metadata(metadata));
    }

    /**
     * Writes {@code model} to {@code file} with the metadata entries of {@code options}, as
     * {@link io.javagrad.io.ModelIO#save(Model, Path, SaveOptions)} does (an ONNX file holds no optimizer state).
     */
    public static void save(Model model, Path file, SaveOptions options) throws IOException {
        byte[] bytes = toModelProto(model, Metadata.of(model, options.entries())).toByteArray();
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new IOException("cannot write ONNX file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The serialized ONNX model. */
    public static byte[] toBytes(Model model) {
        return toBytes(model, Map.of());
    }

    /** The serialized ONNX model with the user's {@link Metadata} entries. */
    public static byte[] toBytes(Model model, Map<String, String> metadata) {
        return toModelProto(model, metadata).toByteArray();
    }

    /** The ONNX model as a protobuf message with the user's {@link Metadata} entries. */
    public static ModelProto toModelProto(Model model, Map<String, String> metadata) {
        return toModelProto(model, Metadata.of(model, metadata));
    }

    /**
     * The ONNX model as a protobuf message. Builds the model first if needed (its input shapes must be known);
     * a layer without an exporter is an {@link IllegalArgumentException} naming the layer and its class.
     */
    public static ModelProto toModelProto(Model model, Metadata metadata) {
        model.build();
        LayerGraph graph = model.layerGraph();
        OnnxGraphBuilder builder = new OnnxGraphBuilder(model.name());
        List<String> names = new ArrayList<>(graph.inputs().stream().map(OnnxExport::inputName).toList());
        names.addAll(model.outputNames());
        names = uniqueNames(names);
        List<String> inputNames = names.subList(0, graph.inputs().size());
        List<String> outputNames = names.subList(graph.inputs().size(), names.size());
        Set<String> reserved = new HashSet<>(names);
        OnnxExportContext ctx = new OnnxExportContext(builder, reserved);

        List<OnnxValue> inputs = new ArrayList<>();
        for (int i = 0; i < inputNames.size(); i++) {
            Input in = graph.inputs().get(i);
            builder.input(inputNames.get(i), dims(in.shape()));
            inputs.add(new OnnxValue(inputNames.get(i), in.shape()));
        }
        List<OnnxValue> outputs = ctx.exportGraph(graph, inputs);
        for (int i = 0; i < outputs.size(); i++) {
            OnnxValue out = outputs.get(i);
            String name = outputNames.get(i);
            if (!out.name().equals(name)) {
                builder.node("Identity", List.of(out.name()), name);
            }
            builder.output(name, dims(out.shape()));
        }
        metadata.toMap().forEach(builder::metadata);
        ModelProto proto = builder.build();
        return proto.toBuilder().setProducerVersion(LibraryInfo.version()).build();
    }

    /** The graph input's name: the Input's, or {@code input} for a Sequential's unnamed input. */
    private static String inputName(Input in) {
        return in.name() == null ? "input" : in.name();
    }

    /** {@code names} with repeats numbered ({@code dense}, {@code dense_1}): a layer may give two outputs, say. */
    private static List<String> uniqueNames(List<String> names) {
        Set<String> taken = new HashSet<>();
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String name = n;
            for (int i = 1; !taken.add(name); i++) {
                name = n + "_" + i;
            }
            out.add(name);
        }
        return out;
    }

    /** The graph dimensions of {@code shape}: {@code batch}, then the fixed sizes. */
    private static Object[] dims(int[] shape) {
        Object[] dims = new Object[shape.length];
        dims[0] = BATCH;
        for (int i = 1; i < shape.length; i++) {
            dims[i] = shape[i];
        }
        return dims;
    }
}
