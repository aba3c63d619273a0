package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorShapeProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OnnxGraphBuilderTest {
    private final Tensor w1 = Tensor.randn(1, 3, 4);
    private final Tensor b1 = Tensor.randn(2, 3);
    private final Tensor w2 = Tensor.randn(3, 2, 3).to(DType.FLOAT64);
    private final Tensor b2 = Tensor.randn(4, 2);

    /** input [batch, 2, 2] -> Reshape [-1, 4] -> Gemm(transB) -> Relu -> Gemm(transB) -> Softmax. */
    private ModelProto mlp() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("mlp");
        String x = b.input("input", "batch", 2, 2);
        String shape = b.initializer(OnnxTensors.int64Tensor("shape", new long[] {-1, 4}, 2));
        String flat = b.node("Reshape", List.of(x, shape), "flat");
        String h = b.node("Gemm", List.of(flat, b.initializer("w1", w1), b.initializer("b1", b1)), "hidden",
                OnnxAttributes.ofInt("transB", 1));
        String r = b.node("Relu", List.of(h), b.uniqueName("hidden"));
        String logits = b.node("Gemm", List.of(r, b.initializer("w2", w2), b.initializer("b2", b2)), "logits",
                OnnxAttributes.ofInt("transB", 1), OnnxAttributes.ofFloat("alpha", 1.0));
        b.node("Softmax", List.of(logits), "output", OnnxAttributes.ofInt("axis", -1));
        b.output("output", "batch", 2);
        b.metadata("javagrad.model", "Sequential");
        return b.build();
    }

    private Tensor expected(Tensor x) {
        Tensor flat = x.reshape(x.shape(0), 4);
        return flat.matmul(w1.t()).add(b1).relu().matmul(w2.to(DType.FLOAT32).t()).add(b2).softmax(-1);
    }

    @Test
    void writesOpset17WithRawLittleEndianFloatsAndABatchDimParam() {
        ModelProto m = mlp();
        assertEquals(OnnxGraphBuilder.IR_VERSION, m.getIrVersion());
        assertEquals(17, OnnxReader.opsetVersion(m, ""));
        assertEquals("javagrad", m.getProducerName());
        assertEquals("Sequential", m.getMetadataProps(0).getValue());
        List<TensorShapeProto.Dimension> dims = m.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();
        assertEquals("batch", dims.get(0).getDimParam());
        assertEquals(2, dims.get(1).getDimValue());

        TensorProto w = m.getGraph().getInitializerList().stream().filter(t -> t.getName().equals("w1")).findFirst().orElseThrow();
        assertEquals(TensorProto.DataType.FLOAT_VALUE, w.getDataType());
        assertEquals(List.of(3L, 4L), w.getDimsList());
        float[] raw = new float[12];
        w.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
        assertArrayEquals(w1.toFloatArray(), raw);
        TensorProto w2Proto = m.getGraph().getInitializer(4);
        assertEquals(TensorProto.DataType.FLOAT_VALUE, w2Proto.getDataType(), "float64 weights are written as FLOAT");

        List<String> nodes = m.getGraph().getNodeList().stream().map(NodeProto::getName).toList();
        assertEquals(List.of("Reshape", "Gemm", "Relu", "Gemm_1", "Softmax"), nodes);
        assertEquals("hidden_1", m.getGraph().getNode(2).getOutput(0));
    }

    @Test
    void serializedModelReadsBackToTheSameTensors() throws IOException {
        ModelProto read = OnnxReader.parse(mlp().toByteArray(), "mlp");
        TensorProto w1Proto = read.getGraph().getInitializer(1);
        assertArrayEquals(w1.toFloatArray(), OnnxTensors.toTensor(w1Proto).toFloatArray());
        assertArrayEquals(new int[] {3, 4}, OnnxTensors.toTensor(w1Proto).shape());
        assertArrayEquals(new long[] {-1, 4}, OnnxTensors.toLongs(read.getGraph().getInitializer(0)));
        assertEquals(1, OnnxAttributes.getInt(read.getGraph().getNode(1), "transB", 0));
        assertEquals(-1, OnnxAttributes.getInt(read.getGraph().getNode(4), "axis", 1));
    }

    @Test
    void onnxRuntimeComputesWhatJavagradComputes() throws OrtException {
        Tensor x = Tensor.randn(5, 3, 2, 2);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
        try (OrtSession session = env.createSession(mlp().toByteArray(), options);
                OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), new long[] {3, 2, 2});
                OrtSession.Result result = session.run(Map.of("input", input))) {
            float[][] out = (float[][]) result.get(0).getValue();
            Tensor expected = expected(x);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(expected.select(0, i).toFloatArray(), out[i], 1e-5f);
            }
        }
    }

    @Test
    void enforcesTopologicalOrderAndUniqueNames() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        String x = b.input("x", "batch", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> b.node("Relu", List.of("y"), "z"));
        assertTrue(e.getMessage().contains("Relu node 'Relu': input 'y' is not produced"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.node("Relu", List.of(x), "x"));
        assertThrows(IllegalArgumentException.class, () -> b.initializer("x", Tensor.ones(1)));
        assertThrows(IllegalArgumentException.class, () -> b.node("Relu", List.of(x), List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> b.node("LeakyRelu", List.of(x), "l",
                OnnxAttributes.ofFloat("alpha", 0.3), OnnxAttributes.ofFloat("alpha", 0.1)));
        assertThrows(IllegalArgumentException.class, () -> b.input("bad", 2.5));
        b.node("Relu", List.of(x, ""), "y"); // empty name: an omitted optional input
        b.output("missing", "batch", 3);
        e = assertThrows(IllegalArgumentException.class, b::build);
        assertTrue(e.getMessage().contains("'missing' is not produced"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new OnnxGraphBuilder("empty").build());
    }

    @Test
    void initializerRejectsInconsistentTensors() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("g");
        TensorProto bad = TensorProto.newBuilder().setName("t").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addFloatData(1).build();
        assertThrows(IllegalArgumentException.class, () -> b.initializer(bad));
        assertThrows(IllegalArgumentException.class, () -> OnnxTensors.int64Tensor("s", new long[] {1, 2, 3}, 2));
        assertEquals("t", b.initializer(bad.toBuilder().addFloatData(2).build()), "the failed attempt did not take the name");
    }

    @Test
    void tensorsReadFromTypedFieldsAndAllIntegerKinds() {
        TensorProto floats = TensorProto.newBuilder().setName("f").setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(2).addDims(2).addFloatData(1).addFloatData(2).addFloatData(3).addFloatData(4).build();
        assertArrayEquals(new float[] {1, 2, 3, 4}, OnnxTensors.toTensor(floats).toFloatArray());
        TensorProto doubles = TensorProto.newBuilder().setName("d").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDoubleData(Math.PI).build();
        Tensor scalar = OnnxTensors.toTensor(doubles);
        assertEquals(0, scalar.rank());
        assertEquals(DType.FLOAT64, scalar.dtype());
        assertEquals(Math.PI, scalar.item());
        TensorProto int32 = TensorProto.newBuilder().setName("i").setDataType(TensorProto.DataType.INT32_VALUE)
                .addDims(3).addInt32Data(-1).addInt32Data(0).addInt32Data(7).build();
        assertArrayEquals(new long[] {-1, 0, 7}, OnnxTensors.toLongs(int32));
        assertArrayEquals(new double[] {-1, 0, 7}, OnnxTensors.toTensor(int32).toDoubleArray());
        ByteBuffer raw = ByteBuffer.allocate(6).order(ByteOrder.LITTLE_ENDIAN).putShort((short) -2).putShort((short) 3).putShort((short) 0xFFFF);
        TensorProto uint16 = TensorProto.newBuilder().setName("u").setDataType(TensorProto.DataType.UINT16_VALUE)
                .addDims(3).setRawData(com.google.protobuf.ByteString.copyFrom(raw.array())).build();
        assertArrayEquals(new long[] {65534, 3, 65535}, OnnxTensors.toLongs(uint16));
        assertThrows(IllegalArgumentException.class, () -> OnnxTensors.toLongs(floats));
        TensorProto half = TensorProto.newBuilder().setName("h").setDataType(TensorProto.DataType.FLOAT16_VALUE)
                .addDims(1).addInt32Data(0x3C00).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxTensors.toTensor(half));
        assertTrue(e.getMessage().contains("FLOAT16"), e.getMessage());
    }

    @Test
    void attributeGettersCheckTheType() {
        NodeProto node = NodeProto.newBuilder().setOpType("Conv").setName("conv")
                .addAttribute(OnnxAttributes.ofInts("pads", 1, 1, 1, 1))
                .addAttribute(OnnxAttributes.ofString("auto_pad", "NOTSET"))
                .addAttribute(OnnxAttributes.ofFloats("scales", 1.5f, 2f))
                .addAttribute(io.javagrad.io.onnx.proto.AttributeProto.newBuilder().setName("group").setI(2)) // IR 1: no type
                .build();
        assertArrayEquals(new long[] {1, 1, 1, 1}, OnnxAttributes.getInts(node, "pads", null));
        assertEquals("NOTSET", OnnxAttributes.getString(node, "auto_pad", "x"));
        assertArrayEquals(new float[] {1.5f, 2f}, OnnxAttributes.getFloats(node, "scales", null));
        assertEquals(2, OnnxAttributes.getInt(node, "group", 1));
        assertArrayEquals(new long[] {1, 1}, OnnxAttributes.getInts(node, "strides", new long[] {1, 1}));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OnnxAttributes.getInt(node, "pads", 0));
        assertTrue(e.getMessage().contains("Conv node 'conv': attribute 'pads' is INTS, expected INT"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OnnxAttributes.getTensor(node, "value"));
    }
}
