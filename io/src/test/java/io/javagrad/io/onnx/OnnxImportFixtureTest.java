package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.Tensor;
import io.javagrad.io.Fixtures;
import io.javagrad.io.onnx.proto.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Real exported models give the outputs of the framework that exported them and of ONNX Runtime. The PyTorch
 * 1.13 files in src/test/resources/onnx come from src/test/python/make_torch_onnx_fixtures.py (the command is
 * in its docstring); the PyTorch 1.1 MNIST CNN is a shared fixture, skipped when absent.
 */
class OnnxImportFixtureTest {
    private static final Path TORCH = Path.of("src", "test", "resources", "onnx");

    @Test
    void pytorch11MnistCnnMatchesOnnxRuntime() throws Exception {
        Path file = Fixtures.file("onnx", "cnn_mnist_pytorch_opset9.onnx");
        OnnxModel model = OnnxImport.load(file);
        assertEquals(List.of("input_image"), model.inputNames());
        Tensor x = Tensor.rand(11, 3, 1, 28, 28);
        Tensor expected = OrtReference.run(Files.readAllBytes(file), "input_image", x);
        Tensor actual = model.predict(x);
        assertArrayEquals(new int[] {3, 10}, actual.shape());
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-5f);
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear_gemm", "linear_rank3", "conv_bn_folded", "conv_bn_kept", "layernorm_opset17",
            "layernorm_opset14", "multihead_attention", "embedding", "gelu"})
    void pytorch113ExportsMatchPytorchAndOnnxRuntime(String name) throws Exception {
        Path file = TORCH.resolve(name + ".onnx");
        OnnxModel model = OnnxImport.load(file);
        TensorProto inputProto = TensorProto.parseFrom(Files.readAllBytes(TORCH.resolve(name + ".input_0.pb")));
        boolean integer = inputProto.getDataType() == TensorProto.DataType.INT64_VALUE;
        Tensor x = OnnxTensors.toTensor(inputProto);
        Tensor torch = OnnxTensors.toTensor(TensorProto.parseFrom(Files.readAllBytes(TORCH.resolve(name + ".output_0.pb"))));
        Tensor ort = OrtReference.run(Files.readAllBytes(file), Map.of("input", x), integer ? List.of("input") : List.of());

        Tensor actual = model.predict(x);
        assertArrayEquals(torch.shape(), actual.shape(), name);
        assertArrayEquals(torch.toFloatArray(), actual.toFloatArray(), 1e-5f, name + " vs PyTorch");
        assertArrayEquals(ort.toFloatArray(), actual.toFloatArray(), 1e-5f, name + " vs ONNX Runtime");
    }

    @Test
    void batchAndSequenceAxesAreDynamic() throws Exception {
        Path file = TORCH.resolve("multihead_attention.onnx");
        OnnxModel model = OnnxImport.load(file);
        Tensor x = Tensor.randn(12, 3, 7, 8);
        Tensor ort = OrtReference.run(Files.readAllBytes(file), "input", x);
        Tensor actual = model.predict(x);
        assertArrayEquals(new int[] {3, 7, 8}, actual.shape());
        assertArrayEquals(ort.toFloatArray(), actual.toFloatArray(), 1e-5f);
    }

    @Test
    void foldedAndKeptBatchNormGiveTheSameModelWithStatisticsFrozen() throws IOException {
        OnnxModel kept = OnnxImport.load(TORCH.resolve("conv_bn_kept.onnx"));
        assertTrue(kept.parameter("conv.weight").trainable());
        assertTrue(kept.parameter("bn.weight").trainable());
        assertTrue(!kept.parameter("bn.running_mean").trainable() && !kept.parameter("bn.running_var").trainable());
        assertEquals(4, kept.trainableParameters().size());
        OnnxModel folded = OnnxImport.load(TORCH.resolve("conv_bn_folded.onnx"));
        Tensor x = Tensor.randn(13, 2, 2, 8, 8);
        assertArrayEquals(kept.predict(x).toFloatArray(), folded.predict(x).toFloatArray(), 1e-5f);
    }
}
