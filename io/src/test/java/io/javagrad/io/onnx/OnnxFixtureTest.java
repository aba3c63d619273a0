package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.javagrad.io.onnx.proto.GraphProto;
import io.javagrad.io.onnx.proto.ModelProto;
import io.javagrad.io.onnx.proto.NodeProto;
import io.javagrad.io.onnx.proto.TensorProto;
import io.javagrad.io.onnx.proto.TensorShapeProto;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generated classes read a model exported by PyTorch 1.1 (shared/fixtures/onnx, see its README). */
class OnnxFixtureTest {
    @Test
    void readsThePytorchMnistCnn() throws IOException {
        ModelProto model = OnnxReader.read(Fixtures.file("onnx", "cnn_mnist_pytorch_opset9.onnx"));
        assertEquals(4, model.getIrVersion());
        assertEquals(9, OnnxReader.opsetVersion(model, ""));
        assertEquals(9, OnnxReader.opsetVersion(model, "ai.onnx"));
        assertTrue(model.getProducerName().contains("pytorch"), model.getProducerName());

        GraphProto graph = model.getGraph();
        List<String> ops = graph.getNodeList().stream().map(NodeProto::getOpType).toList();
        for (String op : List.of("Conv", "MaxPool", "Relu", "Reshape", "Gemm", "LogSoftmax")) {
            assertTrue(ops.contains(op), op + " in " + ops);
        }
        assertEquals("input_image", graph.getInput(0).getName());
        List<TensorShapeProto.Dimension> dims = graph.getInput(0).getType().getTensorType().getShape().getDimList();
        assertEquals("batch", dims.get(0).getDimParam());
        assertEquals(List.of(1L, 28L, 28L), dims.subList(1, 4).stream().map(TensorShapeProto.Dimension::getDimValue).toList());

        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        NodeProto conv = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Conv")).findFirst().orElseThrow();
        assertArrayEquals(new long[] {5, 5}, OnnxAttributes.getInts(conv, "kernel_shape", null));
        Tensor kernel = OnnxTensors.toTensor(initializers.get(conv.getInput(1)));
        assertEquals(DType.FLOAT32, kernel.dtype());
        assertArrayEquals(new int[] {10, 1, 5, 5}, kernel.shape());
        assertArrayEquals(new int[] {10}, OnnxTensors.toTensor(initializers.get(conv.getInput(2))).shape());
        assertArrayEquals(new int[] {50, 320}, OnnxTensors.toTensor(initializers.get("fc1.weight")).shape());

        NodeProto gemm = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Gemm")).findFirst().orElseThrow();
        assertEquals(1, OnnxAttributes.getInt(gemm, "transB", 0));
        assertEquals(1.0f, OnnxAttributes.getFloat(gemm, "alpha", 1.0f));

        NodeProto constant = graph.getNodeList().stream().filter(n -> n.getOpType().equals("Constant")).findFirst().orElseThrow();
        long[] shape = OnnxTensors.toLongs(OnnxAttributes.getTensor(constant, "value"));
        assertEquals(2, shape.length);
        assertEquals(320, shape[1]);
    }
}
