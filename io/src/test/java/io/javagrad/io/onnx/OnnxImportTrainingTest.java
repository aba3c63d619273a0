package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Tensor;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.History;
import io.javagrad.layers.Losses;
import io.javagrad.optim.Adam;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imported models are trainable: fit lowers the loss, gradients reach the imported weights and are correct. */
class OnnxImportTrainingTest {
    private static final Path TORCH = Path.of("src", "test", "resources", "onnx");

    private static OnnxModel load(String name) throws IOException {
        return OnnxImport.load(TORCH.resolve(name + ".onnx"));
    }

    /** Fits {@code model} to random targets of its output's shape; returns the per-epoch losses. */
    private static List<Double> fineTune(OnnxModel model, Tensor x) {
        Tensor y = Tensor.randn(99, model.predict(x).shape());
        model.setSeed(5);
        model.compile(new Adam(0.02), Losses.meanSquaredError());
        History history = model.fit(x, y, FitOptions.defaults().epochs(6).batchSize(8).verbose(false));
        return history.get("loss");
    }

    @Test
    void fineTuningAConvBatchNormModelLowersTheLossAndKeepsTheStatistics() throws IOException {
        OnnxModel model = load("conv_bn_kept");
        float[] kernel = model.parameter("conv.weight").value().toFloatArray();
        float[] mean = model.parameter("bn.running_mean").value().toFloatArray();
        List<Double> losses = fineTune(model, Tensor.randn(1, 16, 2, 8, 8));
        assertTrue(losses.get(losses.size() - 1) < 0.9 * losses.get(0), losses.toString());
        assertFalse(Arrays.equals(kernel, model.parameter("conv.weight").value().toFloatArray()), "the kernel was trained");
        assertArrayEquals(mean, model.parameter("bn.running_mean").value().toFloatArray(), "statistics are not trained");
    }

    @Test
    void fineTuningAttentionWithShapeSubgraphsLowersTheLoss() throws IOException {
        OnnxModel model = load("multihead_attention");
        float[] proj = model.parameter("mha.out_proj.weight").value().toFloatArray();
        List<Double> losses = fineTune(model, Tensor.randn(2, 16, 5, 8));
        assertTrue(losses.get(losses.size() - 1) < 0.9 * losses.get(0), losses.toString());
        assertFalse(Arrays.equals(proj, model.parameter("mha.out_proj.weight").value().toFloatArray()));
    }

    @Test
    void fineTuningAnEmbeddingTrainsOnlyTheRowsSeen() throws IOException {
        OnnxModel model = load("embedding");
        Tensor table = model.parameter("emb.weight").value().cloneTensor().detach();
        float[] seen = new float[16 * 3];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = 1 + (i * 7) % 3; // rows 1 to 3 of 10
        }
        Tensor ids = Tensor.of(seen, 16, 3);
        List<Double> losses = fineTune(model, ids);
        assertTrue(losses.get(losses.size() - 1) < losses.get(0), losses.toString());
        Tensor trained = model.parameter("emb.weight").value();
        assertArrayEquals(table.select(0, 0).toFloatArray(), trained.select(0, 0).toFloatArray(), "row 0 never used");
        assertFalse(Arrays.equals(table.select(0, 1).toFloatArray(), trained.select(0, 1).toFloatArray()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"linear_rank3", "conv_bn_kept", "layernorm_opset14", "layernorm_opset17",
            "multihead_attention", "gelu"})
    void float64GradientsOfInputAndWeightsPassGradCheck(String name) throws IOException {
        OnnxModel model = load(name);
        model.toDtype(DType.FLOAT64);
        int[] shape = OnnxTensors.toTensor(io.javagrad.io.onnx.proto.TensorProto.parseFrom(
                java.nio.file.Files.readAllBytes(TORCH.resolve(name + ".input_0.pb")))).shape();
        shape[0] = 2;
        Tensor x = Tensor.randn(7, shape).to(DType.FLOAT64).requiresGrad(true);
        List<Tensor> checked = new ArrayList<>(model.trainableParameters());
        checked.add(x);
        GradCheck.assertGradients(in -> model.callAll(List.of(x), true).get(0).tanh().sum(), checked.toArray(new Tensor[0]));
    }

    @Test
    void frozenModelHasNoTrainableParameters() throws IOException {
        OnnxModel model = load("linear_gemm");
        assertEquals(2, model.trainableParameters().size());
        assertEquals(6 * 4 + 4, model.countTrainableParams());
        model.setTrainable(false);
        assertEquals(0, model.trainableParameters().size());
        assertFalse(model.parameter("weight").value().requiresGrad());
    }

    @Test
    void chosenWeightsCanBeImportedFrozenForFineTuningAHead() throws IOException {
        OnnxModel model = OnnxImport.load(TORCH.resolve("conv_bn_kept.onnx"), name -> name.startsWith("bn."));
        assertFalse(model.parameter("conv.weight").trainable());
        assertTrue(model.parameter("bn.weight").trainable());
        assertFalse(model.parameter("bn.running_var").trainable(), "statistics stay frozen");
        float[] kernel = model.parameter("conv.weight").value().toFloatArray();
        List<Double> losses = fineTune(model, Tensor.randn(3, 16, 2, 8, 8));
        assertTrue(losses.get(losses.size() - 1) < losses.get(0), losses.toString());
        assertArrayEquals(kernel, model.parameter("conv.weight").value().toFloatArray());
    }

    @Test
    void dropoutDropsOnlyWhileTraining() {
        OnnxGraphBuilder b = new OnnxGraphBuilder("dropout");
        b.output(b.node("Dropout", List.of(b.input("x", "batch", 100), b.initializer("ratio", Tensor.scalar(0.5))),
                "y"), "batch", 100);
        OnnxModel model = OnnxImport.fromModel(b.build());
        Tensor x = Tensor.ones(4, 100);
        assertArrayEquals(x.toFloatArray(), model.callAll(List.of(x), false).get(0).toFloatArray());
        float[] trained = model.callAll(List.of(x), true).get(0).toFloatArray();
        long zeros = 0;
        for (float v : trained) {
            assertTrue(v == 0 || v == 2, "kept values are scaled by 1 / (1 - ratio): " + v);
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 100 && zeros < 300, zeros + " of 400 dropped");
    }
}
