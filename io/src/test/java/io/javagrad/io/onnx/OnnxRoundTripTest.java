package io.javagrad.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javagrad.core.DType;
import io.javagrad.core.GradCheck;
import io.javagrad.core.Tensor;
import io.javagrad.layers.AvgPool2D;
import io.javagrad.layers.BatchNorm;
import io.javagrad.layers.Conv2D;
import io.javagrad.layers.Dense;
import io.javagrad.layers.Dropout;
import io.javagrad.layers.ELU;
import io.javagrad.layers.Embedding;
import io.javagrad.layers.FitOptions;
import io.javagrad.layers.Flatten;
import io.javagrad.layers.GlobalMaxPooling2D;
import io.javagrad.layers.Initializers;
import io.javagrad.layers.Layer;
import io.javagrad.layers.LayerNorm;
import io.javagrad.layers.LeakyReLU;
import io.javagrad.layers.Losses;
import io.javagrad.layers.MaxPool2D;
import io.javagrad.layers.Model;
import io.javagrad.layers.MultiHeadAttention;
import io.javagrad.layers.ReLU;
import io.javagrad.layers.Sequential;
import io.javagrad.layers.TransformerEncoderBlock;
import io.javagrad.optim.Adam;
import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Javagrad models exported with {@link OnnxExport} and imported back compute the same outputs and train. */
class OnnxRoundTripTest {
    private static Sequential model(int[] inputShape, Layer... layers) {
        Sequential m = new Sequential(inputShape);
        m.setSeed(3);
        for (Layer l : layers) {
            m.add(l);
        }
        return m;
    }

    private static Tensor ids(int rows, int cols, int vocabulary) {
        float[] v = new float[rows * cols];
        for (int i = 0; i < v.length; i++) {
            v[i] = (i * 7) % vocabulary;
        }
        return Tensor.of(v, rows, cols);
    }

    static Stream<Arguments> models() {
        return Stream.of(
                Arguments.of("mlp", model(new int[] {6}, new Dense(8).activation("relu"), new Dropout(0.2),
                        new Dense(3).activation("softmax")), Tensor.randn(1, 5, 6)),
                Arguments.of("cnn", model(new int[] {2, 9, 8}, new Conv2D(4, 3, 3).strides(2, 1).padding("same"),
                        new BatchNorm().initializers(Initializers.randomNormal(0, 0.5), Initializers.randomUniform(0.5, 2),
                                Initializers.randomNormal(0, 0.5), Initializers.randomUniform(0.5, 2)),
                        new ReLU(), new MaxPool2D(), new AvgPool2D(new int[] {2, 2}, new int[] {1, 1}, "same"),
                        new Flatten(), new Dense(3)), Tensor.randn(2, 4, 2, 9, 8)),
                Arguments.of("activations", model(new int[] {4, 5}, new ELU(0.7), new LeakyReLU(0.3),
                        new ReLU(2.0, 0.2, 0.5), new Dense(5).activation("gelu"), new LayerNorm(2, 1)),
                        Tensor.randn(3, 3, 4, 5).mul(2)),
                Arguments.of("global_max", model(new int[] {3, 5, 6}, new GlobalMaxPooling2D()), Tensor.randn(4, 2, 3, 5, 6)),
                Arguments.of("embedding", model(new int[] {6}, new Embedding(11, 3), new Dense(2)), ids(4, 6, 11)),
                Arguments.of("attention", model(new int[] {5, 8}, new MultiHeadAttention(2, 3).useCausalMask(true),
                        new TransformerEncoderBlock(8, 2, 12).activation("gelu")), Tensor.randn(5, 3, 5, 8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void importedExportComputesWhatTheModelComputes(String name, Model model, Tensor x) throws IOException {
        OnnxModel imported = OnnxImport.load(OnnxExport.toBytes(model), name);
        Tensor expected = model.predict(x);
        Tensor actual = imported.predict(x);
        assertArrayEquals(expected.shape(), actual.shape(), name);
        assertArrayEquals(expected.toFloatArray(), actual.toFloatArray(), 1e-5f, name);
        Tensor other = x.slice(0, 0, 1);
        assertArrayEquals(model.predict(other).toFloatArray(), imported.predict(other).toFloatArray(), 1e-5f,
                name + " with a batch of one");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cnn", "attention"})
    void importedExportsPassFloat64GradCheck(String name) throws IOException {
        Arguments args = models().filter(a -> a.get()[0].equals(name)).findFirst().orElseThrow();
        OnnxModel imported = OnnxImport.load(OnnxExport.toBytes((Model) args.get()[1]), name);
        imported.toDtype(DType.FLOAT64);
        Tensor x = ((Tensor) args.get()[2]).slice(0, 0, 2).to(DType.FLOAT64);
        GradCheck.assertGradients(in -> imported.callAll(List.of(x), true).get(0).tanh().sum(),
                imported.trainableParameters().toArray(new Tensor[0]));
        assertTrue(imported.summary().contains("Total params"), imported.summary());
    }

    @Test
    void anImportedCnnFineTunesLikeTheOriginal() throws IOException {
        Model original = (Model) models().filter(a -> a.get()[0].equals("cnn")).findFirst().orElseThrow().get()[1];
        OnnxModel imported = OnnxImport.load(OnnxExport.toBytes(original), "cnn");
        assertEquals(original.countParams(), imported.countParams());
        Tensor x = Tensor.randn(8, 16, 2, 9, 8);
        Tensor y = Tensor.randn(9, 16, 3);
        imported.compile(new Adam(0.01), Losses.meanSquaredError());
        List<Double> losses = imported.fit(x, y, FitOptions.defaults().epochs(5).batchSize(8).verbose(false)).get("loss");
        assertTrue(losses.get(4) < 0.8 * losses.get(0), losses.toString());
    }
}
