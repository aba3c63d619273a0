package io.javagrad.io.onnx;

import static io.javagrad.io.onnx.OnnxAttributes.ofInt;
import static io.javagrad.io.onnx.OnnxAttributes.ofInts;
import static io.javagrad.io.onnx.OnnxAttributes.ofString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.AttributeProto;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.OperatorSetIdProto;
import io.javagrad.io.onnx.proto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the importer refuses, and how it says so. */
class OnnxImportErrorsTest {
    private static final Path GEMM = Path.of("src", "test", "resources", "onnx", "linear_gemm.onnx");

    /** x [batch, 4] -> op -> y. */
    private static ModelProto oneNode(String op, AttributeProto... attributes) {
        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        b.output(b.node(op, List.of(b.input("x", "batch", 1, 4, 4)), "y", attributes), "batch", 1, 4, 4);
        return b.build();
    }

    private static String importError(ModelProto model) {
        IOException e = assertThrows(IOException.class, () -> OnnxImport.load(model.toByteArray(), "m.onnx"));
        assertTrue(e.getMessage().startsWith("cannot import ONNX file m.onnx: "), e.getMessage());
        return e.getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), message);
    }

    private static String runError(ModelProto model, Tensor x) {
        OnnxModel m = OnnxImport.fromModel(model);
        return assertThrows(IllegalArgumentException.class, () -> m.callAll(List.of(x), false)).getMessage();
    }

    @Test
    void unsupportedOpNamesTheOpItsDomainAndTheOpset() {
        String message = importError(oneNode("Resize"));
        assertTrue(message.contains("unsupported ONNX op 'Resize' (domain 'ai.onnx', opset 17) in node 'Resize'"), message);
        assertTrue(message.contains("supported ops: [") && message.contains("Conv"), message);

        ModelProto.Builder custom = oneNode("Relu").toBuilder()
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.microsoft").setVersion(1));
        custom.getGraphBuilder().getNodeBuilder(0).setOpType("FusedGemm").setDomain("com.microsoft");
        message = importError(custom.build());
        assertTrue(message.contains("unsupported ONNX op 'FusedGemm' of domain 'com.microsoft' (opset 1)"), message);

        ModelProto.Builder unimported = oneNode("Relu").toBuilder();
        unimported.getGraphBuilder().getNodeBuilder(0).setDomain("ai.onnx.ml");
        message = importError(unimported.build());
        assertTrue(message.contains("of domain 'ai.onnx.ml' (no opset imported for it)"), message);
    }

    @Test
    void opsetsOutsideNineToSeventeenAreRefused() {
        for (int opset : new int[] {8, 18}) {
            ModelProto m = oneNode("Relu").toBuilder()
                    .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
            assertContains(importError(m), "default-domain opset " + opset + " is not supported (supported: 9 to 17)");
        }
        ModelProto old = oneNode("LayerNormalization").toBuilder()
                .setOpsetImport(0, OperatorSetIdProto.newBuilder().setDomain("").setVersion(16)).build();
        assertContains(importError(old), "LayerNormalization is an op of opset 17 and later");
    }

    @Test
    void nodesOutOfOrderOrRedefiningANameAreRefused() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        String h = b.node("Relu", List.of(b.input("x", "batch", 4)), "h");
        b.output(b.node("Tanh", List.of(h), "y"), "batch", 4);
        ModelProto.Builder swapped = b.build().toBuilder();
        GraphProto.Builder g = swapped.getGraphBuilder();
        NodeProto first = g.getNode(0);
        g.setNode(0, g.getNode(1)).setNode(1, first);
        assertContains(importError(swapped.build()), "Tanh node 'Tanh' (opset 17): input 'h' is not produced by any"
                + " earlier node, graph input or initializer (nodes must be in topological order)");

        ModelProto.Builder twice = b.build().toBuilder();
        twice.getGraphBuilder().getNodeBuilder(1).setOutput(0, "h");
        assertContains(importError(twice.build()), "the name 'h' is empty or already defined");
    }

    @Test
    void unknownAttributesAndUnsupportedModesAreRefusedAtLoad() {
        assertContains(importError(oneNode("Relu", ofInt("alpha", 1))), "Relu node 'Relu' (opset 17): attribute"
                + " 'alpha' is not supported");
        OnnxGraphBuilder pad = new OnnxGraphBuilder("g");
        String pads = pad.initializer(OnnxTensors.int64Tensor("pads", new long[] {0, 1, 0, 1}, 4));
        pad.output(pad.node("Pad", List.of(pad.input("x", "batch", 4), pads), "y", ofString("mode", "reflect")), "batch", 6);
        assertContains(importError(pad.build()), "mode 'reflect' is not supported");
        assertContains(importError(oneNode("AveragePool", ofInts("kernel_shape", 2, 2), ofString("auto_pad", "SAME"))),
                "auto_pad must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got 'SAME'");
        assertContains(importError(oneNode("MaxPool", ofInts("kernel_shape", 2, 2), ofInts("dilations", 2, 2))),
                "dilated pooling is not supported");
        assertContains(importError(oneNode("Relu", ofString("alpha", "x"))), "attribute 'alpha'");
        assertContains(importError(oneNode("Cast", ofInt("to", 10))), "casting to data type FLOAT16 is not supported");

        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        NodeProto pool = b.node("MaxPool", List.of(b.input("x", "batch", 1, 4, 4)), List.of("y", "indices"),
                ofInts("kernel_shape", 2, 2));
        b.output("y", "batch", 1, 2, 2).output("indices", "batch", 1, 2, 2);
        assertContains(importError(b.build()), "MaxPool node '" + pool.getName() + "' (opset 17): output 1"
                + " ('indices') is used, but only the first output is supported");
    }

    @Test
    void problemsWhileRunningNameTheModelAndTheNode() {
        String ceil = runError(oneNode("MaxPool", ofInts("kernel_shape", 3, 3), ofInts("strides", 2, 2),
                ofInt("ceil_mode", 1)), Tensor.zeros(2, 1, 4, 4));
        assertTrue(ceil.startsWith("OnnxModel 'onnx_model': MaxPool node 'MaxPool' (opset 17): ceil_mode=1 is"
                + " supported only where it gives the floor-mode size"), ceil);

        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        String shape = b.initializer(OnnxTensors.int64Tensor("shape", new long[] {-1, 5}, 2));
        b.output(b.node("Reshape", List.of(b.input("x", "batch", 4), shape), "y"), "batch", 5);
        String reshape = runError(b.build(), Tensor.zeros(3, 4));
        assertEquals("OnnxModel 'onnx_model': Reshape node 'Reshape' (opset 17): cannot reshape [3, 4] to [-1, 5]", reshape);

        OnnxGraphBuilder huge = new OnnxGraphBuilder("g");
        String pads = huge.initializer(OnnxTensors.int64Tensor("pads", new long[] {0, 0, Integer.MAX_VALUE, 0}, 4));
        huge.output(huge.node("Pad", List.of(huge.input("x", "batch", 4), pads), "y"), "batch", 4);
        assertTrue(runError(huge.build(), Tensor.zeros(3, 4)).contains("larger than"), "checked before allocating");

        String input = runError(oneNode("Relu"), Tensor.zeros(2, 1, 4, 5));
        assertEquals("OnnxModel 'onnx_model': input 'x' expects shape [?, 1, 4, 4], got [2, 1, 4, 5]", input);
    }

    @Test
    void initializersAlsoListedAsGraphInputsAreWeightsNotInputs() throws IOException {
        ModelProto model = OnnxReader.read(GEMM);
        ModelProto.Builder old = model.toBuilder();
        for (var t : model.getGraph().getInitializerList()) {
            old.getGraphBuilder().addInput(ValueInfoProto.newBuilder().setName(t.getName())
                    .setType(model.getGraph().getInput(0).getType()));
        }
        OnnxModel withInputs = OnnxImport.fromModel(old.build());
        assertEquals(List.of("input"), withInputs.inputNames());
        Tensor x = Tensor.randn(3, 5, 6);
        assertArrayEquals(OnnxImport.fromModel(model).predict(x).toFloatArray(), withInputs.predict(x).toFloatArray());
    }

    @Test
    void damagedFilesAreReaderErrors() throws IOException {
        byte[] bytes = Files.readAllBytes(GEMM);
        IOException e = assertThrows(IOException.class,
                () -> OnnxImport.load(Arrays.copyOf(bytes, bytes.length - 40), "cut.onnx"));
        assertTrue(e.getMessage().startsWith("cannot read ONNX file cut.onnx"), e.getMessage());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> OnnxImport.load(Path.of("no-such.onnx")));
    }
}
