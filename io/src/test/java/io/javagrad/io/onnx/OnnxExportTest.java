package io.javagrad.io.onnx;

import static io.javagrad.io.onnx.OrtCheck.assertSameOutputs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.LibraryInfo;
import io.javagrad.io.Metadata;
import io.javagrad.io.SaveOptions;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.StringStringEntryProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorShapeProto;
import io.javagrad.io.onnx.proto.ValueInfoProto;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.Input;
import io.javagrad.layers.Layer;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Model;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.SymbolicTensor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExportTest {
    /** Two inputs, a Dense shared by both branches, two outputs. */
    private static Model twoInTwoOut() {
        Input image = Input.of("image", DType.FLOAT32, 6);
        Input extra = Input.of("extra", DType.FLOAT32, 6);
        Dense shared = new Dense(4).activation("tanh");
        shared.setName("shared");
        SymbolicTensor digit = new Dense(3).activation("softmax").apply(shared.apply(image));
        SymbolicTensor score = new Dense(1).apply(new Dense(5).activation("relu").apply(shared.apply(extra)));
        Model model = new Model(List.of(image, extra), List.of(digit, score), "two_heads");
        model.setSeed(11);
        return model;
    }

    @Test
    void functionalModelWithTwoInputsAndTwoOutputs() {
        Model model = twoInTwoOut();
        ModelProto p = assertSameOutputs("two_in_two_out", model, Tensor.randn(1, 5, 6), Tensor.randn(2, 5, 6));
        assertSameOutputs("two_in_two_out_batch2", model, Tensor.randn(3, 2, 6), Tensor.randn(4, 2, 6));
        assertEquals(List.of("image", "extra"), names(p.getGraph().getInputList()));
        assertEquals(model.outputNames(), names(p.getGraph().getOutputList()));
        long kernels = p.getGraph().getInitializerList().stream().filter(t -> t.getName().startsWith("shared/")).count();
        assertEquals(2, kernels, "the shared layer's kernel and bias are written once");
    }

    @Test
    void mnistCnnArchitecture() {
        Sequential cnn = new Sequential(1, 28, 28);
        cnn.setSeed(5);
        cnn.add(new Conv2D(32, 3, 3).activation("relu")).add(new MaxPool2D())
                .add(new Conv2D(64, 3, 3).activation("relu")).add(new MaxPool2D())
                .add(new Flatten()).add(new Dropout(0.5)).add(new Dense(10).activation("softmax"));
        ModelProto p = assertSameOutputs("mnist_cnn", cnn, Tensor.rand(6, 3, 1, 28, 28));
        assertEquals(List.of("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm", "Softmax",
                "Identity"), p.getGraph().getNodeList().stream().map(n -> n.getOpType()).toList());
    }

    @Test
    void nestedModelsAreWrittenInline() {
        Sequential encoder = new Sequential(List.of(new Dense(5).activation("elu"), new Dense(3)));
        encoder.setName("encoder");
        Input left = Input.of(4);
        Input right = Input.of(4);
        Model model = new Model(List.of(left, right), List.of(new Dense(2).apply(encoder.apply(left)), encoder.apply(right)));
        model.setSeed(2);
        ModelProto p = assertSameOutputs("nested", model, Tensor.randn(5, 3, 4), Tensor.randn(6, 3, 4));
        Set<String> initializers = p.getGraph().getInitializerList().stream().map(TensorProto::getName).collect(Collectors.toSet());
        assertTrue(initializers.containsAll(Set.of("encoder/dense/kernel", "encoder/dense_1/bias")), initializers.toString());
        assertEquals(6, initializers.size(), "the encoder's weights once, the head's once: " + initializers);
    }

    @Test
    void float64ModelsAreWrittenAsFloat() {
        Sequential model = new Sequential(3);
        model.setSeed(4);
        model.add(new Dense(2).activation("sigmoid"));
        model.build();
        model.toDtype(DType.FLOAT64);
        ModelProto p = assertSameOutputs("float64", model, Tensor.randn(7, 4, 3));
        for (TensorProto t : p.getGraph().getInitializerList()) {
            assertEquals(TensorProto.DataType.FLOAT_VALUE, t.getDataType(), t.getName());
            assertTrue(t.hasRawData(), t.getName());
        }
    }

    @Test
    void graphHasOpset17BatchDimParamAndMetadata() throws IOException {
        Model model = twoInTwoOut();
        byte[] bytes = OnnxExport.toBytes(model, Map.of("dataset", "synthetic", Metadata.CREATED_KEY, "2024-01-01T00:00:00Z"));
        ModelProto p = OnnxReader.parse(bytes, "exported");
        assertEquals(8, p.getIrVersion());
        assertEquals(17, OnnxReader.opsetVersion(p, ""));
        assertEquals("javagrad", p.getProducerName());
        assertEquals(LibraryInfo.version(), p.getProducerVersion());
        assertEquals("two_heads", p.getGraph().getName());
        for (ValueInfoProto v : p.getGraph().getInputList()) {
            List<TensorShapeProto.Dimension> dims = v.getType().getTensorType().getShape().getDimList();
            assertEquals("batch", dims.get(0).getDimParam());
            assertEquals(6, dims.get(1).getDimValue());
        }
        assertEquals(List.of(3L, 1L), p.getGraph().getOutputList().stream()
                .map(v -> v.getType().getTensorType().getShape().getDim(1).getDimValue()).toList());
        Map<String, String> meta = p.getMetadataPropsList().stream()
                .collect(Collectors.toMap(StringStringEntryProto::getKey, StringStringEntryProto::getValue));
        assertEquals(LibraryInfo.version(), meta.get(Metadata.VERSION_KEY));
        assertFalse(LibraryInfo.version().contains("${"), "the build filled in the version");
        assertEquals(System.getProperty("java.version"), meta.get(Metadata.JAVA_VERSION_KEY));
        assertEquals("11", meta.get(Metadata.SEED_KEY));
        assertEquals("synthetic", meta.get("dataset"));
        assertEquals("2024-01-01T00:00:00Z", meta.get(Metadata.CREATED_KEY), "the caller's entries replace ours");

        Set<String> produced = new HashSet<>();
        p.getGraph().getNodeList().forEach(n -> n.getOutputList().forEach(o -> assertTrue(produced.add(o), o + " twice")));
    }

    @Test
    void creationTimeIsNow() {
        ModelProto p = OnnxExport.toModelProto(twoInTwoOut(), Map.of());
        String created = p.getMetadataPropsList().stream().filter(e -> e.getKey().equals(Metadata.CREATED_KEY))
                .findFirst().orElseThrow().getValue();
        java.time.Instant t = java.time.Instant.parse(created);
        assertTrue(Math.abs(java.time.Duration.between(t, java.time.Instant.now()).toMinutes()) < 60, created);
    }

    /** A layer type without an exporter. */
    static final class Doubler extends Layer {
        Doubler() {
            super("doubler");
        }

        @Override
        protected Tensor forward(Tensor input, boolean training) {
            return input.mul(2);
        }
    }

    @Test
    void layerWithoutExporterIsAnErrorNamingItAndItsClass() {
        Sequential model = new Sequential(3);
        model.add(new Dense(2)).add(new Doubler());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxExport.toBytes(model));
        assertTrue(e.getMessage().contains("layer 'doubler' of class Doubler (" + Doubler.class.getName() + ")"),
                e.getMessage());
        assertTrue(e.getMessage().contains("OnnxExporters.register"), e.getMessage());
    }

    /** A user layer with a registered exporter. */
    static final class Scale extends Layer {
        final double factor;

        Scale(double factor) {
            super(null);
            this.factor = factor;
        }

        @Override
        public String className() {
            return "TestScale";
        }

        @Override
        protected Tensor forward(Tensor input, boolean training) {
            return input.mul(factor);
        }
    }

    @Test
    void userLayersExportThroughTheirRegisteredExporter() {
        OnnxExporters.register("TestScale", Scale.class,
                (ctx, layer, in) -> ctx.node("Mul", List.of(in.get(0).name(), ctx.scalar("factor", layer.factor))));
        assertTrue(OnnxExporters.isRegistered("TestScale"));
        Sequential model = new Sequential(4);
        model.add(new Dense(3)).add(new Scale(-1.5)).add(new Dense(2));
        assertSameOutputs("user_layer", model, Tensor.randn(8, 3, 4));
    }

    @Test
    void saveWritesAFileTheReaderAccepts(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.onnx");
        Files.writeString(file, "old content");
        OnnxExport.save(twoInTwoOut(), file, Map.of("note", "x"));
        ModelProto p = OnnxReader.read(file);
        assertEquals(2, p.getGraph().getOutputCount());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left behind");
        }
        IOException e = assertThrows(IOException.class, () -> OnnxExport.save(twoInTwoOut(), dir.resolve("missing/m.onnx")));
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void saveWithSaveOptionsWritesTheirMetadataEntries(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("model.onnx");
        OnnxExport.save(twoInTwoOut(), file, SaveOptions.metadata(Map.of("data", "iris.csv")).put("script", "train.sh"));
        List<String> keys = OnnxReader.read(file).getMetadataPropsList().stream().map(StringStringEntryProto::getKey).toList();
        assertEquals(List.of(Metadata.VERSION_KEY, Metadata.JAVA_VERSION_KEY, Metadata.CREATED_KEY, Metadata.SEED_KEY,
                "data", "script"), keys);
    }

    @Test
    void sequentialWithoutInputShapeIsAnError() {
        Sequential model = new Sequential();
        model.add(new Dense(2));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxExport.toBytes(model));
        assertTrue(e.getMessage().contains("input shape is unknown"), e.getMessage());
    }

    private static List<String> names(List<ValueInfoProto> values) {
        return values.stream().map(ValueInfoProto::getName).toList();
    }
}
